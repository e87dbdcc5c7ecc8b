// Accounts: creating them (an agent signs up a producer who will never open the app) and
// signing in. Sign-in answers the same message for an unknown number and a wrong password.
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { normalisePhone } from './phone';
import { clearAfterSuccess, isKnownDevice, isLimited, recordFailure, rememberDevice, usableDeviceToken, type Attempt } from './rate-limit';
import { isUniqueViolation } from '../db/driver-errors';
import { randomInt } from 'node:crypto';
import { createSession, deleteUserSessions } from './session';
import { ROLE_LABELS, type Actor, type Role } from './actor';
import type { Db } from '../db';
import * as q from '../db/queries/auth/accounts';
import type { DbConn } from '../db/queries/auth/accounts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { transaction } from '../db/run';

export const WRONG_CREDENTIALS = 'Nomor HP atau kata sandi salah. Periksa lalu coba lagi.';
export const TOO_MANY_ATTEMPTS = 'Terlalu banyak percobaan masuk. Tunggu 15 menit, lalu coba lagi.';
export const BAD_PHONE = 'Tulis nomor HP Indonesia, misalnya 0812 3456 7890.';
export const ACCOUNT_DISABLED = 'Akun ini sedang dinonaktifkan. Hubungi admin atau Agen Despro Anda.';

export type SignInResult =
	| { ok: true; user: Actor; token: string; expiresAt: Date; deviceToken: string; mustChangePassword: boolean }
	| { ok: false; status: 403 | 422 | 429; message: string };

/**
 * Checks a phone number and password. `device` is the browser's device cookie, if any: a
 * browser that signed in to this account before is not held back by other people's failures
 * (auth/rate-limit.ts); on success the answer carries the device token to (re)set.
 */
export async function signIn(
	db: Db,
	input: { phone: string; password: string; address: string; device?: string | null },
	now = new Date()
): Promise<SignInResult> {
	const phone = normalisePhone(input.phone);
	const attempt: Attempt = { phone, address: input.address, device: usableDeviceToken(input.device) };
	const row = phone ? (await q.accountForSignIn(db, phone)) : undefined;
	if ((await isLimited(db, attempt, await isKnownDevice(db, attempt.device, row?.id ?? null), now))) return { ok: false, status: 429, message: TOO_MANY_ATTEMPTS };
	if (!phone) {
		await recordFailure(db, attempt, now);
		return { ok: false, status: 422, message: BAD_PHONE };
	}
	// Always run one argon2 verification, account or not: equal time, equal answer.
	// A one-time code is shown as "4821 7730": typed with its space, it still counts.
	const ok = await verifyPassword(row?.passwordHash ?? null, row?.mustChangePassword ? input.password.replace(/\s+/g, '') : input.password);
	if (!row || !ok) {
		await recordFailure(db, attempt, now);
		return { ok: false, status: 422, message: WRONG_CREDENTIALS };
	}
	await clearAfterSuccess(db, attempt);
	// Said only after the right password, so it reveals nothing to someone guessing.
	if (row.disabledAt) return { ok: false, status: 403, message: ACCOUNT_DISABLED };
	const deviceToken = await rememberDevice(db, attempt.device, row.id, now);
	const { passwordHash: _, disabledAt: __, mustChangePassword, ...user } = row;
	const session = await createSession(db, user.id, now);
	return { ok: true, user, ...session, deviceToken, mustChangePassword };
}

/**
 * A person changes their own password: the current one (or the one-time code) first, then the
 * new one twice. Every other session of theirs ends, so a phone someone else still holds is out.
 */
export async function changePassword(
	db: Db,
	actor: Pick<Actor, 'id'>,
	input: { current: string; next: string; repeat: string; keepSessionId: string | null }
): Promise<{ endedSessions: number }> {
	const stored = await q.passwordOf(db, actor.id);
	if (!stored) throw new NotFoundError('Akun ini tidak ada.');
	if (!(await verifyPassword(stored.hash, stored.mustChange ? input.current.replace(/\s+/g, '') : input.current))) throw new AccountError('Kata sandi sekarang salah. Periksa lalu coba lagi.', 'password');
	const weak = passwordProblem(input.next);
	if (weak) throw new AccountError(weak, 'password');
	if (input.next !== input.repeat) throw new AccountError('Kata sandi baru dan ulangannya tidak sama.', 'password');
	if (input.next === input.current) throw new AccountError('Kata sandi baru harus lain dari yang sekarang.', 'password');
	const passwordHash = await hashPassword(input.next);
	return await transaction(db, async (tx) => {
		await q.setPassword(tx, actor.id, passwordHash, false);
		return { endedSessions: await deleteUserSessions(db, actor.id, input.keepSessionId) };
	});
}

