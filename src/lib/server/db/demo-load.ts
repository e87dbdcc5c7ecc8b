// The demo seeder's bulk-load tricks, kept in the db layer so the seeder says what it wants
// without touching a driver: many rows per statement, ids given by the seeder as AUTOINCREMENT
// (or PostgreSQL's identity) would have given them, and secondary indexes built once at the end.
// SQLite through bulk.ts; PostgreSQL through pg-bulk.ts (unnest batches, as the copy tool).
import { getTableName, type Table } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { BulkInsert, deferIndexes } from './bulk';
import type { Db } from './index';
import { deferPgIndexes, movePgSequencePast, nextPgId, PgBulkInsert } from './pg-bulk';
import { engineOf } from './run';

/** Rows pushed, then written together by flush() (awaited: PostgreSQL's is a round trip). */
export interface BulkRows {
	push(...values: unknown[]): void;
	flush(): unknown;
}

/**
 * Rows buffered and written many per INSERT (bulk.ts, pg-bulk.ts), into `table`'s `columns` as
 * the schema names them. Values are pushed in the order of `columns`, as SQLite's driver stores
 * them (booleans as 0/1): the seeder writes millions of rows and maps nothing per value. On
 * PostgreSQL `db` must be the handle of the seeder's transaction (the rows go on its connection).
 */
export function bulkRows(db: Db, table: Table, columns: readonly SQLiteColumn[], rowsPerStatement?: number): BulkRows {
	const names = columns.map((c) => c.name);
	if (engineOf(db) === 'postgres') return new PgBulkInsert(db, getTableName(table), names);
	return new BulkInsert(db.$client, getTableName(table), names, rowsPerStatement);
}

/**
 * The next id `table` would give a new row, as AUTOINCREMENT would: above both the largest id
 * present and the largest ever handed out (sqlite_sequence; PostgreSQL: the identity sequence),
 * so ids given by the seeder never reuse one a deleted row had.
 */
export async function nextAutoIncrementId(db: Db, table: Table): Promise<number> {
	const name = getTableName(table);
	if (engineOf(db) === 'postgres') return nextPgId(db, name);
	const max = db.$client.prepare(`select coalesce(max(id), 0) from "${name}"`).pluck().get();
	const seq = db.$client.prepare('select coalesce(max(seq), 0) from sqlite_sequence where name = ?').pluck().get(name);
	return 1 + Math.max(Number(max), Number(seq ?? 0));
}

/**
 * For a bulk load inside an open write transaction: drops the secondary indexes of `tables`
 * and returns the function that builds them again. Both steps are part of the caller's
 * transaction, so a rollback leaves the schema as it was. On PostgreSQL the finishing step also
 * moves each table's id sequence past the ids the load gave (an identity column's sequence does
 * not see explicit ids; SQLite's AUTOINCREMENT counter does).
 */
export async function suspendForBulkLoad(db: Db, tables: readonly Table[]): Promise<() => void | Promise<void>> {
	const names = tables.map((t) => getTableName(t));
	if (engineOf(db) === 'postgres') {
		const restore = await deferPgIndexes(db, names);
		return async () => {
			await restore();
			for (const table of tables) if ('id' in table) await movePgSequencePast(db, getTableName(table));
		};
	}
	return deferIndexes(db.$client, names);
}
