// A table joined twice needs an alias (drizzle's `alias(regions, 'v')`). The query modules make
// SQLite's, and their columns render the same on both engines ("v"."name"), but PostgreSQL's
// query builder writes a join target it does not know as a PostgreSQL table by its alias alone
// (`left join "v"`, an unknown relation). joined() gives it the same alias of schema.pg.ts's
// table, which it writes as `left join "regions" "v"`. Wrap every aliased table in a join.
import { getTableName, is, Table } from 'drizzle-orm';
import { alias as pgAlias } from 'drizzle-orm/pg-core';
import { pgTableNamed } from './pg-bulk';
import { engineOf, type Handle } from './run';

// drizzle keeps these on the class (Table.Symbol) without declaring them in its types.
const symbols = (Table as unknown as { Symbol: { IsAlias: symbol; OriginalName: symbol } }).Symbol;
const pgAliases = new Map<string, unknown>();

/** The join target for `table` on `db`'s engine: itself on SQLite, and for a plain table. */
export function joined<T extends Table>(db: Handle, table: T): T {
	const record = table as unknown as Record<symbol, unknown>;
	if (engineOf(db) !== 'postgres' || !is(table, Table) || !record[symbols.IsAlias]) return table;
	const original = record[symbols.OriginalName] as string;
	const name = getTableName(table);
	const key = `${original} ${name}`;
	let found = pgAliases.get(key);
	if (!found) pgAliases.set(key, (found = pgAlias(pgTableNamed(original), name)));
	return found as T;
}
