// An aliased table (drizzle's alias()) as a FROM or JOIN source on either engine. alias() belongs
// to one dialect: our queries are written once against schema.ts's SQLite tables and also run on
// a node-postgres handle (run.ts), where PostgreSQL's dialect does not take a sqlite-core alias
// for a table and writes only its alias ('left join "v" on …': a table that does not exist). So
// the source is written as SQL that names the table and its alias, the same in both dialects;
// the alias's columns are read through it as before ("v"."name").
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

// The aliased table's own name, as drizzle keeps it on the alias (not in its public types).
const ORIGINAL_NAME = Symbol.for('drizzle:OriginalName');

/** `"regions" "v"` for alias(regions, 'v'): pass it to .from() or a join, and select the alias's columns. */
export function aliasSource(aliased: SQLiteTable): SQL {
	const table = (aliased as unknown as Record<symbol, string>)[ORIGINAL_NAME];
	return sql`${sql.identifier(table)} ${sql.identifier(getTableName(aliased))}`;
}

/**
 * A column of an aliased table, selected: PostgreSQL's dialect refuses a selected column whose
 * table is not joined by name, and a table joined through aliasSource() is SQL to it. Null when
 * the row has no match (a left join).
 */
export function aliasColumn<C extends SQLiteColumn>(column: C): SQL<C['_']['data'] | null> {
	return sql<C['_']['data'] | null>`${column}`.mapWith(column);
}

/** aliasColumn() for an inner-joined alias: never null. */
export function joinedAliasColumn<C extends SQLiteColumn>(column: C): SQL<C['_']['data']> {
	return sql<C['_']['data']>`${column}`.mapWith(column);
}
