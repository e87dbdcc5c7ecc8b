// Accounts: creating them (an agent signs up a producer who will never open the app) and
// signing in. Sign-in answers the same message for an unknown number and a wrong password.
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { normalisePhone } from './phone';
import { clearAfterSuccess, isKnownDevice, isLimited, recordFailure, rememberDevice, usableDeviceToken, type Attempt } from './rate-limit';
import { createSession } from './session';
import type { Actor, Role } from './actor';
import type { Db } from '../db';
import { InvalidInputError } from '../errors';

export const WRONG_CREDENTIALS = 'Nomor HP atau kata sandi salah. Periksa lalu coba lagi.';
export const TOO_MANY_ATTEMPTS = 'Terlalu banyak percobaan masuk. Tunggu 15 menit, lalu coba lagi.';
export const BAD_PHONE = 'Tulis nomor HP Indonesia, misalnya 0812 3456 7890.';

export type SignInResult =
	| { ok: true; user: Actor; token: string; expiresAt: Date; deviceToken: string }
	| { ok: false; status: 422 | 429; message: string };

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
	const row = phone
		? (db.$client
				.prepare(
					`select id, role, name, producer_id as producerId, agent_id as agentId, cooperative_id as cooperativeId,
					        password_hash as passwordHash from users where phone = ?`
				)
				.get(phone) as (Actor & { passwordHash: string }) | undefined)
		: undefined;
	if (isLimited(db, attempt, isKnownDevice(db, attempt.device, row?.id ?? null), now)) return { ok: false, status: 429, message: TOO_MANY_ATTEMPTS };
	if (!phone) {
		recordFailure(db, attempt, now);
		return { ok: false, status: 422, message: BAD_PHONE };
	}
	// Always run one argon2 verification, account or not: equal time, equal answer.
	const ok = await verifyPassword(row?.passwordHash ?? null, input.password);
	if (!row || !ok) {
		recordFailure(db, attempt, now);
		return { ok: false, status: 422, message: WRONG_CREDENTIALS };
	}
	clearAfterSuccess(db, attempt);
	const deviceToken = rememberDevice(db, attempt.device, row.id, now);
	const { passwordHash: _, ...user } = row;
	const session = createSession(db, user.id, now);
	return { ok: true, user, ...session, deviceToken };
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
function checkNewAccount(db: Db, input: Pick<NewAccount, 'phone' | 'password' | 'name'>): { phone: string; name: string } {
	const phone = normalisePhone(input.phone);
	if (!phone) throw new AccountError(BAD_PHONE, 'phone');
	const weak = passwordProblem(input.password);
	if (weak) throw new AccountError(weak, 'password');
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) throw new AccountError('Nama wajib diisi.', 'name');
	if (name.length > 80) throw new AccountError('Nama terlalu panjang (paling banyak 80 huruf).', 'name');
	if (db.$client.prepare('select 1 from users where phone = ?').get(phone)) {
		throw new AccountError('Nomor HP ini sudah dipakai akun lain.', 'phone');
	}
	return { phone, name };
}

