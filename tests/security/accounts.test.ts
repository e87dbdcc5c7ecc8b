// Accounts people run themselves (issue 13): change one's password, end other sessions, a reset
// with a one-time code by the producer's agent or an admin, disabling an account and giving it
// another role — each working for whom it is meant and refused, with a message, for everyone else.
import { beforeEach, describe, expect, test } from 'vitest';
import { createSession, deleteOwnSession, listSessions, validateSession } from '../../src/lib/server/auth/session';
import {
	ACCOUNT_DISABLED,
	changePassword,
	insertUser,
	listAccounts,
	producerAccountId,
	resetPassword,
	setAccountDisabled,
	setAccountRole,
	signIn,
	WRONG_CREDENTIALS
} from '../../src/lib/server/auth/accounts';
import { ForbiddenError } from '../../src/lib/server/errors';
import { hashSync } from '@node-rs/argon2';
import { createWorld, PASSWORD, PHONES, type World } from './world';
import { sqlInsertId, sqlValue } from '../fixtures/sql';

let world: World;
beforeEach(async () => {
	world = await createWorld();
});

const signInAs = async (phone: string, password: string, address = '10.1.0.1') => signIn(world.db, { phone, password, address });

describe('changing one’s own password', () => {
	test('needs the current password; afterwards only the new one works and other devices are signed out', async () => {
		const me = world.actors.produsen;
		const here = await createSession(world.db, me.id);
		const other = await createSession(world.db, me.id);
		const hereId = (await validateSession(world.db, here.token))!.sessionId;
		await expect(changePassword(world.db, me, { current: 'bukan-ini-123', next: 'sandi-baru-456', repeat: 'sandi-baru-456', keepSessionId: hereId })).rejects.toThrow(
			'Kata sandi sekarang salah'
		);
		await expect(changePassword(world.db, me, { current: PASSWORD, next: 'pendek', repeat: 'pendek', keepSessionId: hereId })).rejects.toThrow('minimal 8');
		await expect(changePassword(world.db, me, { current: PASSWORD, next: 'sandi-baru-456', repeat: 'sandi-baru-457', keepSessionId: hereId })).rejects.toThrow('tidak sama');
		const r = await changePassword(world.db, me, { current: PASSWORD, next: 'sandi-baru-456', repeat: 'sandi-baru-456', keepSessionId: hereId });
		expect(r.endedSessions).toBe(1);
		expect(await validateSession(world.db, here.token)).not.toBeNull();
		expect(await validateSession(world.db, other.token)).toBeNull();
		expect(await signInAs(PHONES.produsen, PASSWORD)).toEqual({ ok: false, status: 422, message: WRONG_CREDENTIALS });
		expect((await signInAs(PHONES.produsen, 'sandi-baru-456')).ok).toBe(true);
	});

	test('the session list shows one’s own sessions only, and one cannot end someone else’s', async () => {
		const mine = await createSession(world.db, world.actors.produsen.id);
		const theirs = await createSession(world.db, world.actors.agen.id);
		const mineId = (await validateSession(world.db, mine.token))!.sessionId;
		const theirsId = (await validateSession(world.db, theirs.token))!.sessionId;
		const list = await listSessions(world.db, world.actors.produsen.id, mineId);
		expect(list.map((s) => [s.id, s.current])).toEqual([[mineId, true]]);
		expect(await deleteOwnSession(world.db, world.actors.produsen.id, theirsId)).toBe(false);
		expect(await validateSession(world.db, theirs.token)).not.toBeNull();
	});
});

describe('a reset with a one-time code', () => {
	test('the producer’s agent makes a code; it signs in once and a new password must follow', async () => {
		const account = (await producerAccountId(world.db, world.producers.pA1))!;
		const before = await createSession(world.db, account);
		const { code } = await resetPassword(world.db, world.actors.agen, account);
		expect(code).toMatch(/^\d{8}$/);
		// Whoever held the phone is out; the old password no longer works.
		expect(await validateSession(world.db, before.token)).toBeNull();
		expect((await signInAs(PHONES.produsen, PASSWORD)).ok).toBe(false);
		// Typed as shown ("4821 7730"), with its space.
		const signed = await signInAs(PHONES.produsen, `${code.slice(0, 4)} ${code.slice(4)}`);
		expect(signed).toMatchObject({ ok: true, mustChangePassword: true });
		const token = signed.ok ? signed.token : '';
		expect((await validateSession(world.db, token))?.mustChangePassword).toBe(true);
		await changePassword(world.db, world.actors.produsen, { current: code, next: 'sandi-sendiri-1', repeat: 'sandi-sendiri-1', keepSessionId: (await validateSession(world.db, token))!.sessionId });
		expect((await validateSession(world.db, token))?.mustChangePassword).toBe(false);
		// One time: the code is gone with the new password.
		expect((await signInAs(PHONES.produsen, code)).ok).toBe(false);
	});

	test('refused with a message for another agent’s producer, for producers, co-ops and one’s own account', async () => {
		// Bu Tutik belongs to agent B: agent A may not reset her account.
		const tutik = Number(
			await sqlInsertId(world.db, "insert into users (phone, password_hash, role, name, producer_id, created_at) values ('6281200000009', ?, 'produsen', 'Bu Tutik', ?, '2026-01-01')", hashSync(PASSWORD), world.producers.pB1)
		);
		const sri = (await producerAccountId(world.db, world.producers.pA1))!;
		const refused = [
			[world.actors.agen, tutik],
			[world.actors.agen, world.actors.admin.id],
			[world.actors.produsen, tutik],
			[world.actors.koperasi, sri],
			[world.actors.agen, world.actors.agen.id]
		] as const;
		for (const [actor, target] of refused) {
			await expect(resetPassword(world.db, actor, target), `${actor.role} → ${target}`).rejects.toBeInstanceOf(ForbiddenError);
		}
		await expect(resetPassword(world.db, world.actors.agen, tutik)).rejects.toThrow('Hanya agen produsen ini atau admin');
		// Nothing changed for them.
		expect((await signInAs('6281200000009', PASSWORD)).ok).toBe(true);
		// The admin may reset anyone else.
		expect((await resetPassword(world.db, world.actors.admin, tutik)).code).toMatch(/^\d{8}$/);
	});
});

