// Accounts: creating them (an agent signs up a producer who will never open the app) and
// signing in. Sign-in answers the same message for an unknown number and a wrong password.
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { normalisePhone } from '../auth/phone';
import { clearPhoneFailures, isLimited, recordFailure } from '../auth/rate-limit';
import { createSession } from '../auth/session';
import type { Actor, Role } from '../auth/actor';
import type { Db } from '../db';

export const WRONG_CREDENTIALS = 'Nomor HP atau kata sandi salah. Periksa lalu coba lagi.';
export const TOO_MANY_ATTEMPTS = 'Terlalu banyak percobaan masuk. Tunggu 15 menit, lalu coba lagi.';
export const BAD_PHONE = 'Tulis nomor HP Indonesia, misalnya 0812 3456 7890.';

export type SignInResult =
	| { ok: true; user: Actor; token: string; expiresAt: Date }
	| { ok: false; status: 422 | 429; message: string };

export async function signIn(
	db: Db,
	input: { phone: string; password: string; address: string },
	now = new Date()
): Promise<SignInResult> {
	const phone = normalisePhone(input.phone);
	if (isLimited(db, phone, input.address, now)) return { ok: false, status: 429, message: TOO_MANY_ATTEMPTS };
	if (!phone) {
		recordFailure(db, null, input.address, now);
		return { ok: false, status: 422, message: BAD_PHONE };
	}
	const row = db.$client
		.prepare(
			`select id, role, name, producer_id as producerId, agent_id as agentId, cooperative_id as cooperativeId,
			        password_hash as passwordHash from users where phone = ?`
		)
		.get(phone) as (Actor & { passwordHash: string }) | undefined;
	// Always run one argon2 verification, account or not: equal time, equal answer.
	const ok = await verifyPassword(row?.passwordHash ?? null, input.password);
	if (!row || !ok) {
		recordFailure(db, phone, input.address, now);
		return { ok: false, status: 422, message: WRONG_CREDENTIALS };
	}
	clearPhoneFailures(db, phone);
	const { passwordHash: _, ...user } = row;
	const session = createSession(db, user.id, now);
	return { ok: true, user, ...session };
}

export class AccountError extends Error {
	constructor(
		message: string,
		readonly field: 'phone' | 'password' | 'name'
	) {
		super(message);
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

/** Creates an account; throws AccountError (with the field at fault) for a bad or taken number or a weak password. */
export async function createAccount(db: Db, input: NewAccount, now = new Date()): Promise<number> {
	const phone = normalisePhone(input.phone);
	if (!phone) throw new AccountError(BAD_PHONE, 'phone');
	const weak = passwordProblem(input.password);
	if (weak) throw new AccountError(weak, 'password');
	const name = input.name.trim();
	if (!name) throw new AccountError('Nama wajib diisi.', 'name');
	if (db.$client.prepare('select 1 from users where phone = ?').get(phone)) {
		throw new AccountError('Nomor HP ini sudah dipakai akun lain.', 'phone');
	}
	const passwordHash = await hashPassword(input.password);
	return Number(
		db.$client
			.prepare(
				`insert into users (phone, password_hash, role, name, producer_id, agent_id, cooperative_id, created_at)
				 values (?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(phone, passwordHash, input.role, name, input.producerId ?? null, input.agentId ?? null, input.cooperativeId ?? null, now.toISOString())
			.lastInsertRowid
	);
}
