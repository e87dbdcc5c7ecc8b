// The PostgreSQL schema (schema.pg.ts, auth-schema.pg.ts) must describe the same tables as the
// SQLite one (schema.ts, auth-schema.ts): a column added to one and forgotten in the other would
// make the copy tool drop data and a query typed against one read different rows from the other.
// The first half compares the two drizzle schemas and needs no database; the second migrates a
// fresh PostgreSQL database and checks what the server holds against schema.pg.ts.
import { is } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as authSchemaPg from '../../src/lib/server/db/auth-schema.pg';
import * as authSchema from '../../src/lib/server/db/auth-schema';
import { migratePostgres } from '../../src/lib/server/db/postgres';
import * as schemaPg from '../../src/lib/server/db/schema.pg';
import * as schema from '../../src/lib/server/db/schema';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';

/** The SQL types a SQLite column may become on PostgreSQL (schema.pg.ts's header says why). */
const TYPE_MAP: Record<string, string[]> = {
	SQLiteInteger: ['integer', 'bigint'],
	SQLiteBoolean: ['boolean'],
	SQLiteReal: ['double precision'],
	SQLiteText: ['text']
};

const ON_DELETE = (action: string | undefined) => action ?? 'no action';

function tablesOf<T>(modules: object[], isTable: (v: unknown) => v is T): Map<string, T> {
	const out = new Map<string, T>();
	for (const m of modules) for (const [key, value] of Object.entries(m)) if (isTable(value)) out.set(key, value);
	return out;
}