describe('disabling an account and giving it another role (admin only)', () => {
	test('a disabled account is signed out everywhere and cannot sign in until it is enabled again', async () => {
		const session = await createSession(world.db, world.actors.produsen.id);
		await setAccountDisabled(world.db, world.actors.admin, world.actors.produsen.id, true);
		expect(await validateSession(world.db, session.token)).toBeNull();
		expect(await signInAs(PHONES.produsen, PASSWORD)).toEqual({ ok: false, status: 403, message: ACCOUNT_DISABLED });
		// A wrong password gets the usual answer: being disabled is said only to the owner.
		expect(await signInAs(PHONES.produsen, 'salah-salah-1', '10.1.0.2')).toEqual({ ok: false, status: 422, message: WRONG_CREDENTIALS });
		expect((await listAccounts(world.db, world.actors.admin)).find((a) => a.id === world.actors.produsen.id)?.disabled).toBe(true);
		await setAccountDisabled(world.db, world.actors.admin, world.actors.produsen.id, false);
		expect((await signInAs(PHONES.produsen, PASSWORD)).ok).toBe(true);
	});

	test('refused for every other role and for the admin’s own account', async () => {
		for (const role of ['produsen', 'agen', 'koperasi'] as const) {
			await expect(setAccountDisabled(world.db, world.actors[role], world.actors.produsen.id, true), role).rejects.toThrow('Hanya admin');
			await expect(setAccountRole(world.db, world.actors[role], world.actors.produsen.id, 'admin'), role).rejects.toThrow('Hanya admin');
			await expect(listAccounts(world.db, world.actors[role]), role).rejects.toThrow(ForbiddenError);
		}
		await expect(setAccountDisabled(world.db, world.actors.admin, world.actors.admin.id, true)).rejects.toThrow('akun Anda sendiri');
		await expect(setAccountRole(world.db, world.actors.admin, world.actors.admin.id, 'produsen')).rejects.toThrow('peran Anda sendiri');
		expect((await validateSession(world.db, (await createSession(world.db, world.actors.produsen.id)).token))?.user.role).toBe('produsen');
	});

	test('a new role takes effect at once, with the agent record it needs', async () => {
		const session = await createSession(world.db, world.actors.koperasi.id);
		await setAccountRole(world.db, world.actors.admin, world.actors.koperasi.id, 'agen');
		expect(await validateSession(world.db, session.token)).toBeNull();
		const user = (await validateSession(world.db, (await createSession(world.db, world.actors.koperasi.id)).token))!.user;
		expect(user.role).toBe('agen');
		expect(await sqlValue(world.db, 'select name from agents where id = ?', user.agentId)).toBe('KUD X');
		await expect(setAccountRole(world.db, world.actors.admin, world.actors.koperasi.id, 'raja' as 'admin')).rejects.toThrow('Pilih salah satu peran');
	});
});

describe('the admin’s list of accounts', () => {
	test('by role, then by name whatever its capitals; a reset account shows it must choose a password', async () => {
		const now = new Date('2026-11-01T00:00:00Z');
		for (const [phone, name] of [['6281399990001', 'budi santoso'], ['6281399990002', 'Ani Lestari'], ['6281399990003', 'Cahya']] as const) {
			await insertUser(world.db, { phone, name, role: 'produsen', password: '', passwordHash: 'x' }, now);
		}
		await resetPassword(world.db, world.actors.admin, world.actors.agen.id);
		const list = await listAccounts(world.db, world.actors.admin);
		expect(list.map((a) => [a.role, a.name])).toEqual([
			['admin', 'Admin'],
			['agen', 'Agen A'],
			['koperasi', 'KUD X'],
			['produsen', 'Ani Lestari'],
			['produsen', 'Bu Sri'],
			['produsen', 'budi santoso'],
			['produsen', 'Cahya']
		]);
		expect(list.filter((a) => a.mustChangePassword).map((a) => a.name)).toEqual(['Agen A']);
		expect(list.find((a) => a.name === 'Cahya')).toMatchObject({ phone: '6281399990003', roleLabel: 'Produsen', disabled: false, createdAt: now.toISOString() });
	});
});
