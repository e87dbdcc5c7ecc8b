// The importing connection's own settings and transaction steps (ingest/pipeline.ts, merge.ts,
// sales.ts): db-layer because they are per-engine. An import opens and ends its write
// transaction itself (it waits for the lock without blocking the event loop, and the merge may
// resolve again inside it), so these are explicit steps rather than db.transaction().
// Dialect pieces: SQLite's BEGIN IMMEDIATE takes the write lock at once (PostgreSQL: one
// transaction holding an advisory lock, stagingSession); the pragmas have no PostgreSQL
// counterpart and are skipped there.
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { engineOf, exec, transaction } from './run';
import { attachStaged, detachStaged, loadStagedPostgres } from './staging';
import { isLockConflict } from './driver-errors';

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
	if (engineOf(db) === 'postgres') return merge();
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
	if (engineOf(db) === 'sqlite' && !db.$client.memory) db.$client.pragma('wal_checkpoint(PASSIVE)');
}

// ---------------------------------------------------------------------------------------------
// An import's session: where its staged rows are read and how its two steps are bracketed

/**
 * The two steps of an import (ingest/merge.ts) over its staged rows. `read` resolves what each
 * row does, on one consistent view of the main database; `write` merges, holding the write lock,
 * and says for how long it was held. Every statement runs on `db`.
 */
export interface StagingSession {
	readonly db: Db;
	read<T>(body: (db: Db) => Promise<T>): Promise<T>;
	write<T>(body: (db: Db) => Promise<T>): Promise<{ result: T; lockMs: number }>;
}

/**
 * Runs `body` with the staging files' rows readable as `staged` (and the scratch tables) on `db`.
 *
 * SQLite: the files are attached to the importing connection; `read` is a read transaction
 * (no write lock: the server keeps writing while a large file resolves), `write` one IMMEDIATE
 * transaction (waiting for another writer without blocking the event loop) with the connection
 * set for a bulk merge; a write that finds another import committed since the read resolves again
 * inside it (merge.ts). Detached on every path.
 *
 * PostgreSQL: everything is ONE transaction on one pooled connection: the staged rows are copied
 * into temporary tables of it (db/staging.ts loadStagedPostgres), then `read` and `write` run in
 * it; a failure anywhere rolls all of it back and the temporary tables go with the transaction.
 * Imports take a transaction-level advisory lock first, so two imports (from two app servers)
 * merge one after the other; readers are never blocked (MVCC), and the server's own writes wait
 * only for the rows the import writes.
 */
export async function stagingSession<T>(db: Db, files: { parts: string[]; scratchPath: string }, body: (session: StagingSession) => Promise<T>): Promise<T> {
	if (engineOf(db) === 'postgres') {
		return transaction(db, async (tx) => {
			await exec(tx, sql`select pg_advisory_xact_lock(hashtext('despro import'))`);
			await loadStagedPostgres(tx, files.parts);
			return body({
				db: tx,
				read: (read) => read(tx),
				write: async (write) => {
					const t0 = performance.now();
					const result = await write(tx);
					return { result, lockMs: performance.now() - t0 };
				}
			});
		});
	}
	attachStaged(db, files.parts, files.scratchPath);
	try {
		return await body({
			db,
			read: async (read) => {
				// Inside the merge's write transaction (a resolution made again) it joins that one.
				if (inTransaction(db)) return read(db);
				await beginRead(db);
				try {
					const result = await read(db);
					await commit(db);
					return result;
				} catch (e) {
					await rollbackIfOpen(db);
					throw e;
				}
			},
			write: (write) =>
				withBulkMergeSettings(db, async () => {
					await beginImmediate(db);
					const t0 = performance.now();
					try {
						const result = await write(db);
						await commit(db);
						return { result, lockMs: performance.now() - t0 };
					} catch (e) {
						await rollbackIfOpen(db);
						throw e;
					}
				})
		});
	} finally {
		detachStaged(db, files.parts.length);
	}
}

async function beginImmediate(db: Db): Promise<void> {
	// Another process may be writing: wait for it without blocking the event loop.
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			await beginWrite(db);
			return;
		} catch (e) {
			if (!isLockConflict(e) || Date.now() > deadline) throw e;
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}
