// Queries of ingest/merge.ts: the set-wise statements that fold a resolved batch into the main
// database inside its one write transaction, reading the staged rows (the `staged` view), each
// staging file's rejections (`p0.rejections` …) and the resolver's scratch tables
// (staging-schema.ts). insert…select and update…from are beyond the builder: they are `sql`
// templates naming tables and columns from the schemas, with every value a parameter.
import { asc, count, eq, getTableColumns, isNotNull, and, gte, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { dialectOf } from '../../sql-dialect';
import { excluded } from '../../excluded';
import { categories, importRejections, listings, listingSnapshots, marketplaces, meta, reviews, shops } from '../../schema';
import { stagingPart } from '../../staging';
import {
	scratchComplex,
	scratchCur,
	scratchFirsts,
	scratchNewListing,
	scratchRejected,
	scratchReviewWrite,
	scratchSnap,
	scratchTables,
	staged,
	stagingRejections
} from '../../staging-schema';
import { engineOf, exec, firstRow, allRows } from '../../run';

/**
 * The batch id as a value of the select list of an insert…select: typed, because PostgreSQL
 * types an untyped parameter there as text, which an integer column refuses (SQLite takes it either way).
 */
const batchValue = (batchId: number) => sql`cast(${batchId} as integer)`;

/** A column list for an INSERT or a SET target: bare names (a qualified name is invalid there). */
const names = (...columns: SQLiteColumn[]) => sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `);

/** Empties the scratch tables before a resolution made again under the lock. */
export async function clearScratch(db: Db): Promise<void> {
	for (const t of scratchTables) await exec(db, db.delete(t));
}

/** The category slugs the batch names, in the order of their first rows. */
export async function firstCategorySlugs(db: Db): Promise<string[]> {
	return (await allRows(db, db
		.select({ key: scratchFirsts.key })
		.from(scratchFirsts)
		.where(eq(scratchFirsts.kind, 'category'))
		.orderBy(asc(scratchFirsts.seq))))
		.map((r) => r.key);
}

/** Marketplaces the batch names that the database lacks. */
export async function insertNewMarketplaces(db: Db): Promise<void> {
	await exec(db, sql`insert into ${marketplaces} (${names(marketplaces.id, marketplaces.name)})
		select ${scratchFirsts.mp}, ${scratchFirsts.name} from ${scratchFirsts} where ${scratchFirsts.kind} = 'marketplace' order by ${scratchFirsts.seq}
		on conflict (${names(marketplaces.id)}) do nothing`);
}

/**
 * Shops the batch names: known ones renamed, their place and rating kept where the row had none;
 * new ones inserted in the order of their first rows. Two statements rather than one upsert:
 * PostgreSQL takes an id from the sequence for every row an `insert … on conflict do update`
 * offers, inserted or not, so a re-import would move every later shop's id (SQLite would not).
 */
export async function upsertShops(db: Db): Promise<void> {
	const f = scratchFirsts;
	await exec(db, sql`update ${shops} set ${names(shops.name)} = ${f.name},
			${names(shops.regionCode)} = coalesce(${f.region}, ${shops.regionCode}),
			${names(shops.rating)} = coalesce(${f.rating}, ${shops.rating})
		from ${f} where ${f.kind} = 'shop' and ${shops.marketplaceId} = ${f.mp} and ${shops.externalId} = ${f.key}`);
	await exec(db, sql`insert into ${shops} (${names(shops.marketplaceId, shops.externalId, shops.name, shops.regionCode, shops.rating)})
		select ${f.mp}, ${f.key}, ${f.name}, ${f.region}, ${f.rating}
		from ${f} where ${f.kind} = 'shop'
			and not exists (select 1 from ${shops} where ${shops.marketplaceId} = ${f.mp} and ${shops.externalId} = ${f.key})
		order by ${f.seq}`);
}

/** Listings the walk decided to create. */
export async function newListingCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(scratchNewListing)))?.n ?? 0;
}

/** Snapshots the walk decided to write for listings that exist. */
export async function snapCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(scratchSnap)))?.n ?? 0;
}

const LISTING_INSERT = sql`insert into ${listings} (${names(
	listings.marketplaceId,
	listings.externalId,
	listings.url,
	listings.title,
	listings.categoryId,
	listings.shopId,
	listings.regionCode,
	listings.packQuantity,
	listings.unit,
	listings.unitFamily,
	listings.price,
	listings.priceMax,
	listings.soldCount,
	listings.soldLowerBound,
	listings.soldMonthly,
	listings.rating,
	listings.reviewCount,
	listings.starCounts,
	listings.firstSeenAt,
	listings.lastSeenAt,
	listings.batchId,
	listings.rawCategory,
	listings.rawLocation,
	listings.packStatus
)})`;

/** The staged rows as a subquery `s`, with the external id each new listing gets as `ckey`. */
const s = alias(staged, 's');
const ckey = sql`${sql.identifier('s')}.${sql.identifier('ckey')}`;
/** Staged rows as `x` inside that subquery. */
const x = alias(staged, 'x');
/** `staged as x` (an alias renders as its bare name in a template). */
const stagedAsX = sql`${staged} as ${sql.identifier('x')}`;
const xColumns = sql.join(Object.values(getTableColumns(x)), sql`, `);
const CKEY = sql.identifier('ckey');

/** New listings from the staged rows of subquery `from` (as `s`): categories and shops found by their keys. */
async function insertListingsFrom(db: Db, batchId: number, from: SQL, inFileOrder: boolean): Promise<void> {
	await exec(db, sql`${LISTING_INSERT} select ${s.mp}, ${ckey}, ${s.url}, ${s.title}, ${categories.id}, ${shops.id}, ${s.region}, ${s.pack_quantity}, ${s.unit}, ${s.unit_family},
		${s.price}, ${s.price_max}, ${s.sold}, ${s.sold_lb}, ${s.sold_monthly}, ${s.rating}, ${s.review_count}, ${s.star_counts}, ${s.day}, ${s.day}, ${batchValue(batchId)},
		${s.raw_cat}, ${s.loc}, ${s.pack_status}
		from (${from}) ${sql.identifier('s')}
		left join ${categories} on ${categories.slug} = ${s.cat}
		left join ${shops} on ${shops.marketplaceId} = ${s.mp} and ${shops.externalId} = ${s.shop_key}
		where true${inFileOrder ? sql` order by ${s.seq}` : sql``}`);
}

/**
 * The usual new file: every staged row is a new listing, straight from the staging files, already
 * in file order on SQLite (the parts' rows, one after another); PostgreSQL's staged table is
 * ordered explicitly (a table scan promises no order).
 */
export async function insertPlainListings(db: Db, batchId: number): Promise<void> {
	await insertListingsFrom(db, batchId, sql`select ${xColumns}, ${x.key} as ${CKEY} from ${stagedAsX}`, engineOf(db) === 'postgres');
}

/** New listings of a listing file that needed walking: its plain rows and the listings the walk created, in file order. */
export async function insertWalkedListingFileListings(db: Db, batchId: number): Promise<void> {
	await insertListingsFrom(
		db,
		batchId,
		sql`select ${xColumns}, ${x.key} as ${CKEY} from ${stagedAsX}
			where not exists (select 1 from ${scratchComplex} where ${scratchComplex.mp} = ${x.mp} and ${scratchComplex.key} = ${x.key})
			union all select ${xColumns}, ${scratchNewListing.key} as ${CKEY} from ${scratchNewListing} join ${stagedAsX} on ${x.seq} = ${scratchNewListing.seq}`,
		true
	);
}

/** New listings of a review file: those the walk created, in file order. */
export async function insertReviewFileListings(db: Db, batchId: number): Promise<void> {
	await insertListingsFrom(
		db,
		batchId,
		sql`select ${xColumns}, ${scratchNewListing.key} as ${CKEY} from ${scratchNewListing} join ${stagedAsX} on ${x.seq} = ${scratchNewListing.seq}`,
		true
	);
}

const SNAPSHOT_INSERT = sql`insert into ${listingSnapshots} (${names(
	listingSnapshots.listingId,
	listingSnapshots.observedAt,
	listingSnapshots.price,
	listingSnapshots.soldCount,
	listingSnapshots.soldLowerBound,
	listingSnapshots.soldMonthly,
	listingSnapshots.rating,
	listingSnapshots.reviewCount,
	listingSnapshots.batchId
)})`;
const snapshotOfListing = sql`select ${listings.id}, ${listings.firstSeenAt}, ${listings.price}, ${listings.soldCount}, ${listings.soldLowerBound}, ${listings.soldMonthly}, ${listings.rating}, ${listings.reviewCount}, ${listings.batchId}`;

/** The first snapshot of the listings a listing file created (ids from `base` on): the values they were inserted with. */
export async function insertFirstSnapshotsFrom(db: Db, base: number): Promise<void> {
	await exec(db, sql`${SNAPSHOT_INSERT} ${snapshotOfListing} from ${listings} where ${listings.id} >= ${base}`);
}

/** The first snapshot of the listings a review file created, where their first row said something of them. */
export async function insertFirstSnapshotsOfReviewFile(db: Db): Promise<void> {
	await exec(db, sql`${SNAPSHOT_INSERT} ${snapshotOfListing} from ${scratchNewListing}
		join ${listings} on ${listings.marketplaceId} = ${scratchNewListing.mp} and ${listings.externalId} = ${scratchNewListing.key}
		where ${scratchNewListing.snap} = 1`);
}

/** Snapshots of known listings (a later file, a corrected value); a stored snapshot of the same day is replaced. */
export async function upsertSnapshotsOfKnownListings(db: Db, batchId: number): Promise<void> {
	const set = [
		listingSnapshots.price,
		listingSnapshots.soldCount,
		listingSnapshots.soldLowerBound,
		listingSnapshots.soldMonthly,
		listingSnapshots.rating,
		listingSnapshots.reviewCount,
		listingSnapshots.batchId
	].map((c) => sql`${names(c)} = ${excluded(c)}`);
	await exec(db, sql`${SNAPSHOT_INSERT}
		select ${listings.id}, ${staged.day}, ${staged.price}, ${staged.sold}, ${staged.sold_lb}, ${staged.sold_monthly}, ${staged.rating}, ${staged.review_count}, ${batchValue(batchId)}
		from ${scratchSnap} join ${staged} on ${staged.seq} = ${scratchSnap.seq}
		join ${listings} on ${listings.marketplaceId} = ${staged.mp} and ${listings.externalId} = ${scratchSnap.key} where true
		on conflict (${names(listingSnapshots.listingId, listingSnapshots.observedAt)}) do update set ${sql.join(set, sql`, `)}`);
}

/**
 * The current state of the listings the batch changed: the newest snapshot's values (when a row
 * of the batch is the newest); url, shop, region and star bars kept where the row had none.
 */
export async function updateChangedListings(db: Db, batchId: number): Promise<void> {
	const c = scratchCur;
	const current = (from: SQLiteColumn | SQL, kept: SQLiteColumn) => sql`case when ${c.has_current} = 1 then ${from} else ${kept} end`;
	const set: [SQLiteColumn, SQL][] = [
		[listings.price, current(c.price, listings.price)],
		[listings.priceMax, current(c.price_max, listings.priceMax)],
		[listings.soldCount, current(c.sold, listings.soldCount)],
		[listings.soldLowerBound, current(c.sold_lb, listings.soldLowerBound)],
		[listings.soldMonthly, current(c.sold_monthly, listings.soldMonthly)],
		[listings.rating, current(c.rating, listings.rating)],
		[listings.reviewCount, current(c.review_count, listings.reviewCount)],
		[listings.batchId, current(sql`${batchId}`, listings.batchId)],
		[listings.starCounts, sql`coalesce(${c.star_counts}, ${listings.starCounts})`],
		[listings.url, sql`coalesce(${c.url}, ${listings.url})`],
		[listings.shopId, sql`coalesce((select ${shops.id} from ${shops} where ${shops.marketplaceId} = ${c.mp} and ${shops.externalId} = ${c.shop_key}), ${listings.shopId})`],
		[listings.regionCode, sql`coalesce(${c.region}, ${listings.regionCode})`],
		[listings.categoryId, sql`coalesce(${listings.categoryId}, (select ${categories.id} from ${categories} where ${categories.slug} = ${c.cat}))`],
		[listings.firstSeenAt, sql`${c.first_seen}`],
		[listings.lastSeenAt, sql`${c.last_seen}`]
	];
	await exec(db, sql`update ${listings} set ${sql.join(
		set.map(([col, value]) => sql`${names(col)} = ${value}`),
		sql`, `
	)}
		from ${c} where ${listings.marketplaceId} = ${c.mp} and ${listings.externalId} = ${c.key}`);
}

/** Reviews the walk found new, in file order. */
export async function insertNewReviews(db: Db, batchId: number): Promise<void> {
	const w = scratchReviewWrite;
	await exec(db, sql`insert into ${reviews} (${names(reviews.listingId, reviews.externalId, reviews.reviewedAt, reviews.stars, reviews.text, reviews.batchId)})
		select ${listings.id}, ${w.rkey}, ${w.reviewed_at}, ${w.stars}, ${w.text}, ${batchValue(batchId)}
		from ${w} join ${listings} on ${listings.marketplaceId} = ${w.mp} and ${listings.externalId} = ${w.key} where ${w.is_new} = 1 order by ${w.seq}`);
}

/** Reviews the walk found changed: their new values, to be analysed again. */
export async function updateChangedReviews(db: Db, batchId: number): Promise<void> {
	const w = scratchReviewWrite;
	await exec(db, sql`update ${reviews} set ${names(reviews.reviewedAt)} = ${w.reviewed_at}, ${names(reviews.stars)} = ${w.stars}, ${names(reviews.text)} = ${w.text},
			${names(reviews.batchId)} = ${batchId}, ${names(reviews.analyzerVersion)} = null
		from ${w} join ${listings} on ${listings.marketplaceId} = ${w.mp} and ${listings.externalId} = ${w.key}
		where ${w.is_new} = 0 and ${reviews.listingId} = ${listings.id} and ${reviews.externalId} = ${w.rkey}`);
}

const REJECTION_INSERT = sql`insert into ${importRejections} (${names(
	importRejections.batchId,
	importRejections.line,
	importRejections.column,
	importRejections.reasonId,
	importRejections.reasonEn,
	importRejections.raw
)})`;

/**
 * The rows staging file number `part` refused, with their lines in the file (`lineOffset` + their
 * line in the part), in its order. Dialect piece: on SQLite each part's own table (`p0.rejections`
 * …), on PostgreSQL the one temporary table every part was copied into (db/staging.ts).
 */
export async function insertPartRejections(db: Db, batchId: number, part: number, lineOffset: number): Promise<void> {
	const r = stagingRejections;
	const from = engineOf(db) === 'postgres' ? sql`${r} where ${sql.identifier('part')} = ${part}` : sql`${stagingPart(part)}.${r}`;
	await exec(db, sql`${REJECTION_INSERT} select ${batchValue(batchId)}, ${r.line} + ${lineOffset}, ${r.col}, ${r.reason_id}, ${r.reason_en}, ${r.raw}
		from ${from} order by ${r.rowid}`);
}

/** The rows the resolver refused (a key repeated with other values), all with one reason. */
export async function insertResolverRejections(db: Db, batchId: number, reason: { id: string; en: string }): Promise<void> {
	const r = scratchRejected;
	await exec(db, sql`${REJECTION_INSERT} select ${batchValue(batchId)}, ${r.line}, null, cast(${reason.id} as text), cast(${reason.en} as text), ${r.raw} from ${r} order by ${r.seq}`);
}

/** Every import's merge moves the generation on: a resolution made before another import's commit is stale. */
export async function bumpImportGeneration(db: Db): Promise<void> {
	const dialect = dialectOf(db);
	await exec(db, db.insert(meta)
		.values({ key: 'import_generation', value: '1' })
		.onConflictDoUpdate({ target: meta.key, set: { value: sql`${dialect.textToInteger(meta.value)} + 1`, updatedAt: dialect.nowIso() } }));
}

/** Categories of the listings with ids from `base` on (a listing file's new listings). */
export async function categoriesOfListingsFrom(db: Db, base: number): Promise<number[]> {
	return (await allRows(db, db
		.selectDistinct({ id: listings.categoryId })
		.from(listings)
		.where(and(gte(listings.id, base), isNotNull(listings.categoryId)))))
		.flatMap((r) => (r.id === null ? [] : [r.id]));
}

/** Categories of the listings that got a snapshot of a staged row (their own, else the row's). */
export async function categoriesOfSnapshotRows(db: Db): Promise<(number | null)[]> {
	return (await allRows<{ id: number | null }>(db, sql`select distinct coalesce(${listings.categoryId}, ${categories.id}) as id from ${scratchSnap} join ${staged} on ${staged.seq} = ${scratchSnap.seq}
				join ${listings} on ${listings.marketplaceId} = ${staged.mp} and ${listings.externalId} = ${scratchSnap.key}
				left join ${categories} on ${categories.slug} = ${staged.cat}`))
		.map((r) => r.id);
}

/** The reviews a batch wrote, by id. */
export async function reviewIdsOfBatch(db: Db, batchId: number): Promise<number[]> {
	return (await allRows(db, db
		.select({ id: reviews.id })
		.from(reviews)
		.where(eq(reviews.batchId, batchId))
		.orderBy(asc(reviews.id))))
		.map((r) => r.id);
}

/** The text of a row the resolver refused, found in the file again (a few rows per batch). */
export async function setRejectedRaw(db: Db, seq: number, raw: string | null): Promise<void> {
	await exec(db, db.update(scratchRejected).set({ raw }).where(eq(scratchRejected.seq, seq)));
}
