// A second name for a table in one query (`regions` joined as the village and as the regency).
// Queries are written once against schema.ts's SQLite tables (run.ts); drizzle renders a plain
// table by name on either engine, but an aliased one only through its own dialect's table class:
// PostgreSQL's join writes `join "v"` for an alias of a SQLite table. So an alias is made per
// query, for the engine of the handle it runs on: of schema.pg.ts's twin on PostgreSQL (same JS
// keys and column names, tests/db/schema-parity.test.ts), typed as the SQLite alias either way.
import { getTableName } from 'drizzle-orm';
import { alias as pgAlias, PgTable } from 'drizzle-orm/pg-core';
import { alias as sqliteAlias, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import * as pgSchema from './schema.pg';
import { engineOf, type Handle } from './run';

const pgTwins = new Map<string, PgTable>();
for (const value of Object.values(pgSchema)) if (is(value, PgTable)) pgTwins.set(getTableName(value), value);

const made = new Map<string, unknown>();

/** `table` under `name` in a query run on `db` (the handle, or a transaction on it). */
export function aliasOn<T extends SQLiteTable, N extends string>(db: Handle, table: T, name: N): ReturnType<typeof sqliteAlias<T, N>> {
	const engine = engineOf(db);
	const key = `${engine}:${getTableName(table)}:${name}`;
	let aliased = made.get(key);
	if (aliased === undefined) {
		if (engine === 'postgres') {
			const twin = pgTwins.get(getTableName(table));
			if (!twin) throw new Error(`schema.pg.ts has no table ${getTableName(table)}`);
			aliased = pgAlias(twin, name);
		} else aliased = sqliteAlias(table, name);
		made.set(key, aliased);
	}
	return aliased as ReturnType<typeof sqliteAlias<T, N>>;
}