const sqliteTables = tablesOf([schema, authSchema], (v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables = tablesOf([schemaPg, authSchemaPg], (v): v is PgTable => is(v, PgTable));

/** One table as both engines must agree on it: names, keys, indexes, foreign keys. */
function shape(config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>) {
	const names = (cols: { name: string }[]) => cols.map((c) => c.name);
	const pk = config.columns.filter((c) => c.primary).map((c) => c.name);
	return {
		name: config.name,
		columns: config.columns.map((c) => ({ name: c.name, notNull: c.notNull, hasDefault: hasRealDefault(c), dataType: c.dataType, enumValues: c.enumValues ?? null })),
		primaryKey: pk.length ? pk : names(config.primaryKeys[0]?.columns ?? []),
		indexes: config.indexes
			.map((ix) => ({ name: ix.config.name, unique: Boolean(ix.config.unique), columns: ix.config.columns.map((c) => ('name' in c ? c.name : '?')) }))
			.sort((a, b) => String(a.name).localeCompare(String(b.name))),
		uniqueConstraints: config.uniqueConstraints.map((u) => names(u.columns)),
		foreignKeys: config.foreignKeys
			.map((fk) => {
				const r = fk.reference();
				return { columns: names(r.columns), table: sqliteOrPgName(r.foreignTable), foreignColumns: names(r.foreignColumns), onDelete: ON_DELETE(fk.onDelete) };
			})
			.sort((a, b) => a.columns.join().localeCompare(b.columns.join()))
	};
}

/**
 * drizzle marks every SQLite `integer primary key` as defaulted, because SQLite fills such a
 * column with a new rowid when it is left out. Only an autoincrement key is meant to be filled
 * that way (an identity on PostgreSQL); a key that is also a foreign key (product_market's
 * product_id) is always given.
 */
function hasRealDefault(c: { hasDefault: boolean; primary: boolean; columnType: string; autoIncrement?: boolean }): boolean {
	if (c.columnType === 'SQLiteInteger' && c.primary) return Boolean(c.autoIncrement);
	return c.hasDefault;
}

function sqliteOrPgName(table: unknown): string {
	return is(table, PgTable) ? pgTableConfig(table).name : sqliteTableConfig(table as SQLiteTable).name;
}

describe('schema.pg.ts mirrors schema.ts (no database needed)', () => {
	test('the same tables under the same JS names', () => {
		expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
		expect(sqliteTables.size).toBeGreaterThan(30);
	});

	test.each([...sqliteTables.keys()].sort())('%s: columns, keys, indexes and foreign keys match', (key) => {
		const lite = sqliteTableConfig(sqliteTables.get(key)!);
		const pgc = pgTableConfig(pgTables.get(key)!);
		expect(shape(pgc)).toEqual(shape(lite));
		// Column order, types and plain default values (SQL defaults: presence only, compared above).
		for (const [i, col] of lite.columns.entries()) {
			const other = pgc.columns[i];
			expect(other.name).toBe(col.name);
			const allowed = TYPE_MAP[col.columnType];
			expect(allowed, `${key}.${col.name}: add ${col.columnType} to TYPE_MAP`).toBeDefined();
			expect(allowed, `${key}.${col.name} is ${other.getSQLType()} on PostgreSQL`).toContain(other.getSQLType());
			if (col.hasDefault && !col.primary && typeof col.default !== 'object') expect(other.default, `${key}.${col.name} default`).toEqual(col.default);
		}
	});

	test('a column that points at another has the same PostgreSQL type as the one it points at', () => {
		const mismatches: string[] = [];
		for (const [key, table] of pgTables) {
			for (const fk of pgTableConfig(table).foreignKeys) {
				const r = fk.reference();
				r.columns.forEach((c, i) => {
					const target = r.foreignColumns[i];
					if (c.getSQLType() !== target.getSQLType()) mismatches.push(`${key}.${c.name} ${c.getSQLType()} → ${target.getSQLType()}`);
				});
			}
		}
		expect(mismatches).toEqual([]);
	});
});

describe.skipIf(!TEST_POSTGRES_URL)('a migrated PostgreSQL database holds schema.pg.ts', () => {
	let fresh: FreshPostgres;
	let client: pg.Client;

	beforeAll(async () => {
		fresh = await freshPostgresDatabase('parity');
		await migratePostgres(fresh.url);
		client = new pg.Client({ connectionString: fresh.url });
		await client.connect();
	});
	afterAll(async () => {
		await client?.end();
		await fresh?.drop();
	});

	test('the same tables, no more', async () => {
		const { rows } = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by 1");
		expect(rows.map((r) => r.table_name)).toEqual([...pgTables.values()].map((t) => pgTableConfig(t).name).sort());
	});

	test.each([...pgTables.keys()].sort())('%s: columns, keys, indexes and foreign keys as declared', async (key) => {
		const config = pgTableConfig(pgTables.get(key)!);
		const cols = await client.query<{ column_name: string; is_nullable: string; data_type: string; column_default: string | null; is_identity: string }>(
			"select column_name, is_nullable, data_type, column_default, is_identity from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position",
			[config.name]
		);
		expect(
			cols.rows.map((c) => ({ name: c.column_name, notNull: c.is_nullable === 'NO', type: c.data_type, hasDefault: c.column_default !== null || c.is_identity === 'YES' }))
		).toEqual(config.columns.map((c) => ({ name: c.name, notNull: c.notNull, type: c.getSQLType(), hasDefault: c.hasDefault })));

		const indexes = await client.query<{ name: string; unique: boolean; primary: boolean; columns: string[] }>(
			`select i.relname as name, ix.indisunique as unique, ix.indisprimary as primary,
			        array(select a.attname::text from unnest(ix.indkey) with ordinality k(attnum, ord)
			              join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum order by k.ord) as columns
			 from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
			 join pg_namespace n on n.oid = t.relnamespace
			 where n.nspname = 'public' and t.relname = $1 order by i.relname`,
			[config.name]
		);
		const declared = shape(config);
		expect(indexes.rows.find((r) => r.primary)?.columns ?? []).toEqual(declared.primaryKey);
		expect(indexes.rows.filter((r) => !r.primary).map(({ name, unique, columns }) => ({ name, unique, columns }))).toEqual(declared.indexes);

		const fks = await client.query<{ columns: string[]; table: string; foreign_columns: string[]; on_delete: string }>(
			`select array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns,
			        f.relname as table,
			        array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as foreign_columns,
			        case c.confdeltype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade' when 'n' then 'set null' else 'set default' end as on_delete
			 from pg_constraint c join pg_class f on f.oid = c.confrelid
			 where c.contype = 'f' and c.conrelid = ('public.' || quote_ident($1))::regclass`,
			[config.name]
		);
		expect(
			fks.rows
				.map((r) => ({ columns: r.columns, table: r.table, foreignColumns: r.foreign_columns, onDelete: r.on_delete }))
				.sort((a, b) => a.columns.join().localeCompare(b.columns.join()))
		).toEqual(declared.foreignKeys);
	});
});

test.skipIf(Boolean(TEST_POSTGRES_URL))('PostgreSQL half skipped', () => {
	console.info(NO_POSTGRES);
	expect(TEST_POSTGRES_URL).toBeUndefined();
});
