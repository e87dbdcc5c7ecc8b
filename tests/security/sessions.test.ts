// Sign-in, sessions and the failure limit, on the services the /masuk and /keluar actions call.
import { beforeEach, describe, expect, test } from 'vitest';
import { hashToken, validateSession, deleteSession, SESSION_DAYS } from '../../src/lib/server/auth/session';
import { MAX_PER_ADDRESS, MAX_PER_DEVICE, MAX_PER_PHONE, MAX_PER_PHONE_ADDRESS } from '../../src/lib/server/auth/rate-limit';
import { BAD_PHONE, signIn, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS } from '../../src/lib/server/auth/accounts';
import { createWorld, PASSWORD, type World } from './world';
import { sqlColumn, sqlRows, sqlValue } from '../fixtures/sql';

let world: World;
beforeEach(async () => {
	world = await createWorld();
});

describe('sign-in', () => {
	test('accepts 08…, +628… and 628… for the same account', async () => {
		for (const phone of ['081200000002', '+62 812-0000-0002', '6281200000002']) {
			const r = await signIn(world.db, { phone, password: PASSWORD, address: '10.0.0.1' });
			expect(r.ok, phone).toBe(true);
		}
	});

	test('an unknown number and a wrong password get the same answer', async () => {
		const unknown = await signIn(world.db, { phone: '081299999999', password: PASSWORD, address: '10.0.0.1' });
		const wrong = await signIn(world.db, { phone: '081200000002', password: 'salah-sekali', address: '10.0.0.2' });
		expect(unknown).toEqual({ ok: false, status: 422, message: WRONG_CREDENTIALS });
		expect(wrong).toEqual(unknown);
		expect(WRONG_CREDENTIALS).not.toMatch(/terdaftar|tidak ada|belum/i);
		expect((await signIn(world.db, { phone: '12345', password: 'x', address: '10.0.0.3' })).ok).toBe(false);
		expect(BAD_PHONE).toMatch(/nomor HP Indonesia/);
	});

	test(`after ${MAX_PER_ADDRESS} failures from one address it is locked for every number (for browsers it does not know)`, async () => {
		for (let i = 0; i < MAX_PER_ADDRESS; i++) await signIn(world.db, { phone: `0812555500${String(i).padStart(2, '0')}`, password: 'x', address: '10.9.9.9' });
		expect(await signIn(world.db, { phone: '081200000001', password: PASSWORD, address: '10.9.9.9' })).toMatchObject({ status: 429 });
		expect((await signIn(world.db, { phone: '081200000001', password: PASSWORD, address: '10.9.9.8' })).ok).toBe(true);
	});

	test('the window slides: failures older than 15 minutes no longer count', async () => {
		const old = new Date(Date.now() - 16 * 60_000);
		for (let i = 0; i < MAX_PER_PHONE; i++) await signIn(world.db, { phone: '081200000002', password: 'x', address: `10.3.0.${i}` }, old);
		expect((await signIn(world.db, { phone: '081200000002', password: PASSWORD, address: '10.3.0.1' })).ok).toBe(true);
	});
});

