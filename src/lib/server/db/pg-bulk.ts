// PostgreSQL's bulk-load pieces of the db layer (the SQLite ones are bulk.ts and dialect.ts):
// rows sent as one array per column and expanded by unnest (one parameter per column whatever
// the batch size, so no parameter limit applies), the non-unique indexes of a table dropped for a
// load and built again from its definition, and the identity sequences moved past ids a load
// gave itself. The copy tool (copy-to-postgres.ts), the demo seeder (demo-load.ts), the regions
// load and the importer's dialect pieces (dialect.ts) share them.
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, PgTransaction } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { pgSchema } from './postgres';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `insert into table (columns) select * from unnest($1::type[], …)`: one array per column. */
export function unnestInsert(table: string, columns: readonly { name: string; sqlType: string }[], tail = ''): string {
	return `insert into ${q(table)} (${columns.map((c) => q(c.name)).join(', ')}) select * from unnest(${columns
		.map((c, i) => `$${i + 1}::${c.sqlType}[]`)
		.join(', ')})${tail ? ` ${tail}` : ''}`;
}

const pgTables = new Map(
	Object.values(pgSchema as Record<string, unknown>)
		.filter((v): v is PgTable => is(v, PgTable))
		.map((t) => [getTableConfig(t).name, getTableConfig(t)])
);

/** The schema.pg.ts table of this name. */
export function pgTableNamed(table: string): PgTable {
	const found = Object.values(pgSchema as Record<string, unknown>).find((v): v is PgTable => is(v, PgTable) && getTableConfig(v).name === table);
	if (!found) throw new Error(`no PostgreSQL table ${table} in schema.pg.ts`);
	return found;
}

/** The PostgreSQL column types of `table` (schema.pg.ts), for the columns named. */
export function pgColumns(table: string, names: readonly string[]): { name: string; sqlType: string; boolean: boolean }[] {
	const config = pgTables.get(table);
	if (!config) throw new Error(`no PostgreSQL table ${table} in schema.pg.ts`);
	return names.map((name) => {
		const column = config.columns.find((c) => c.name === name);
		if (!column) throw new Error(`no column ${name} in PostgreSQL table ${table}`);
		return { name, sqlType: column.getSQLType(), boolean: column.getSQLType() === 'boolean' };
	});
}

/** A handle's way to send SQL text with positional values: the transaction's own connection, or the pool. */
export async function pgQuery<R extends pg.QueryResultRow = Record<string, unknown>>(db: object, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
	const client = is(db, PgTransaction)
		? (db as unknown as { session: { client: pg.PoolClient } }).session.client
		: (db as unknown as { $client: pg.Pool }).$client;
	return client.query<R>(text, values);
}

/**
 * Rows buffered per column and written by flush(), `rowsPerStatement` per statement. Values are
 * pushed as the SQLite driver takes them (booleans as 0/1): they become true/false here.
 */
export class PgBulkInsert {
	private arrays: unknown[][];
	private readonly text: string;
	private readonly columns: { name: string; sqlType: string; boolean: boolean }[];
	rows = 0;

	constructor(
		private readonly db: object,
		table: string,
		columns: readonly string[],
		private readonly rowsPerStatement = 5000,
		/** What follows the insert, e.g. `on conflict do nothing`. */
		tail = ''
	) {
		this.columns = pgColumns(table, columns);
		this.text = unnestInsert(table, this.columns, tail);
		this.arrays = this.columns.map(() => []);
	}

	/** One row's values, in the order of the columns. */
	push(...values: unknown[]): void {
		if (values.length !== this.columns.length) throw new Error(`PgBulkInsert: ${values.length} values for ${this.columns.length} columns`);
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			this.arrays[i].push(this.columns[i].boolean && typeof v === 'number' ? v !== 0 : v);
		}
		this.rows++;
	}

	/** Writes every buffered row; returns how many rows the statements inserted (fewer when a conflict skipped some). */
	async flush(): Promise<number> {
		const arrays = this.arrays;
		this.arrays = this.columns.map(() => []);
		const n = arrays[0]?.length ?? 0;
		let inserted = 0;
		for (let k = 0; k < n; k += this.rowsPerStatement) {
			const result = await pgQuery(
				this.db,
				this.text,
				arrays.map((a) => (k === 0 && n <= this.rowsPerStatement ? a : a.slice(k, k + this.rowsPerStatement)))
			);
			inserted += result.rowCount ?? 0;
		}
		return inserted;
	}
}

/**
 * Inside an open transaction: drops the non-unique indexes of `tables` that no constraint owns
 * (keeping their definitions) and returns the function that builds them again. Primary keys and
 * unique indexes stay (they are what a load matches on). Both steps belong to the caller's
 * transaction: other connections never see an index missing (they wait for the table instead).
 */
export async function deferPgIndexes(db: object, tables: readonly string[]): Promise<() => Promise<void>> {
	if (tables.length === 0) return async () => {};
	const { rows } = await pgQuery<{ name: string; def: string }>(
		db,
		`select i.relname as name, pg_get_indexdef(i.oid) as def
		 from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
		 where t.relnamespace = current_schema()::regnamespace and t.relname = any($1::text[])
		   and not ix.indisunique and not ix.indisprimary
		   and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)
		 order by 1`,
		[tables]
	);
	for (const ix of rows) await pgQuery(db, `drop index ${q(ix.name)}`);
	return async () => {
		for (const ix of rows) await pgQuery(db, ix.def);
	};
}

/**
 * The next id an identity column would give, above both the largest id present and the last
 * value its sequence handed out, as SQLite's AUTOINCREMENT does.
 */
export async function nextPgId(db: object, table: string, column = 'id'): Promise<number> {
	const { rows } = await pgQuery<{ next: number }>(
		db,
		`select 1 + greatest(coalesce((select max(${q(column)}) from ${q(table)}), 0),
		                     coalesce(pg_sequence_last_value(pg_get_serial_sequence($1, $2)), 0)) as next`,
		[q(table), column]
	);
	return Number(rows[0].next);
}

/** After rows were given their own ids: the sequence of `table`'s identity column moves past the largest. */
export async function movePgSequencePast(db: object, table: string, column = 'id'): Promise<void> {
	await pgQuery(
		db,
		`select setval(pg_get_serial_sequence($1, $2), greatest(coalesce((select max(${q(column)}) from ${q(table)}), 0),
		        coalesce(pg_sequence_last_value(pg_get_serial_sequence($1, $2)), 0), 1))`,
		[q(table), column]
	);
}
