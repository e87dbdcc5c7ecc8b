// What is done to a database connection rather than to its data: folding the write-ahead log
// into the file, closing. SQLite pragmas, kept in the db layer so that services and scripts
// never hold the driver ($client) themselves.
// (The same two functions as in branch q-write's db/connection.ts, which holds more: on merge,
// keep that file.)
import type { Db } from './index';

/** Folds the write-ahead log into the database file and empties it (after a seed, at shutdown). */
export function checkpointWal(db: Db): void {
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

export function closeDatabase(db: Db): void {
	db.$client.close();
}
