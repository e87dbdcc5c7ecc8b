// Writing many generated rows fast (the demo market's seed, `npm run bench`'s province market):
// rows go in many per INSERT statement (one statement's overhead per 64 rows instead of per row),
// and a table's secondary indexes are dropped for the load and built once at the end, from sorted
// data, instead of being updated row by row. Both need the caller's transaction around them.
// Dialect pieces of the db layer (bulk loading): they speak to the SQLite driver directly, with
// positional values, because this is the seed's hottest loop; callers name tables and columns
// from the schema (db/demo-load.ts). A PostgreSQL implementation would use COPY, and
// pg_indexes for the index definitions.
import type Database from 'better-sqlite3';

/**
 * Rows buffered, and written `rowsPerStatement` at a time when flush() is called (the caller
 * decides when: rows that point at rows of another buffer are flushed after it).
 */
export class BulkInsert {
	private readonly head: string;
	private readonly row: string;
	private readonly full: Database.Statement;
	private readonly partial = new Map<number, Database.Statement>();
	private buffer: unknown[] = [];
	private readonly width: number;
	rows = 0;

	constructor(
		private readonly client: Database.Database,
		table: string,
		columns: readonly string[],
		private readonly rowsPerStatement = 64
	) {
		this.width = columns.length;
		this.head = `insert into ${table} (${columns.join(', ')}) values `;
		this.row = `(${columns.map(() => '?').join(', ')})`;
		this.full = client.prepare(this.statement(rowsPerStatement));
	}

	private statement(rows: number): string {
		return this.head + Array(rows).fill(this.row).join(', ');
	}

	/** One row's values, in the order of the columns. */
	push(...values: unknown[]): void {
		if (values.length !== this.width) throw new Error(`BulkInsert: ${values.length} values for ${this.width} columns`);
		for (const v of values) this.buffer.push(v);
		this.rows++;
	}

	/** Writes every buffered row. */
	flush(): void {
		const chunk = this.width * this.rowsPerStatement;
		let k = 0;
		for (; k + chunk <= this.buffer.length; k += chunk) this.full.run(this.buffer.slice(k, k + chunk));
		const rest = (this.buffer.length - k) / this.width;
		if (rest > 0) {
			let statement = this.partial.get(rest);
			if (!statement) this.partial.set(rest, (statement = this.client.prepare(this.statement(rest))));
			statement.run(this.buffer.slice(k));
		}
		this.buffer = [];
	}
}

/**
 * Drops the secondary indexes of `tables` (read back from the schema, so new ones are covered)
 * and returns the function that builds them again. A UNIQUE index built at the end still refuses
 * duplicates: the build fails, and with it the caller's transaction.
 */
export function deferIndexes(client: Database.Database, tables: readonly string[]): () => void {
	if (tables.length === 0) return () => {};
	const indexes: { name: string; sql: string }[] = client
		.prepare<unknown[], { name: string; sql: string }>(
			`select name, sql from sqlite_master where type = 'index' and sql is not null
			 and tbl_name in (${tables.map(() => '?').join(', ')}) order by name`
		)
		.all(...tables);
	for (const ix of indexes) client.exec(`drop index "${ix.name}"`);
	return () => {
		for (const ix of indexes) client.exec(ix.sql);
	};
}
