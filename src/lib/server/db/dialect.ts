// Dialect-specific SQL behind small functions, so a move to PostgreSQL replaces only this file.
// SQLite: FTS5 MATCH with bm25 ranking. PostgreSQL would use to_tsvector/websearch_to_tsquery.

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

// Upserts. `insert … on conflict (…) do nothing / do update` and `returning` read the same in
// SQLite (≥ 3.35) and PostgreSQL (≥ 9.5), so these builders would serve both; they exist so
// that an importer states what it wants (insert unless present, then tell me the id) once.

/** `insert into t (a, b) values (?, ?) on conflict (a) do nothing returning id`: the new row's id, or no row when it existed. */
export function insertIgnoreReturningSql(table: string, columns: string[], conflict: string[], returning = 'id'): string {
	return `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict (${conflict.join(', ')}) do nothing returning ${returning}`;
}

/**
 * `insert … on conflict (…) do update set col = <expr>` where each update expression may use
 * `excluded.col` (the proposed row) and `<table>.col` (the stored one). Returns `returning`.
 */
export function upsertReturningSql(
	table: string,
	columns: string[],
	conflict: string[],
	update: Record<string, string>,
	returning = 'id'
): string {
	const sets = Object.entries(update)
		.map(([col, expr]) => `${col} = ${expr}`)
		.join(', ');
	return `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict (${conflict.join(', ')}) do update set ${sets} returning ${returning}`;
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
export function suspendListingsFtsTrigger(client: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown }; run(...a: unknown[]): unknown }; exec(sql: string): unknown }): () => void {
	const sql = client.prepare("select sql from sqlite_master where type = 'trigger' and name = 'listings_fts_ai'").pluck().get() as string | undefined;
	if (!sql) return () => {};
	const sinceId = (client.prepare('select coalesce(max(id), 0) from listings').pluck().get() as number) ?? 0;
	client.exec('drop trigger listings_fts_ai');
	return () => {
		client.prepare('insert into listings_fts (rowid, title) select id, title from listings where id > ?').run(sinceId);
		client.exec(sql);
	};
}

type SqlClient = { prepare(sql: string): { all(...a: unknown[]): unknown[] }; exec(sql: string): unknown };

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
export function deferSecondaryIndexes(client: SqlClient, tables: string[]): () => void {
	const rows = client
		.prepare(
			`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')}) order by name`
		)
		.all(...tables) as { name: string; sql: string }[];
	const deferred = rows.filter((r) => !/^\s*create\s+unique\b/i.test(r.sql));
	for (const ix of deferred) client.exec(`drop index "${ix.name}"`);
	return () => {
		for (const ix of deferred) client.exec(ix.sql);
	};
}
