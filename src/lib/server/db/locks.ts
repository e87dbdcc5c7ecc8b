// Work only one process may do at a time when several app servers share one PostgreSQL database
// (issue 15): the background refresh of derived data, and start-up's seeding of an empty
// database. A session-level advisory lock, taken on a pooled connection kept aside for as long
// as the work runs (the work itself uses the pool's other connections): PostgreSQL releases it
// when that connection ends, so a process killed mid-refresh never leaves the lock behind. On
// SQLite one process owns the file's writes anyway (its writer thread, behind the write lock):
// the work simply runs.
import type pg from 'pg';
import type { Db } from './index';
import { engineOf } from './run';

/** The lock's key: PostgreSQL's hash of the name, so each name has its own lock. */
const KEY = "hashtext('despro ' || $1)";

async function lockConnection(db: Db): Promise<pg.PoolClient> {
	return (db as unknown as { $client: pg.Pool }).$client.connect();
}

async function release(client: pg.PoolClient, name: string): Promise<void> {
	try {
		await client.query(`select pg_advisory_unlock(${KEY})`, [name]);
		client.release();
	} catch {
		// A broken connection: dropping it ends its session, and with it the lock.
		client.release(true);
	}
}

/**
 * Runs `work` if no other process is running work of this name; otherwise returns at once with
 * `ran: false` (the caller tries again later). Never waits.
 */
export async function tryExclusive<T>(db: Db, name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
	if (engineOf(db) !== 'postgres') return { ran: true, value: await work() };
	const client = await lockConnection(db);
	let locked = false;
	try {
		locked = (await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${KEY}) as ok`, [name])).rows[0].ok;
	} finally {
		if (!locked) client.release();
	}
	if (!locked) return { ran: false };
	try {
		return { ran: true, value: await work() };
	} finally {
		await release(client, name);
	}
}

/** Runs `work` once no other process is running work of this name (waiting for it). */
export async function exclusive<T>(db: Db, name: string, work: () => Promise<T>): Promise<T> {
	if (engineOf(db) !== 'postgres') return work();
	const client = await lockConnection(db);
	try {
		await client.query(`select pg_advisory_lock(${KEY})`, [name]);
	} catch (e) {
		client.release(true);
		throw e;
	}
	try {
		return await work();
	} finally {
		await release(client, name);
	}
}
