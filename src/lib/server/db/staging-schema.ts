// The tables an import works with besides the app's own (schema.ts), described for drizzle so
// that the resolve and merge queries (db/queries/ingest/) are typed and name their columns from
// here: the staged rows (the `staged` view over the staging files, db/staging.ts) and the
// scratch tables the resolver writes (attached as `r`). They are created by db/staging.ts, not by
// migrations: drizzle.config.ts reads schema.ts only, so drizzle-kit never sees these.
// Names are unqualified on purpose: SQLite finds an unqualified table in temp, main, then the
// attached files, and none of these names is a table of the main database.
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The columns of one staged row (the staging file's `rows` table; db/staging-file.ts STAGING_SCHEMA). */
const stagedColumns = {
	seq: integer('seq').primaryKey(),
	mp: text('mp').notNull(),
	key: text('key').notNull(),
	url: text('url'),
	title: text('title').notNull(),
	cat: text('cat'),
	raw_cat: text('raw_cat'),
	loc: text('loc'),
	region: text('region'),
	shop_key: text('shop_key'),
	price: integer('price').notNull(),
	price_max: integer('price_max'),
	sold: integer('sold'),
	sold_lb: integer('sold_lb').notNull(),
	sold_monthly: integer('sold_monthly'),
	rating: real('rating'),
	review_count: integer('review_count'),
	star_counts: text('star_counts'),
	pack_quantity: real('pack_quantity').notNull(),
	unit: text('unit').notNull(),
	unit_family: text('unit_family').notNull(),
	pack_status: text('pack_status'),
	day: text('day').notNull(),
	mp_name: text('mp_name'),
	shop_name: text('shop_name'),
	shop_rating: real('shop_rating'),
	observed: integer('observed'),
	rkey: text('rkey'),
	reviewed_at: text('reviewed_at'),
	stars: integer('stars'),
	rtext: text('rtext'),
	raw: text('raw')
};

/** Every staged row of the batch, all parts in file order (a temp view, db/staging.ts attachStaged). */
export const staged = sqliteTable('staged', stagedColumns);

/** One staging file's refused rows (`p0.rejections`, …), read part by part. */
export const stagingRejections = sqliteTable('rejections', {
	/** SQLite's own row number: the order the rows were refused in. */
	rowid: integer('rowid'),
	seq: integer('seq').notNull(),
	line: integer('line').notNull(),
	col: text('col'),
	reason_id: text('reason_id').notNull(),
	reason_en: text('reason_en').notNull(),
	raw: text('raw')
});

// The resolver's scratch tables (`r.*`, created by db/staging.ts SCRATCH_SCHEMA).

/** Keys that need walking row by row (repeated in the file, already stored, or fingerprints). */
export const scratchComplex = sqliteTable('complex', {
	mp: text('mp').notNull(),
	key: text('key').notNull()
});

/** Listings a walked row creates (`snap` = 1 when the row says something of the listing itself). */
export const scratchNewListing = sqliteTable('new_listing', {
	seq: integer('seq').primaryKey(),
	mp: text('mp').notNull(),
	key: text('key').notNull(),
	snap: integer('snap').notNull()
});

/** Rows that write a snapshot of a listing that exists (`key` is the listing's, "#2" included). */
export const scratchSnap = sqliteTable('snap', {
	seq: integer('seq').primaryKey(),
	key: text('key').notNull()
});

/** The new current state of listings the batch changed. */
export const scratchCur = sqliteTable('cur', {
	mp: text('mp').notNull(),
	key: text('key').notNull(),
	has_current: integer('has_current').notNull(),
	price: integer('price'),
	price_max: integer('price_max'),
	sold: integer('sold'),
	sold_lb: integer('sold_lb'),
	sold_monthly: integer('sold_monthly'),
	rating: real('rating'),
	review_count: integer('review_count'),
	star_counts: text('star_counts'),
	url: text('url'),
	shop_key: text('shop_key'),
	region: text('region'),
	cat: text('cat'),
	first_seen: text('first_seen').notNull(),
	last_seen: text('last_seen').notNull()
});

/** Reviews to insert (`is_new` = 1) or update. */
export const scratchReviewWrite = sqliteTable('review_write', {
	seq: integer('seq').primaryKey(),
	mp: text('mp').notNull(),
	key: text('key').notNull(),
	rkey: text('rkey').notNull(),
	is_new: integer('is_new').notNull(),
	reviewed_at: text('reviewed_at').notNull(),
	stars: integer('stars'),
	text: text('text').notNull()
});

/** Rows the resolver refused (a key repeated with other values), with their line and text. */
export const scratchRejected = sqliteTable('rejected', {
	seq: integer('seq').notNull(),
	line: integer('line').notNull(),
	raw: text('raw')
});

/** The first row naming each marketplace, shop and category of the batch. */
export const scratchFirsts = sqliteTable('firsts', {
	kind: text('kind', { enum: ['marketplace', 'shop', 'category'] }).notNull(),
	mp: text('mp').notNull(),
	key: text('key').notNull(),
	name: text('name'),
	region: text('region'),
	rating: real('rating'),
	seq: integer('seq').notNull()
});

/** The scratch tables emptied when a merge resolves again under the lock. */
export const scratchTables = [scratchComplex, scratchNewListing, scratchSnap, scratchCur, scratchReviewWrite, scratchRejected, scratchFirsts] as const;

/** A copy of staged rows in walking order, numbered by rowid (db/staging.ts createWalk); holds the columns its select chose. */
export const scratchWalk = sqliteTable('walk', { walk_id: integer('rowid').primaryKey(), ...stagedColumns });
