// An import's staging and scratch files: the db-layer half of ingest/stage.ts, ingest/resolve.ts
// and ingest/merge.ts. Everything here is SQLite by nature and stays so on any main engine: each
// staging thread writes a temporary SQLite file of its own (StageWriter), and the importing
// connection ATTACHes those files and a scratch file (`r`) to resolve and merge set-wise. The
// tables are described for drizzle in staging-schema.ts; the queries over them are typed, in
// db/queries/ingest/. Dialect piece: on PostgreSQL the staged rows would be loaded into
// temporary tables (COPY) instead of being attached; the queries read them under the same names.
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './index';

/**
 * Rows of one staging file. `seq` orders every row of the batch (file order): a part's line
 * plus its base (csv-parallel.ts). Review files also keep the names and the review itself;
 * listing files do not (their marketplaces and shops are named by RowStager's first rows).
 * The columns are those of staging-schema.ts `staged`.
 */
const STAGING_SCHEMA = `
create table rows (
	seq integer primary key,
	mp text not null,
	key text not null,
	url text,
	title text not null,
	cat text,
	raw_cat text,
	loc text,
	region text,
	shop_key text,
	price integer not null,
	price_max integer,
	sold integer,
	sold_lb integer not null,
	sold_monthly integer,
	rating real,
	review_count integer,
	star_counts text,
	pack_quantity real not null,
	unit text not null,
	unit_family text not null,
	pack_status text,
	day text not null,
	mp_name text,
	shop_name text,
	shop_rating real,
	observed integer,
	rkey text,
	reviewed_at text,
	stars integer,
	rtext text,
	raw text
);
create table rejections (seq integer not null, line integer not null, col text, reason_id text not null, reason_en text not null, raw text);
`;

/** The columns every staged row has, in the order RowStager gives them. */
const LISTING_COLUMNS = [
	'seq',
	'mp',
	'key',
	'url',
	'title',
	'cat',
	'raw_cat',
	'loc',
	'region',
	'shop_key',
	'price',
	'price_max',
	'sold',
	'sold_lb',
	'sold_monthly',
	'rating',
	'review_count',
	'star_counts',
	'pack_quantity',
	'unit',
	'unit_family',
	'pack_status',
	'day'
] as const;
/** A review row's own columns, after the listing's. */
const REVIEW_COLUMNS = ['mp_name', 'shop_name', 'shop_rating', 'observed', 'rkey', 'reviewed_at', 'stars', 'rtext'] as const;

/** Rows per multi-row INSERT: one statement call per batch instead of per row. */
const BATCH = 64;

/**
 * Writes staged rows into one staging file (created here), in transactions of a few thousand
 * rows, several rows per statement: binding values is most of an insert's cost, so a row
 * carries only the columns its kind of file needs. A connection of its own to a scratch file,
 * positional values bound straight to better-sqlite3: this is the import's hottest loop.
 */
export class StageWriter {
	readonly db: Database.Database;
	private one!: Database.Statement;
	private many!: Database.Statement;
	private width = 0;
	private reject: Database.Statement;
	private pending: unknown[] = [];
	private inTx = 0;

	constructor(path: string) {
		this.db = new Database(path);
		// A scratch file: no journal, no syncing, written by this connection alone.
		this.db.pragma('journal_mode = OFF');
		this.db.pragma('synchronous = OFF');
		this.db.pragma('locking_mode = EXCLUSIVE');
		this.db.pragma('cache_size = -16384');
		this.db.exec(STAGING_SCHEMA);
		this.reject = this.db.prepare('insert into rejections (seq, line, col, reason_id, reason_en, raw) values (?, ?, ?, ?, ?, ?)');
		this.db.exec('BEGIN');
	}

	/** The columns of the rows to come: a listing or review file, with or without each row's text. */
	columns(kind: 'listings' | 'reviews', keepRaw: boolean): void {
		const columns: string[] = [...LISTING_COLUMNS, ...(kind === 'reviews' ? REVIEW_COLUMNS : []), ...(keepRaw ? ['raw'] : [])];
		const row = `(${columns.map(() => '?').join(', ')})`;
		this.width = columns.length;
		this.one = this.db.prepare(`insert into rows (${columns.join(', ')}) values ${row}`);
		this.many = this.db.prepare(`insert into rows (${columns.join(', ')}) values ${Array(BATCH).fill(row).join(', ')}`);
	}

	/** One row's values in the order of columns(). */
	add(values: unknown[]): void {
		for (const v of values) this.pending.push(v);
		if (this.pending.length === BATCH * this.width) {
			this.many.run(this.pending);
			this.pending.length = 0;
			this.tick();
		}
	}

	/** One refused row's reason (already clipped by the caller). */
	rejection(seq: number, line: number, column: string | null, reasonId: string, reasonEn: string, raw: string): void {
		this.reject.run(seq, line, column, reasonId, reasonEn, raw);
	}

	private tick(): void {
		if (++this.inTx >= 64) {
			this.db.exec('COMMIT; BEGIN');
			this.inTx = 0;
		}
	}

	/** Writes what is buffered and closes the file. */
	finish(): void {
		for (let i = 0; i < this.pending.length; i += this.width) this.one.run(this.pending.slice(i, i + this.width));
		this.pending.length = 0;
		this.db.exec('COMMIT');
		this.db.close();
	}

	/** Closes without caring for what is buffered (the import failed). */
	abandon(): void {
		if (this.db.open) this.db.close();
	}
}

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
export function createWalk(db: Db, select: SQL): void {
	dropWalk(db);
	db.run(sql`create table r.walk as ${select}`);
}

export function dropWalk(db: Db): void {
	db.run(sql`drop table if exists r.walk`);
}
