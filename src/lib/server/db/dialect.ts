// Dialect-specific SQL behind small functions, so a move to PostgreSQL replaces only this file.
// SQLite: FTS5 MATCH with bm25 ranking. PostgreSQL would use to_tsvector/websearch_to_tsquery.
// The two bulk-load functions below (suspendListingsFtsTrigger, deferSecondaryIndexes) are
// dialect pieces of the db layer: they read SQLite's own schema table (sqlite_master) and the
// FTS5 trigger; a PostgreSQL implementation would be a no-op and pg_indexes respectively.
import { getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';
import { listings } from './schema';

/**
 * Turns free text into a safe FTS5 query: every word becomes a quoted term, so FTS operators,
 * quotes and parentheses typed by a user are searched for as text, never interpreted.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(text: string, mode: 'any' | 'all' = 'any', prefix = false): string | null {
	const words = text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length >= 2)
		.slice(0, 12);
	if (words.length === 0) return null;
	const terms = [...new Set(words)].map((w) => `"${w}"${prefix && w.length >= 3 ? '*' : ''}`);
	return terms.join(mode === 'any' ? ' OR ' : ' ');
}

/**
 * Bulk loads: SQLite's per-row FTS5 trigger costs ~0.1 ms a row (the index is flushed and
 * merged many times), while indexing the new rows once at the end costs a tenth of that.
 * Inside an open write transaction, this drops the listings insert trigger (keeping its exact
 * SQL) and returns a function that indexes every listing with id > `sinceId` and restores the
 * trigger. Both happen inside the caller's transaction: other connections never see the
 * trigger missing, and a rollback (or a killed process) brings it back untouched.
 * PostgreSQL: a generated tsvector column needs none of this; the function would be a no-op.
 */
export function suspendListingsFtsTrigger(db: Db): () => void {
	// Dialect piece (bulk loading): SQLite's FTS5 trigger, read back from the schema.
	const trigger = db.get<{ sql: string } | undefined>(sql`select sql from sqlite_master where type = 'trigger' and name = 'listings_fts_ai'`);
	if (!trigger) return () => {};
	const sinceId = db.get<{ id: number }>(sql`select coalesce(max(${listings.id}), 0) as id from ${listings}`).id;
	db.run(sql`drop trigger listings_fts_ai`);
	return () => {
		db.run(sql`insert into listings_fts (rowid, title) select ${listings.id}, ${listings.title} from ${listings} where ${listings.id} > ${sinceId}`);
		// The trigger's own CREATE statement, as SQLite stored it.
		db.run(sql.raw(trigger.sql));
	};
}

/**
 * Bulk loads: a non-unique secondary index costs a B-tree descent and a page write per
 * inserted row, at a random place in the index; building it once from the finished table is a
 * sort, several times cheaper when a batch adds a large share of the table. Inside an open
 * write transaction, this drops the non-unique indexes of `tables` (keeping their exact SQL)
 * and returns a function that creates them again. Unique indexes and primary keys stay: they
 * are the keys the load matches on (`on conflict`). Like the FTS trigger above, both steps are
 * part of the caller's transaction: other connections never see an index missing, and a
 * rollback or a killed process leaves the schema as it was.
 * PostgreSQL: the same drop/create works inside a transaction there too.
 */
export function deferSecondaryIndexes(db: Db, tables: string[]): () => void {
	// Dialect piece (bulk loading): the index definitions read back from SQLite's schema.
	if (tables.length === 0) return () => {};
	const rows = db.all<{ name: string; sql: string }>(
		sql`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(
			tables.map((t) => sql`${t}`),
			sql`, `
		)}) order by name`
	);
	const deferred = rows.filter((r) => !/^\s*create\s+unique\b/i.test(r.sql));
	for (const ix of deferred) db.run(sql`drop index ${sql.identifier(ix.name)}`);
	return () => {
		// Each index's own CREATE statement, as SQLite stored it.
		for (const ix of deferred) db.run(sql.raw(ix.sql));
	};
}

/**
 * Bulk loads: the id the next listing inserted will get (its ids follow one another from here
 * within one write transaction). Dialect piece: SQLite's AUTOINCREMENT high-water mark in
 * sqlite_sequence, never below the largest id present (PostgreSQL: the listings_id_seq sequence).
 */
export function nextListingId(db: Db): number {
	return db.get<{ next: number }>(
		sql`select max(coalesce((select seq from sqlite_sequence where name = ${getTableName(listings)}), 0), coalesce((select max(${listings.id}) from ${listings}), 0)) + 1 as next`
	).next;
}

/**
 * Bulk loads: how many rows a table has, roughly and at once (its largest rowid: rows are
 * appended, rarely deleted), to tell whether a batch adds a large share of it. Dialect piece:
 * SQLite's rowid (PostgreSQL: pg_class.reltuples).
 */
export function rowsHighWater(db: Db, table: SQLiteTable): number {
	return db.get<{ n: number }>(sql`select coalesce(max(rowid), 0) as n from ${table}`).n;
}
