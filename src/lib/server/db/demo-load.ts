// The demo seeder's bulk-load tricks, kept in the db layer so the seeder says what it wants
// without touching the SQLite client. SQLite only today: on PostgreSQL a generated tsvector
// column needs no trigger juggling and ids come from sequences (each becomes a no-op or its
// PostgreSQL spelling here, not in the seeder).
import { getTableName, type Table } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { BulkInsert, deferIndexes } from './bulk';
import type { Db } from './index';

/**
 * Rows buffered and written many per INSERT (bulk.ts), into `table`'s `columns` as the schema
 * names them. Values are pushed in the order of `columns`, as the driver stores them (booleans
 * as 0/1): the seeder writes millions of rows and maps nothing per value.
 */
export function bulkRows(db: Db, table: Table, columns: readonly SQLiteColumn[], rowsPerStatement?: number): BulkInsert {
	return new BulkInsert(
		db.$client,
		getTableName(table),
		columns.map((c) => c.name),
		rowsPerStatement
	);
}

/**
 * The next id `table` would give a new row, as AUTOINCREMENT would: above both the largest id
 * present and the largest ever handed out (sqlite_sequence), so ids given by the seeder never
 * reuse one a deleted row had.
 */
export function nextAutoIncrementId(db: Db, table: Table): number {
	const name = getTableName(table);
	const max = db.$client.prepare(`select coalesce(max(id), 0) from "${name}"`).pluck().get();
	const seq = db.$client.prepare('select coalesce(max(seq), 0) from sqlite_sequence where name = ?').pluck().get(name);
	return 1 + Math.max(Number(max), Number(seq ?? 0));
}

/**
 * For a bulk load inside an open write transaction: drops the secondary indexes of `tables`
 * and returns the function that builds them again. Both steps are part of the caller's
 * transaction, so a rollback leaves the schema as it was.
 */
export function suspendForBulkLoad(db: Db, tables: readonly Table[]): () => void {
	const client = db.$client;
	const restoreIndexes = deferIndexes(
		client,
		tables.map((t) => getTableName(t))
	);
	return restoreIndexes;
}
