// What is done to a database connection rather than to its data: folding the write-ahead log
// into the file, closing, a second connection to the same file for a long write, and the
// settings of the thread that answers requests. SQLite pragmas, kept in the db layer so that
// services and hooks never hold the driver ($client) themselves. On PostgreSQL (a pool,
// index.ts openDatabase) the server keeps its own log and checkpoints, a second "connection" is
// a second pool, and nobody waits on a database-wide write lock: those are no-ops there.
import type pg from 'pg';
import { authDb, closeAuthDb } from './auth-db';
import { openDatabase, postgresUrlOf, type Db } from './index';
import { engineOf } from './run';

const isPostgres = (db: Db) => engineOf(db) === 'postgres';
const poolOf = (db: Db) => (db as unknown as { $client: pg.Pool }).$client;

/** Folds the write-ahead log into the database file and empties it (after a seed, at shutdown). */
export function checkpointWal(db: Db): void {
	if (isPostgres(db)) return;
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Closes the connection, and the sign-in file opened beside it (auth-db.ts) when there is one.
 * A PostgreSQL pool is ended without waiting: its idle connections close, and the process can
 * exit once they have (callers close when nothing else runs on it).
 */
export function closeDatabase(db: Db): void {
	if (isPostgres(db)) {
		poolOf(db)
			.end()
			.catch(() => {});
		return;
	}
	closeAuthDb(db);
	db.$client.close();
}

/** True for ':memory:' (tests): no other connection can see it. */
export function isInMemory(db: Db): boolean {
	if (isPostgres(db)) return false;
	return db.$client.memory;
}

/**
 * True where an import writes through `db` itself rather than a connection of its own: an
 * in-memory SQLite database (no other connection can see it), or PostgreSQL (each transaction
 * already takes a pooled connection of its own).
 */
export function importsShareConnection(db: Db): boolean {
	return engineOf(db) === 'postgres' || db.$client.memory;
}

/** A new connection to the same database (close it with closeDatabase): on PostgreSQL a pool of its own. */
export function openSecondConnection(db: Db): Db {
	if (isPostgres(db)) return openDatabase(postgresUrlOf(db));
	return openDatabase(db.$client.name);
}

/**
 * The request thread's connections never wait for a lock (db/busy.ts retries with timers
 * instead), and the main file's write-ahead log is never folded in after the thread's small
 * writes (after a big import that is hundreds of MB; the writer thread and the importer do it).
 * The auth file is written by this connection alone: it keeps its own small checkpoints.
 * PostgreSQL has no database-wide write lock (an import locks only the rows it writes).
 */
export function neverWaitForLocks(db: Db): void {
	if (isPostgres(db)) return;
	db.$client.pragma('wal_autocheckpoint = 0');
	for (const client of [db.$client, authDb(db).$client]) client.pragma('busy_timeout = 0');
}

/** Where the connection points: the file (or postgres:// address) another connection (the writer's thread) opens, or in memory (no other connection sees it). */
export function connectionTarget(db: Db): { url: string; inMemory: boolean } {
	if (isPostgres(db)) return { url: postgresUrlOf(db), inMemory: false };
	return { url: db.$client.name, inMemory: db.$client.memory };
}

/** How long this connection waits for another's write lock before failing with SQLITE_BUSY (SQLite only: see neverWaitForLocks). */
export function setLockWait(db: Db, ms: number): void {
	if (isPostgres(db)) return;
	db.$client.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
}
