// The bulk-load pieces of the db layer, per engine: on SQLite they read its own schema table
// (sqlite_master), its AUTOINCREMENT counters (sqlite_sequence) and rowids; on PostgreSQL the
// listings id sequence and pg_class.reltuples.
import { getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';
import { listings } from './schema';
import { allRows, engineOf, exec, oneRow } from './run';

/**
 * Bulk loads: a non-unique secondary index costs a B-tree descent and a page write per
 * inserted row, at a random place in the index; building it once from the finished table is a
 * sort, several times cheaper when a batch adds a large share of the table. Inside an open
 * write transaction, this drops the non-unique indexes of `tables` (keeping their exact SQL)
 * and returns a function that creates them again. Unique indexes and primary keys stay: they
 * are the keys the load matches on (`on conflict`). Both steps are
 * part of the caller's transaction: other connections never see an index missing, and a
 * rollback or a killed process leaves the schema as it was.
 * PostgreSQL: the same drop/create works inside a transaction there too.
 */
export async function deferSecondaryIndexes(db: Db, tables: string[]): Promise<() => Promise<void>> {
	// Dialect piece (bulk loading): the index definitions read back from SQLite's schema.
	// Not on PostgreSQL: DROP INDEX takes the table's ACCESS EXCLUSIVE lock until the commit, so
	// every reader of listings (each dashboard) would wait for the whole merge; SQLite's readers
	// keep reading the last commit whatever the writer does to the schema.
	if (tables.length === 0 || engineOf(db) === 'postgres') return async () => {};
	const rows = await allRows<{ name: string; sql: string }>(db, sql`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(
			tables.map((t) => sql`${t}`),
			sql`, `
		)}) order by name`);
	const deferred = rows.filter((r) => !/^\s*create\s+unique\b/i.test(r.sql));
	for (const ix of deferred) await exec(db, sql`drop index ${sql.identifier(ix.name)}`);
	return async () => {
		// Each index's own CREATE statement, as SQLite stored it.
		for (const ix of deferred) await exec(db, sql.raw(ix.sql));
	};
}

/**
 * Bulk loads: the id the next listing inserted will get (its ids follow one another from here
 * within one write transaction). Dialect piece: SQLite's AUTOINCREMENT high-water mark in
 * sqlite_sequence, never below the largest id present (PostgreSQL: the listings_id_seq sequence).
 */
export async function nextListingId(db: Db): Promise<number> {
	if (engineOf(db) === 'postgres') {
		// The identity sequence's next value, read without taking it (a value taken is never given
		// back, and the first new listing would then have a gap before it). Moved past the largest
		// id first, in case rows were written with explicit ids and the sequence was not moved.
		const { seq } = await oneRow<{ seq: string }>(db, sql`select pg_get_serial_sequence(${getTableName(listings)}, ${listings.id.name}) as seq`);
		// `seq` is the sequence's name as PostgreSQL quotes it (schema-qualified), read from the catalogue.
		const { next } = await oneRow<{ next: number }>(
			db,
			sql`select greatest((select case when is_called then last_value + 1 else last_value end from ${sql.raw(seq)}), coalesce((select max(${listings.id}) from ${listings}), 0) + 1) as next`
		);
		await exec(db, sql`select setval(${seq}::regclass, ${next}, false)`);
		return next;
	}
	return (await oneRow<{ next: number }>(db, sql`select max(coalesce((select seq from sqlite_sequence where name = ${getTableName(listings)}), 0), coalesce((select max(${listings.id}) from ${listings}), 0)) + 1 as next`)).next;
}

/**
 * Bulk loads: how many rows a table has, roughly and at once (its largest rowid: rows are
 * appended, rarely deleted), to tell whether a batch adds a large share of it. Dialect piece:
 * SQLite's rowid (PostgreSQL: pg_class.reltuples).
 */
export async function rowsHighWater(db: Db, table: SQLiteTable): Promise<number> {
	if (engineOf(db) === 'postgres') {
		// The planner's estimate (-1 before the table was first analysed: counted as empty).
		return (await oneRow<{ n: number }>(db, sql`select greatest(coalesce((select reltuples from pg_class where oid = to_regclass(${getTableName(table)})), 0), 0)::bigint as n`)).n;
	}
	return (await oneRow<{ n: number }>(db, sql`select coalesce(max(rowid), 0) as n from ${table}`)).n;
}
