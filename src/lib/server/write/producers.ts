// Producers from a request: an agent (or admin) adds a producer, optionally with an account to
// sign in with, and admin moves a producer to another agent. Short writes on the request's own
// connection; nothing derived depends on a producer row alone.
import type { Actor } from '../auth/actor';
import { assertProducer } from '../auth/access';
import { AccountError, checkedAccount, insertUser } from '../auth/accounts';
import type { Db } from '../db';
import type { Conn } from '../db/queries/write/conn';
import { agentExists, insertProducer, setProducerAgent, villageExists } from '../db/queries/write/producers';
import { FieldError, ForbiddenError, NotFoundError } from '../errors';
import { transaction } from '../db/run';

export interface NewProducer {
	name: string;
	villageCode?: string | null;
	/** Admin chooses the agent; an agent's new producer is always their own. */
	agentId?: number | null;
	/** With a password, the producer gets an account to sign in with this number. */
	phone?: string | null;
	password?: string | null;
}

export async function createProducerFor(db: Db, actor: Actor, input: NewProducer, now = new Date()): Promise<number> {
	if (actor.role !== 'agen' && actor.role !== 'admin') throw new ForbiddenError();
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name.length < 2 || name.length > 80) throw new FieldError('name', 'Tulis nama produsen (2–80 huruf).');
	const agentId = actor.role === 'agen' ? actor.agentId : (input.agentId ?? null);
	if (actor.role === 'agen' && !agentId) throw new ForbiddenError('Akun agen ini belum terhubung ke data agen.');
	if (agentId && !(await agentExists(db, agentId))) throw new FieldError('agentId', 'Agen tidak ditemukan.');
	const villageCode = input.villageCode || null;
	if (villageCode && !(await villageExists(db, villageCode))) {
		throw new FieldError('villageCode', 'Desa tidak ditemukan.');
	}
	const wantsAccount = Boolean(input.phone?.trim() || input.password);
	const insert = async (conn: Conn) => insertProducer(conn, { name, villageCode, agentId, createdAt: now.toISOString() });
	if (!wantsAccount) return insert(db);
	let account;
	try {
		account = await checkedAccount(db, { phone: input.phone ?? '', password: input.password ?? '', role: 'produsen', name });
	} catch (e) {
		if (e instanceof AccountError) throw new FieldError(e.field, e.message);
		throw e;
	}
	// No half-made producer: the producer and its account are written together or not at all
	// (also when the database is locked and the request tries again, db/busy.ts).
	return await transaction(db, async (tx) => {
		const producerId = await insert(tx);
		await insertUser(tx, { ...account, producerId }, now);
		return producerId;
	});
}

/** Admin only: move a producer to another agent (or to none). */
export async function assignProducerFor(db: Db, actor: Actor, producerId: number, agentId: number | null): Promise<void> {
	if (actor.role !== 'admin') throw new ForbiddenError('Hanya admin yang bisa memindahkan produsen.');
	await assertProducer(db, actor, producerId);
	if (agentId !== null && !(await agentExists(db, agentId))) throw new NotFoundError('Agen tidak ditemukan.');
	await setProducerAgent(db, producerId, agentId);
}