/** Digits only: easy to read out over the phone or type from a WhatsApp message. */
const CODE_LENGTH = 8;

function oneTimeCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += String(randomInt(10));
	return code;
}

interface AccountRow {
	id: number;
	role: Role;
	name: string;
	producerId: number | null;
	disabledAt: string | null;
}

async function accountRow(db: Db, userId: number): Promise<AccountRow> {
	const row = await q.accountById(db, userId);
	if (!row) throw new NotFoundError('Akun ini tidak ada.');
	return row;
}

/**
 * Whether `actor` may reset `target`'s password: an admin any other account; an agent the
 * accounts of the producers assigned to them. Nobody resets their own (that is /akun).
 */
async function mayReset(db: Db, actor: Actor, target: AccountRow): Promise<boolean> {
	if (target.id === actor.id) return false;
	if (actor.role === 'admin') return true;
	if (actor.role !== 'agen' || target.role !== 'produsen' || target.producerId === null) return false;
	return await q.producerHasAgent(db, target.producerId, actor.agentId ?? -1);
}

export async function canResetPassword(db: Db, actor: Actor, userId: number): Promise<boolean> {
	const row = await q.accountById(db, userId);
	return row ? (await mayReset(db, actor, row)) : false;
}

/**
 * Resets a password to a one-time code, returned once and never stored in clear: the person
 * signs in with it and must then choose a new password (hooks.server.ts sends them to /akun).
 * Their sessions end, so whoever had the phone before is signed out.
 */
export async function resetPassword(db: Db, actor: Actor, userId: number): Promise<{ code: string; name: string }> {
	const target = await accountRow(db, userId);
	if (target.id === actor.id) throw new ForbiddenError('Ganti kata sandi Anda sendiri di halaman Akun.');
	if (!(await mayReset(db, actor, target))) throw new ForbiddenError('Hanya agen produsen ini atau admin yang bisa membuat kode sekali pakai.');
	const code = oneTimeCode();
	const passwordHash = await hashPassword(code);
	await transaction(db, async (tx) => {
		await q.setPassword(tx, target.id, passwordHash, true);
		await deleteUserSessions(db, target.id);
	});
	return { code, name: target.name };
}

/** The account of a producer (the agent's producer page), or null when the producer has none. */
export async function producerAccountId(db: Db, producerId: number): Promise<number | null> {
	return await q.producerAccountId(db, producerId);
}

const ADMIN_ONLY = 'Hanya admin yang bisa mengubah akun orang lain.';

/** An admin disables (true) or re-enables (false) an account; a disabled account's sessions end at once. */
export async function setAccountDisabled(db: Db, actor: Actor, userId: number, disabled: boolean, now = new Date()): Promise<void> {
	if (actor.role !== 'admin') throw new ForbiddenError(ADMIN_ONLY);
	const target = await accountRow(db, userId);
	if (target.id === actor.id) throw new ForbiddenError('Anda tidak bisa menonaktifkan akun Anda sendiri.');
	await transaction(db, async (tx) => {
		await q.setDisabledAt(tx, target.id, disabled ? now.toISOString() : null);
		if (disabled) await deleteUserSessions(db, target.id);
	});
}

/**
 * An admin gives an account another role. Agen, koperasi and produsen accounts stand for a row
 * of their own table: the one already linked, else a new one with the account's name (as
 * `npm run account -- create` does). The person's sessions end so the new role applies at once.
 */
export async function setAccountRole(db: Db, actor: Actor, userId: number, role: Role): Promise<void> {
	if (actor.role !== 'admin') throw new ForbiddenError(ADMIN_ONLY);
	if (!(role in ROLE_LABELS)) throw new InvalidInputError('Pilih salah satu peran: produsen, agen, koperasi atau admin.');
	const target = await accountRow(db, userId);
	if (target.id === actor.id) throw new ForbiddenError('Anda tidak bisa mengubah peran Anda sendiri.');
	if (target.role === role) return;
	await transaction(db, async (tx) => {
		const linked = await q.accountLinks(tx, target.id);
		if (!linked) throw new NotFoundError('Akun ini tidak ada.');
		const at = new Date().toISOString();
		if (role === 'produsen' && linked.producerId === null) {
			await q.linkAccount(tx, target.id, { producerId: await q.insertProducer(tx, { name: target.name, villageCode: null, agentId: null, createdAt: at }) });
		} else if (role === 'agen' && linked.agentId === null) {
			await q.linkAccount(tx, target.id, { agentId: await q.insertAgent(tx, target.name) });
		} else if (role === 'koperasi' && linked.cooperativeId === null) {
			await q.linkAccount(tx, target.id, { cooperativeId: await q.insertCooperative(tx, target.name) });
		}
		await q.setRole(tx, target.id, role);
		await deleteUserSessions(db, target.id);
	});
}