export function insertUser(db: Db, input: NewAccount & { phone: string; name: string; passwordHash: string }, now: Date): number {
	return Number(
		db.$client
			.prepare(
				`insert into users (phone, password_hash, role, name, producer_id, agent_id, cooperative_id, created_at)
				 values (?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(input.phone, input.passwordHash, input.role, input.name, input.producerId ?? null, input.agentId ?? null, input.cooperativeId ?? null, now.toISOString())
			.lastInsertRowid
	);
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
	const checked = checkNewAccount(db, input);
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
	const checked = checkNewAccount(db, input);
	const c = db.$client;
	const exists = (table: string, id: number) => Boolean(c.prepare(`select 1 from ${table} where id = ?`).get(id));
	const taken = (column: string, id: number) => Boolean(c.prepare(`select 1 from users where ${column} = ?`).get(id));
	const wrongFor = (option: string) => new LinkError(`--${option} tidak dipakai untuk peran ${input.role}.`);
	if (input.role === 'admin') {
		if (input.producerId || input.agentId || input.cooperativeId || input.villageCode) throw new LinkError('Akun admin tidak terhubung ke produsen, agen atau koperasi.');
	} else if (input.role === 'produsen') {
		if (input.cooperativeId) throw wrongFor('cooperative-id');
		if (input.producerId) {
			if (!exists('producers', input.producerId)) throw new LinkError(`Produsen #${input.producerId} tidak ada.`);
			if (taken('producer_id', input.producerId)) throw new LinkError(`Produsen #${input.producerId} sudah punya akun.`);
			if (input.agentId || input.villageCode) throw new LinkError('--agent-id dan --village hanya untuk produsen baru (tanpa --producer-id).');
		}
		if (input.agentId && !exists('agents', input.agentId)) throw new LinkError(`Agen #${input.agentId} tidak ada.`);
		if (input.villageCode && !c.prepare("select 1 from regions where code = ? and level = 'village'").get(input.villageCode)) {
			throw new LinkError(`Desa dengan kode ${input.villageCode} tidak ditemukan.`);
		}
	} else if (input.role === 'agen') {
		if (input.producerId) throw wrongFor('producer-id');
		if (input.cooperativeId) throw wrongFor('cooperative-id');
		if (input.villageCode) throw wrongFor('village');
		if (input.agentId && !exists('agents', input.agentId)) throw new LinkError(`Agen #${input.agentId} tidak ada.`);
		if (input.agentId && taken('agent_id', input.agentId)) throw new LinkError(`Agen #${input.agentId} sudah punya akun.`);
	} else {
		if (input.producerId) throw wrongFor('producer-id');
		if (input.agentId) throw wrongFor('agent-id');
		if (input.villageCode) throw wrongFor('village');
		if (input.cooperativeId && !exists('cooperatives', input.cooperativeId)) throw new LinkError(`Koperasi #${input.cooperativeId} tidak ada.`);
		if (input.cooperativeId && taken('cooperative_id', input.cooperativeId)) throw new LinkError(`Koperasi #${input.cooperativeId} sudah punya akun.`);
	}
	// Hash before the transaction: it takes a moment and must not hold the write lock.
	const passwordHash = await hashPassword(input.password);
	return db.$client.transaction((): CreatedAccount => {
		const at = now.toISOString();
		let linked: CreatedAccount['linked'] = null;
		const account: NewAccount & { phone: string; name: string; passwordHash: string } = { ...input, ...checked, passwordHash, producerId: null, agentId: null, cooperativeId: null };
		if (input.role === 'produsen') {
			const id =
				input.producerId ??
				Number(
					c.prepare('insert into producers (name, phone, village_code, agent_id, created_at) values (?, null, ?, ?, ?)').run(checked.name, input.villageCode ?? null, input.agentId ?? null, at)
						.lastInsertRowid
				);
			linked = { table: 'producers', id, created: !input.producerId };
			account.producerId = id;
		} else if (input.role === 'agen') {
			const id = input.agentId ?? Number(c.prepare('insert into agents (name) values (?)').run(checked.name).lastInsertRowid);
			linked = { table: 'agents', id, created: !input.agentId };
			account.agentId = id;
		} else if (input.role === 'koperasi') {
			const id = input.cooperativeId ?? Number(c.prepare('insert into cooperatives (name) values (?)').run(checked.name).lastInsertRowid);
			linked = { table: 'cooperatives', id, created: !input.cooperativeId };
			account.cooperativeId = id;
		}
		let userId: number;
		try {
			userId = insertUser(db, account, now);
		} catch (e) {
			// The number was free a moment ago; the unique index settles a race with another command.
			if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AccountError('Nomor HP ini sudah dipakai akun lain.', 'phone');
			throw e;
		}
		return { userId, role: input.role, phone: checked.phone, linked };
	})();
}
