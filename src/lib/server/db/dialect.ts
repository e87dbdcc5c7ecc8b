// The importer's bulk-load pieces of the db layer, one spelling per engine: SQLite reads its own
// schema table (sqlite_master), its AUTOINCREMENT counters (sqlite_sequence) and rowids;
// PostgreSQL its catalogue (pg-bulk.ts: pg_index), the identity sequence and pg_class.
import { getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';
import { listings } from './schema';
import { deferPgIndexes, nextPgId, pgQuery } from './pg-bulk';
import { engineOf, exec, firstRow, allRows } from './run';

/**
 * Bulk loads: a non-unique secondary index costs a B-tree descent and a page write per
 * inserted row, at a random place in the index; building it once from the finished table is a
 * sort, several times cheaper when a batch adds a large share of the table. Inside an open
 * write transaction, this drops the non-unique indexes of `tables` (keeping their exact SQL)
 * and returns a function that creates them again. Unique indexes and primary keys stay: they
 * are the keys the load matches on (`on conflict`). Both steps are
 * part of the caller's transaction: other connections never see an index missing, and a
 * rollback or a killed process leaves the schema as it was. PostgreSQL: the same, from
 * pg_index (its DDL is transactional too); other sessions touching the table wait for the
 * transaction instead of seeing it without its index.
 */
export async function deferSecondaryIndexes(db: Db, tables: string[]): Promise<() => Promise<void>> {
	if (tables.length === 0) return async () => {};
	if (engineOf(db) === 'postgres') return deferPgIndexes(db, tables);
	// The index definitions read back from SQLite's schema.
	const found = await allRows<{ name: string; sql: string }>(
		db,
		sql`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(
			tables.map((t) => sql`${t}`),
			sql`, `
		)}) order by name`
	);
	const deferred = found.filter((r) => !/^\s*create\s+unique\b/i.test(r.sql));
	for (const ix of deferred) await exec(db, sql`drop index ${sql.identifier(ix.name)}`);
	return async () => {
		// Each index's own CREATE statement, as SQLite stored it.
		for (const ix of deferred) await exec(db, sql.raw(ix.sql));
	};
}

/**
 * Bulk loads: the id the next listing inserted will get (its ids follow one another from here
 * within one write transaction). SQLite: the AUTOINCREMENT high-water mark in sqlite_sequence,
 * never below the largest id present. PostgreSQL: above the largest id and the last value of
 * the listings' identity sequence; a loader that gives ids itself must move the sequence past
 * them afterwards (pg-bulk.ts movePgSequencePast), as explicit ids do not advance it.
 */
export async function nextListingId(db: Db): Promise<number> {
	if (engineOf(db) === 'postgres') return nextPgId(db, getTableName(listings));
	const row = await firstRow<{ next: number }>(
		db,
		sql`select max(coalesce((select seq from sqlite_sequence where name = ${getTableName(listings)}), 0), coalesce((select max(${listings.id}) from ${listings}), 0)) + 1 as next`
	);
	return row!.next;
}

/**
 * Bulk loads: how many rows a table has, roughly and at once, to tell whether a batch adds a
 * large share of it. SQLite: its largest rowid (rows are appended, rarely deleted). PostgreSQL:
 * the planner's estimate (pg_class.reltuples, kept by autovacuum and analyze; -1 before the
 * table was ever analysed, read as 0).
 */
export async function rowsHighWater(db: Db, table: SQLiteTable): Promise<number> {
	if (engineOf(db) === 'postgres') {
		const { rows: found } = await pgQuery<{ n: number }>(
			db,
			'select greatest(coalesce((select reltuples from pg_class where oid = to_regclass($1)), 0), 0)::bigint as n',
			[`"${getTableName(table)}"`]
		);
		return Number(found[0]?.n ?? 0);
	}
	const row = await firstRow<{ n: number }>(db, sql`select coalesce(max(rowid), 0) as n from ${table}`);
	return row!.n;
}