export interface AccountListing {
	id: number;
	name: string;
	phone: string;
	role: Role;
	roleLabel: string;
	disabled: boolean;
	mustChangePassword: boolean;
	createdAt: string;
}

/** Every account, for the admin page (admin only: phone numbers are personal). */
export async function listAccounts(db: Db, actor: Actor): Promise<AccountListing[]> {
	if (actor.role !== 'admin') throw new ForbiddenError(ADMIN_ONLY);
	return (await q.allAccounts(db)).map(({ disabledAt, ...r }) => ({ ...r, roleLabel: ROLE_LABELS[r.role], disabled: disabledAt !== null }));
}

export class AccountError extends InvalidInputError {
	constructor(
		message: string,
		override readonly field: 'phone' | 'password' | 'name'
	) {
		super(message, field);
		this.name = 'AccountError';
	}
}

export interface NewAccount {
	phone: string;
	password: string;
	role: Role;
	name: string;
	producerId?: number | null;
	agentId?: number | null;
	cooperativeId?: number | null;
}

/** The checks every new account passes: an Indonesian mobile number nobody uses yet, a strong enough password, a name. */
async function checkNewAccount(db: Db, input: Pick<NewAccount, 'phone' | 'password' | 'name'>): Promise<{ phone: string; name: string }> {
	const phone = normalisePhone(input.phone);
	if (!phone) throw new AccountError(BAD_PHONE, 'phone');
	const weak = passwordProblem(input.password);
	if (weak) throw new AccountError(weak, 'password');
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) throw new AccountError('Nama wajib diisi.', 'name');
	if (name.length > 80) throw new AccountError('Nama terlalu panjang (paling banyak 80 huruf).', 'name');
	if ((await q.phoneInUse(db, phone))) {
		throw new AccountError('Nomor HP ini sudah dipakai akun lain.', 'phone');
	}
	return { phone, name };
}

/** Writes a checked account (checkedAccount); `db` may be a transaction the caller's other writes share. */
export async function insertUser(db: DbConn, input: NewAccount & { phone: string; name: string; passwordHash: string }, now: Date): Promise<number> {
	return await q.insertUser(db, {
		phone: input.phone,
		passwordHash: input.passwordHash,
		role: input.role,
		name: input.name,
		producerId: input.producerId ?? null,
		agentId: input.agentId ?? null,
		cooperativeId: input.cooperativeId ?? null,
		createdAt: now.toISOString()
	});
}

/** Creates an account; throws AccountError (with the field at fault) for a bad or taken number or a weak password. */
export async function createAccount(db: Db, input: NewAccount, now = new Date()): Promise<number> {
	return insertUser(db, await checkedAccount(db, input), now);
}

/**
 * The checks and the password hash of a new account, before anything is written: a caller that
 * writes other rows with it (a new producer) does all its writes in one transaction after this.
 */
export async function checkedAccount(db: Db, input: NewAccount): Promise<NewAccount & { phone: string; name: string; passwordHash: string }> {
	const checked = await checkNewAccount(db, input);
	const passwordHash = await hashPassword(input.password);
	return { ...input, ...checked, passwordHash };
}

/** A problem with the record an account is linked to (a producer, agent or co-op id). */
export class LinkError extends InvalidInputError {
	constructor(message: string) {
		super(message);
		this.name = 'LinkError';
	}
}

export interface StandaloneAccount {
	role: Role;
	phone: string;
	name: string;
	password: string;
	/** produsen: an existing producer without an account; left out, a new producer of this name is created. */
	producerId?: number;
	/** agen: an existing agent without an account (else a new agent); produsen: the new producer's agent. */
	agentId?: number;
	/** koperasi: an existing co-op without an account; left out, a new co-op of this name is created. */
	cooperativeId?: number;
	/** produsen (new producer only): the village code (Kemendagri), e.g. 3216061001. */
	villageCode?: string;
}

export interface CreatedAccount {
	userId: number;
	role: Role;
	phone: string;
	/** The record the account stands for, and whether it was made now. */
	linked: { table: 'producers' | 'agents' | 'cooperatives'; id: number; created: boolean } | null;
}

