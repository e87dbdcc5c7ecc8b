// An import's staging and scratch files on the importing connection: the db-layer half of
// ingest/resolve.ts and ingest/merge.ts. SQLite by nature and so on any main engine: each
// staging thread has written a temporary SQLite file of its own (staging-file.ts), and the
// importing connection ATTACHes those files and a scratch file (`r`) to resolve and merge set-wise. The
// tables are described for drizzle in staging-schema.ts; the queries over them are typed, in
// db/queries/ingest/. Dialect piece: on PostgreSQL the staged rows are copied into temporary
// tables of the import's transaction instead (loadStagedPostgres); the queries read them under
// the same names.
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './index';
import { engineOf, exec } from './run';

/** The resolver's scratch tables, in the scratch file attached as `r` (staging-schema.ts describes them). */
const SCRATCH_SCHEMA = `
create table r.complex (mp text not null, key text not null, primary key (mp, key)) without rowid;
create table r.new_listing (seq integer primary key, mp text not null, key text not null, snap integer not null);
create table r.snap (seq integer primary key, key text not null);
create table r.cur (
	mp text not null, key text not null, has_current integer not null,
	price integer, price_max integer, sold integer, sold_lb integer, sold_monthly integer, rating real, review_count integer,
	star_counts text, url text, shop_key text, region text, cat text, first_seen text not null, last_seen text not null
);
create table r.review_write (seq integer primary key, mp text not null, key text not null, rkey text not null, is_new integer not null, reviewed_at text not null, stars integer, text text not null);
create table r.rejected (seq integer not null, line integer not null, raw text);
create table r.firsts (kind text not null, mp text not null, key text not null, name text, region text, rating real, seq integer not null, primary key (kind, mp, key)) without rowid;
`;

/** The schema name a staging file is attached under (its index among the batch's parts). */
export const stagingPart = (index: number) => sql.identifier(`p${index}`);

/**
 * Attaches the staging files (as p0, p1 …, in file order) and the scratch file (as `r`) to the
 * importing connection, and creates the `staged` view over every part's rows and the scratch
 * tables. detachStaged undoes it.
 */
export function attachStaged(db: Db, partPaths: string[], scratchPath: string): void {
	const client = db.$client;
	partPaths.forEach((path, i) => client.prepare(`attach ? as p${i}`).run(path));
	client.prepare('attach ? as r').run(scratchPath);
	client.pragma('r.journal_mode = OFF');
	client.pragma('r.synchronous = OFF');
	client.exec(`create temp view staged as ${partPaths.map((_, i) => `select * from p${i}.rows`).join(' union all ') || 'select * from main.listings where 0'}`);
	client.exec(SCRATCH_SCHEMA);
}

/** Detaches what attachStaged attached (on every path; an open transaction is rolled back first). */
export function detachStaged(db: Db, partCount: number): void {
	const client = db.$client;
	if (client.inTransaction) client.exec('ROLLBACK');
	try {
		client.exec('drop view if exists temp.staged');
	} catch {
		// Not created.
	}
	const attached = new Set((client.pragma('database_list') as { name: string }[]).map((d) => d.name));
	for (let i = 0; i < partCount; i++) if (attached.has(`p${i}`)) client.exec(`detach p${i}`);
	if (attached.has('r')) client.exec('detach r');
}

/**
 * Copies the rows of `select` (in its order) into the scratch table `r.walk`, numbered by rowid
 * (staging-schema.ts scratchWalk), replacing what was there: the resolver pages through it while
 * it writes other scratch tables, which better-sqlite3 does not allow during an iteration.
 */
export async function createWalk(db: Db, walk: { columns: SQL; from: SQL; orderBy: SQL }): Promise<void> {
	await dropWalk(db);
	if (engineOf(db) === 'postgres') {
		// No rowid: the walking order is numbered explicitly.
		await exec(db, sql`create temp table walk on commit drop as select row_number() over (order by ${walk.orderBy}) as rowid, ${walk.columns} from ${walk.from}`);
	} else {
		await exec(db, sql`create table r.walk as select ${walk.columns} from ${walk.from} order by ${walk.orderBy}`);
	}
}