// Issue 12: anyone could lock anyone out (five wrong passwords for a number locked its owner out
// for 15 minutes, with the right password, from any device). The attack and the defence.
describe('a lockout that cannot be turned against the owner', () => {
	const OWNER = '081200000002';
	const wrong = async (address: string, device: string | null = null, phone = OWNER) => signIn(world.db, { phone, password: 'tebakan-salah', address, device });

	test(`an attacker at one address is stopped after ${MAX_PER_PHONE_ADDRESS} tries; the owner at another address signs in`, async () => {
		for (let i = 0; i < MAX_PER_PHONE_ADDRESS; i++) expect((await wrong('10.6.6.6')).ok).toBe(false);
		// The attacker's address is held back, even with the right password (no oracle).
		expect(await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.6.6.6' })).toMatchObject({ status: 429 });
		expect(await wrong('10.6.6.6')).toMatchObject({ status: 429 });
		// Refused tries are not counted: hammering on cannot reach the number-wide limit.
		for (let i = 0; i < 20; i++) await wrong('10.6.6.6');
		// The owner, from anywhere else, on a phone that never signed in before.
		expect((await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.7.7.7' })).ok).toBe(true);
	});

	test(`guessing from many addresses stays slow: after ${MAX_PER_PHONE} failures new browsers wait, registered number or not`, async () => {
		for (const phone of [OWNER, '081277777777']) {
			for (let i = 0; i < MAX_PER_PHONE; i++) await wrong(`10.1.${i}.1`, null, phone);
			expect(await signIn(world.db, { phone, password: PASSWORD, address: '10.2.0.1' }), phone).toEqual({ ok: false, status: 429, message: TOO_MANY_ATTEMPTS });
		}
	});

	test("the owner's own phone, which signed in before, still gets in during a distributed attack", async () => {
		const first = await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.0.0.1' });
		if (!first.ok) throw new Error('sign-in failed');
		const device = first.deviceToken;
		expect(device.length).toBeGreaterThanOrEqual(43);
		// Only the sha256 of the device token is stored.
		expect(JSON.stringify(await sqlRows(world.db, 'select * from known_devices'))).not.toContain(device);

		for (let i = 0; i < MAX_PER_PHONE + 5; i++) await wrong(`10.4.${i}.1`);
		for (let i = 0; i < MAX_PER_ADDRESS; i++) await wrong('10.0.0.1', null, `0812555501${String(i).padStart(2, '0')}`);
		// A new browser is held back (by the number's count and by the shared address)…
		expect(await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.0.0.1' })).toMatchObject({ status: 429 });
		// …the owner's known phone, at the same address, is not; it keeps its token.
		const again = await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.0.0.1', device });
		expect(again.ok && again.deviceToken).toBe(device);
	});

	test('a device cookie is only good for the account that signed in on it', async () => {
		const first = await signIn(world.db, { phone: '081200000001', password: PASSWORD, address: '10.0.0.1' });
		if (!first.ok) throw new Error('sign-in failed');
		for (let i = 0; i < MAX_PER_PHONE; i++) await wrong(`10.5.${i}.1`);
		// The attacker's own device cookie (from their own account) does not open the way to another's number.
		expect(await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.0.0.9', device: first.deviceToken })).toMatchObject({ status: 429 });
	});

	test(`a known device guessing is stopped after ${MAX_PER_DEVICE} of its own failures`, async () => {
		const first = await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.0.0.1' });
		if (!first.ok) throw new Error('sign-in failed');
		for (let i = 0; i < MAX_PER_DEVICE; i++) await wrong(`10.8.${i}.1`, first.deviceToken);
		expect(await signIn(world.db, { phone: OWNER, password: PASSWORD, address: '10.8.9.1', device: first.deviceToken })).toMatchObject({ status: 429 });
	});
});

describe('sessions', () => {
	test('only the sha256 of the token is stored; the token validates until sign-out', async () => {
		const r = await signIn(world.db, { phone: '081200000004', password: PASSWORD, address: '10.0.0.1' });
		if (!r.ok) throw new Error('sign-in failed');
		const ids = (await sqlColumn(world.db, 'select id from sessions')) as string[];
		expect(ids).toContain(hashToken(r.token));
		expect(ids).not.toContain(r.token);
		expect(r.token.length).toBeGreaterThanOrEqual(43); // 32 random bytes
		const session = await validateSession(world.db, r.token);
		expect(session?.user.role).toBe('admin');
		expect(JSON.stringify(session)).not.toMatch(/argon2|6281200000004/);
		await deleteSession(world.db, session!.sessionId);
		expect(await validateSession(world.db, r.token)).toBeNull();
	});

	test('an expired session is refused and removed; a half-used one is extended', async () => {
		const r = await signIn(world.db, { phone: '081200000001', password: PASSWORD, address: '10.0.0.1' });
		if (!r.ok) throw new Error('sign-in failed');
		const day = 86_400_000;
		const later = new Date(Date.now() + 20 * day);
		expect((await validateSession(world.db, r.token, later))?.renewedUntil?.getTime()).toBe(later.getTime() + SESSION_DAYS * day);
		// The new expiry is kept: past the first 30 days the person is still signed in.
		expect((await validateSession(world.db, r.token, new Date(Date.now() + 40 * day)))?.user.role).toBe('produsen');
		expect(await validateSession(world.db, r.token, new Date(Date.now() + 200 * day))).toBeNull();
		expect(await sqlValue(world.db, 'select count(*) from sessions')).toBe(0);
	});

	test('random tokens are refused', async () => {
		expect(await validateSession(world.db, 'tebakan')).toBeNull();
		expect(await validateSession(world.db, 'x'.repeat(5000))).toBeNull();
		expect(await validateSession(world.db, undefined)).toBeNull();
	});
});