/**
 * An account made by whoever runs the server (`npm run account -- create`): the first admin of
 * a real install, or any role. Admin stands alone; produsen, agen and koperasi accounts stand
 * for a row of their own table: an existing one (by id, not yet linked to an account) or a new
 * one made with the account's name. Account and record are made together or not at all.
 */
export async function createStandaloneAccount(db: Db, input: StandaloneAccount, now = new Date()): Promise<CreatedAccount> {
	const checked = await checkNewAccount(db, input);
	const wrongFor = (option: string) => new LinkError(`--${option} tidak dipakai untuk peran ${input.role}.`);
	if (input.role === 'admin') {
		if (input.producerId || input.agentId || input.cooperativeId || input.villageCode) throw new LinkError('Akun admin tidak terhubung ke produsen, agen atau koperasi.');
	} else if (input.role === 'produsen') {
		if (input.cooperativeId) throw wrongFor('cooperative-id');
		if (input.producerId) {
			if (!(await q.producerExists(db, input.producerId))) throw new LinkError(`Produsen #${input.producerId} tidak ada.`);
			if ((await q.linkTaken(db, 'producerId', input.producerId))) throw new LinkError(`Produsen #${input.producerId} sudah punya akun.`);
			if (input.agentId || input.villageCode) throw new LinkError('--agent-id dan --village hanya untuk produsen baru (tanpa --producer-id).');
		}
		if (input.agentId && !(await q.agentExists(db, input.agentId))) throw new LinkError(`Agen #${input.agentId} tidak ada.`);
		if (input.villageCode && !(await q.villageExists(db, input.villageCode))) {
			throw new LinkError(`Desa dengan kode ${input.villageCode} tidak ditemukan.`);
		}
	} else if (input.role === 'agen') {
		if (input.producerId) throw wrongFor('producer-id');
		if (input.cooperativeId) throw wrongFor('cooperative-id');
		if (input.villageCode) throw wrongFor('village');
		if (input.agentId && !(await q.agentExists(db, input.agentId))) throw new LinkError(`Agen #${input.agentId} tidak ada.`);
		if (input.agentId && (await q.linkTaken(db, 'agentId', input.agentId))) throw new LinkError(`Agen #${input.agentId} sudah punya akun.`);
	} else {
		if (input.producerId) throw wrongFor('producer-id');
		if (input.agentId) throw wrongFor('agent-id');
		if (input.villageCode) throw wrongFor('village');
		if (input.cooperativeId && !(await q.cooperativeExists(db, input.cooperativeId))) throw new LinkError(`Koperasi #${input.cooperativeId} tidak ada.`);
		if (input.cooperativeId && (await q.linkTaken(db, 'cooperativeId', input.cooperativeId))) throw new LinkError(`Koperasi #${input.cooperativeId} sudah punya akun.`);
	}
	// Hash before the transaction: it takes a moment and must not hold the write lock.
	const passwordHash = await hashPassword(input.password);
	return await transaction(db, async (tx): Promise<CreatedAccount> => {
		const at = now.toISOString();
		let linked: CreatedAccount['linked'] = null;
		const account: NewAccount & { phone: string; name: string; passwordHash: string } = { ...input, ...checked, passwordHash, producerId: null, agentId: null, cooperativeId: null };
		if (input.role === 'produsen') {
			const id = input.producerId ?? (await q.insertProducer(tx, { name: checked.name, villageCode: input.villageCode ?? null, agentId: input.agentId ?? null, createdAt: at }));
			linked = { table: 'producers', id, created: !input.producerId };
			account.producerId = id;
		} else if (input.role === 'agen') {
			const id = input.agentId ?? (await q.insertAgent(tx, checked.name));
			linked = { table: 'agents', id, created: !input.agentId };
			account.agentId = id;
		} else if (input.role === 'koperasi') {
			const id = input.cooperativeId ?? (await q.insertCooperative(tx, checked.name));
			linked = { table: 'cooperatives', id, created: !input.cooperativeId };
			account.cooperativeId = id;
		}
		let userId: number;
		try {
			userId = await insertUser(tx, account, now);
		} catch (e) {
			// The number was free a moment ago; the unique index settles a race with another command.
			if (isUniqueViolation(e)) throw new AccountError('Nomor HP ini sudah dipakai akun lain.', 'phone');
			throw e;
		}
		return { userId, role: input.role, phone: checked.phone, linked };
	});
}