export async function dropWalk(db: Db): Promise<void> {
	await exec(db, engineOf(db) === 'postgres' ? sql`drop table if exists walk` : sql`drop table if exists r.walk`);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the staged rows copied into temporary tables of the import's transaction

/**
 * The staged rows, each part's rejections and the resolver's scratch tables as temporary tables,
 * dropped at the transaction's end (commit or rollback): per connection, so two imports on two
 * connections never see each other's. Types as the main tables have them (schema.pg.ts): seq is
 * bigint (parts are 2^40 apart), whole numbers from files bigint, reals double precision, the
 * sold lower bound boolean. `rejections` holds every part's, told apart by `part`; its `rowid`
 * keeps their order as SQLite's rowid does.
 */
const PG_STAGING_SCHEMA = [
	`create temp table staged (
	seq bigint primary key, mp text not null, key text not null, url text, title text not null, cat text, raw_cat text, loc text,
	region text, shop_key text, price bigint not null, price_max bigint, sold bigint, sold_lb boolean not null, sold_monthly bigint,
	rating double precision, review_count bigint, star_counts text, pack_quantity double precision not null, unit text not null,
	unit_family text not null, pack_status text, day text not null, mp_name text, shop_name text, shop_rating double precision,
	observed integer, rkey text, reviewed_at text, stars integer, rtext text, raw text
) on commit drop`,
	`create temp table rejections (rowid bigint generated always as identity primary key, part integer not null, seq bigint not null, line integer not null, col text, reason_id text not null, reason_en text not null, raw text) on commit drop`,
	`create temp table complex (mp text not null, key text not null, primary key (mp, key)) on commit drop`,
	`create temp table new_listing (seq bigint primary key, mp text not null, key text not null, snap integer not null) on commit drop`,
	`create temp table snap (seq bigint primary key, key text not null) on commit drop`,
	`create temp table cur (
	mp text not null, key text not null, has_current integer not null,
	price bigint, price_max bigint, sold bigint, sold_lb boolean, sold_monthly bigint, rating double precision, review_count bigint,
	star_counts text, url text, shop_key text, region text, cat text, first_seen text not null, last_seen text not null
) on commit drop`,
	`create temp table review_write (seq bigint primary key, mp text not null, key text not null, rkey text not null, is_new integer not null, reviewed_at text not null, stars integer, text text not null) on commit drop`,
	`create temp table rejected (seq bigint not null, line integer not null, raw text) on commit drop`,
	`create temp table firsts (kind text not null, mp text not null, key text not null, name text, region text, rating double precision, seq bigint not null, primary key (kind, mp, key)) on commit drop`
];

/** The staged columns and their PostgreSQL types, in the staging file's order (staging-file.ts). */
const PG_STAGED_COLUMNS: [string, string][] = [
	['seq', 'bigint'], ['mp', 'text'], ['key', 'text'], ['url', 'text'], ['title', 'text'], ['cat', 'text'], ['raw_cat', 'text'],
	['loc', 'text'], ['region', 'text'], ['shop_key', 'text'], ['price', 'bigint'], ['price_max', 'bigint'], ['sold', 'bigint'],
	['sold_lb', 'boolean'], ['sold_monthly', 'bigint'], ['rating', 'double precision'], ['review_count', 'bigint'],
	['star_counts', 'text'], ['pack_quantity', 'double precision'], ['unit', 'text'], ['unit_family', 'text'], ['pack_status', 'text'],
	['day', 'text'], ['mp_name', 'text'], ['shop_name', 'text'], ['shop_rating', 'double precision'], ['observed', 'integer'],
	['rkey', 'text'], ['reviewed_at', 'text'], ['stars', 'integer'], ['rtext', 'text'], ['raw', 'text']
];
const PG_REJECTION_COLUMNS: [string, string][] = [
	['part', 'integer'], ['seq', 'bigint'], ['line', 'integer'], ['col', 'text'], ['reason_id', 'text'], ['reason_en', 'text'], ['raw', 'text']
];

/** Rows per insert: each insert sends one array per column (unnest), so no parameter limit applies. */
const PG_BATCH_ROWS = 5000;

/**
 * Copies `select` of a staging file into `table` on `db` (a PostgreSQL transaction), in batches
 * of one array per column expanded by unnest (as db/copy-to-postgres.ts copies tables): one
 * statement per few thousand rows, whatever their width.
 */
async function copyRows(db: Db, rows: Iterable<unknown[]>, table: string, columns: [string, string][], lead: unknown[] = [], tail = ''): Promise<number> {
	const insertInto = sql.raw(`insert into ${table} (${columns.map(([c]) => `"${c}"`).join(', ')}) select * from unnest(`);
	const after = sql.raw(`)${tail}`);
	const booleans = columns.map(([, type]) => type === 'boolean');
	let arrays: unknown[][] = columns.map(() => []);
	let inBatch = 0;
	let bytes = 0;
	let total = 0;
	const flush = async () => {
		if (inBatch === 0) return;
		const args = sql.join(
			columns.map(([, type], i) => sql`${sql.param(arrays[i])}::${sql.raw(type)}[]`),
			sql`, `
		);
		await exec(db, sql`${insertInto}${args}${after}`);
		total += inBatch;
		arrays = columns.map(() => []);
		inBatch = 0;
		bytes = 0;
	};
	for (const values of rows) {
		const row = lead.length ? [...lead, ...values] : values;
		for (let i = 0; i < row.length; i++) {
			const v = row[i];
			// SQLite keeps the sold lower bound as 0/1; the boolean column wants true/false (a value
			// read back from PostgreSQL already is one).
			arrays[i].push(booleans[i] && typeof v === 'number' ? v !== 0 : v);
			if (typeof v === 'string') bytes += v.length;
		}
		inBatch++;
		if (inBatch >= PG_BATCH_ROWS || bytes > 16 * 1024 * 1024) await flush();
	}
	await flush();
	return total;
}

/** The resolver's scratch columns and their PostgreSQL types (PG_STAGING_SCHEMA), by table. */
const PG_SCRATCH_COLUMNS: Record<string, [string, string][]> = {
	new_listing: [['seq', 'bigint'], ['mp', 'text'], ['key', 'text'], ['snap', 'integer']],
	snap: [['seq', 'bigint'], ['key', 'text']],
	cur: [
		['mp', 'text'], ['key', 'text'], ['has_current', 'integer'], ['price', 'bigint'], ['price_max', 'bigint'], ['sold', 'bigint'],
		['sold_lb', 'boolean'], ['sold_monthly', 'bigint'], ['rating', 'double precision'], ['review_count', 'bigint'], ['star_counts', 'text'],
		['url', 'text'], ['shop_key', 'text'], ['region', 'text'], ['cat', 'text'], ['first_seen', 'text'], ['last_seen', 'text']
	],
	rejected: [['seq', 'bigint'], ['line', 'integer'], ['raw', 'text']],
	review_write: [['seq', 'bigint'], ['mp', 'text'], ['key', 'text'], ['rkey', 'text'], ['is_new', 'integer'], ['reviewed_at', 'text'], ['stars', 'integer'], ['text', 'text']],
	firsts: [['kind', 'text'], ['mp', 'text'], ['key', 'text'], ['name', 'text'], ['region', 'text'], ['rating', 'double precision'], ['seq', 'bigint']]
};

/**
 * Rows into one of the resolver's scratch tables on PostgreSQL, in order, a few thousand per
 * statement (unnest: a handful of parameters however many rows). `keepFirst`: a key already
 * there (or earlier in `rows`) keeps its first row.
 */
export async function insertScratchRowsPostgres(db: Db, table: string, rows: Record<string, unknown>[], keepFirst = false): Promise<void> {
	const columns = PG_SCRATCH_COLUMNS[table];
	if (!columns) throw new Error(`no scratch table ${table}`);
	await copyRows(
		db,
		rows.map((r) => columns.map(([c]) => r[c] ?? null)),
		table,
		columns,
		[],
		keepFirst ? ' on conflict do nothing' : ''
	);
}

/**
 * Creates the import's temporary tables on `db` (a PostgreSQL transaction) and copies every
 * staging file's rows and rejections into them, in file order. Returns the rows copied.
 */
export async function loadStagedPostgres(db: Db, partPaths: string[]): Promise<number> {
	for (const ddl of PG_STAGING_SCHEMA) await exec(db, sql.raw(ddl));
	let rows = 0;
	for (const [part, path] of partPaths.entries()) {
		const file = new Database(path, { readonly: true, fileMustExist: true });
		try {
			const list = (columns: [string, string][]) => columns.map(([c]) => `"${c}"`).join(', ');
			rows += await copyRows(db, file.prepare(`select ${list(PG_STAGED_COLUMNS)} from rows order by seq`).raw().iterate() as Iterable<unknown[]>, 'staged', PG_STAGED_COLUMNS);
			await copyRows(
				db,
				file.prepare(`select ${list(PG_REJECTION_COLUMNS.slice(1))} from rejections order by rowid`).raw().iterate() as Iterable<unknown[]>,
				'rejections',
				PG_REJECTION_COLUMNS,
				[part]
			);
		} finally {
			file.close();
		}
	}
	// The planner's row counts for the joins the resolver and the merge make on these tables.
	await exec(db, sql`analyze staged`);
	return rows;
}
