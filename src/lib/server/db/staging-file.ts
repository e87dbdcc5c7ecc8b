// A staging file: the temporary SQLite file one staging thread writes an import's checked rows
// to (ingest/stage.ts RowStager, on the importing thread or a worker of csv-parallel.ts).
// Db-layer and SQLite by nature on any main engine: a scratch file of its own, written through
// its own connection with positional values bound straight to better-sqlite3 (the import's
// hottest loop). It imports nothing but the driver, as every staging worker thread loads it.
// The importing connection attaches these files afterwards (staging.ts); staging-schema.ts
// describes their columns for the typed queries.
import Database from 'better-sqlite3';

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
