// What is done to a database connection rather than to its data: folding the write-ahead log
// into the file, closing, a second connection to the same file for a long write, and the
// settings of the thread that answers requests. SQLite pragmas, kept in the db layer so that
// services and hooks never hold the driver ($client) themselves.
import { authDb, closeAuthDb } from './auth-db';
import { openDatabase, type Db } from './index';
import { engineOf } from './run';

/** Folds the write-ahead log into the database file and empties it (after a seed, at shutdown). */
export function checkpointWal(db: Db): void {
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/** Closes the connection, and the sign-in file opened beside it (auth-db.ts) when there is one. */
export function closeDatabase(db: Db): void {
	if (engineOf(db) === 'postgres') {
		// A pool: its connections close once their queries are done.
		void (db.$client as unknown as { end(): Promise<void> }).end();
		return;
	}
	closeAuthDb(db);
	db.$client.close();
}

/** True for ':memory:' (tests): no other connection can see it. */
export function isInMemory(db: Db): boolean {
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

/** A new connection to the same database file (close it with closeDatabase). */
export function openSecondConnection(db: Db): Db {
	return openDatabase(db.$client.name);
}

/**
 * The request thread's connections never wait for a lock (db/busy.ts retries with timers
 * instead), and the main file's write-ahead log is never folded in after the thread's small
 * writes (after a big import that is hundreds of MB; the writer thread and the importer do it).
 * The auth file is written by this connection alone: it keeps its own small checkpoints.
 */
export function neverWaitForLocks(db: Db): void {
	db.$client.pragma('wal_autocheckpoint = 0');
	for (const client of [db.$client, authDb(db).$client]) client.pragma('busy_timeout = 0');
}

/** Where the connection points: the file another connection (the writer's thread) opens, or in memory (no other connection sees it). */
export function connectionTarget(db: Db): { url: string; inMemory: boolean } {
	return { url: db.$client.name, inMemory: db.$client.memory };
}

/** How long this connection waits for another's write lock before failing with SQLITE_BUSY. */
export function setLockWait(db: Db, ms: number): void {
	db.$client.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
}
