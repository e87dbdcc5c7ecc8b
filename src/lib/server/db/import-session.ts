// The importing connection's own settings and transaction steps (ingest/pipeline.ts, merge.ts,
// sales.ts): db-layer because they are per-engine. An import opens and ends its write
// transaction itself (it waits for the lock without blocking the event loop, and the merge may
// resolve again inside it), so these are explicit steps rather than db.transaction().
// Dialect pieces: SQLite's BEGIN IMMEDIATE takes the write lock at once (PostgreSQL: BEGIN, then
// an advisory lock); the pragmas have no PostgreSQL counterpart and would be no-ops there.
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { exec } from './run';

/** Opens a read transaction: every read after it sees the same committed state. */
export async function beginRead(db: Db): Promise<void> {
	await exec(db, sql`begin`);
}

/** Takes the write lock now, or throws (SQLITE_BUSY) when another connection holds it. */
export async function beginWrite(db: Db): Promise<void> {
	await exec(db, sql`begin immediate`);
}

export async function commit(db: Db): Promise<void> {
	await exec(db, sql`commit`);
}

/** Rolls back the open transaction, if any (on every error path). */
export async function rollbackIfOpen(db: Db): Promise<void> {
	if (db.$client.inTransaction) await exec(db, sql`rollback`);
}

export function inTransaction(db: Db): boolean {
	return db.$client.inTransaction;
}

/** Whether an error is the engine saying another connection holds the write lock. */
export { isLockConflict as isBusy } from './driver-errors';

/**
 * Runs `merge` with this connection set for a bulk merge, and puts the settings back after it.
 * A larger page cache keeps the listings indexes in memory instead of spilling dirty pages to
 * the WAL mid-merge (64 MB merged 1M rows as fast as 256 MB did, in 150 MB less memory).
 * Foreign keys are checked by construction, not per row: every id the merge writes was just read
 * from or inserted into its table in this transaction; SQLite's per-row checks were a third of
 * the load's time. The write-ahead log is folded in after the lock is released
 * (checkpointPassive), not inside the measured merge. All three work only outside a transaction
 * and only for this connection (imports have their own connection).
 */
export async function withBulkMergeSettings<T>(db: Db, merge: () => Promise<T>): Promise<T> {
	const client = db.$client;
	const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
	const foreignKeysBefore = client.pragma('foreign_keys', { simple: true }) as number;
	const autoCheckpoint = client.pragma('wal_autocheckpoint', { simple: true }) as number;
	client.pragma(`cache_size = ${Math.min(cacheBefore, -64 * 1024)}`);
	client.pragma('foreign_keys = OFF');
	client.pragma('wal_autocheckpoint = 0');
	try {
		return await merge();
	} finally {
		client.pragma(`cache_size = ${cacheBefore}`);
		client.pragma(`foreign_keys = ${foreignKeysBefore ? 'ON' : 'OFF'}`);
		client.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
	}
}

/** Folds the write-ahead log into the database file as far as readers allow (file databases only). */
export function checkpointPassive(db: Db): void {
	if (!db.$client.memory) db.$client.pragma('wal_checkpoint(PASSIVE)');
}
