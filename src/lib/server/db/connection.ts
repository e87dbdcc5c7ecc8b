// What a caller outside the db layer may learn or set about a connection itself (not its data):
// where it points, how long it waits for a lock, closing it. Kept here so services never reach
// for the driver's client (better-sqlite3 today; a pool on a database server tomorrow).
import type { Db } from './index';

/** Where the connection points: the file another connection (the writer's thread) opens, or in memory (no other connection sees it). */
export function connectionTarget(db: Db): { url: string; inMemory: boolean } {
	return { url: db.$client.name, inMemory: db.$client.memory };
}

/** How long this connection waits for another's write lock before failing with SQLITE_BUSY. */
export function setLockWait(db: Db, ms: number): void {
	db.$client.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
}

/** Closes the connection. */
export function closeConnection(db: Db): void {
	db.$client.close();
}
