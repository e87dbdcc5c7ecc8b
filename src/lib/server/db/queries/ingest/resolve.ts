// Queries of ingest/resolve.ts: what the resolver reads of the main database (a listing, a
// snapshot, a review, one at a time as it walks), what it reads of the staged rows, and what it
// writes into the scratch tables (staging-schema.ts). The single-row statements run once per
// walked row: they are prepared once per resolution (prepare*), outside the walk.
import { and, asc, count, eq, getTableColumns, gt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { listings, listingSnapshots, meta, reviews } from '../../schema';
import {
	scratchComplex,
	scratchCur,
	scratchFirsts,
	scratchNewListing,
	scratchRejected,
	scratchReviewWrite,
	scratchSnap,
	scratchWalk,
	staged
} from '../../staging-schema';
import { createWalk, dropWalk } from '../../staging';
import { exec, firstRow, allRows } from '../../run';

/** Moved on by every import's merge (merge.ts): a resolution made against an older value is stale. */
export async function importGeneration(db: Db): Promise<number> {
	return Number((await firstRow(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'import_generation'))))?.value ?? 0);
}

/** The statements against the main database the resolver reads with. */
export function prepareMainReads(db: Db) {
	return {
		/** `.get({ mp, key })` */
		listing: db
			.select({ id: listings.id, firstSeen: listings.firstSeenAt, lastSeen: listings.lastSeenAt })
			.from(listings)
			.where(and(eq(listings.marketplaceId, sql.placeholder('mp')), eq(listings.externalId, sql.placeholder('key'))))
			.prepare(),
		/** `.get({ listingId, day })`; sold_lower_bound as stored (0/1), compared as a truth value. */
		snap: db
			.select({
				price: listingSnapshots.price,
				sold_count: listingSnapshots.soldCount,
				sold_lower_bound: sql<number>`${listingSnapshots.soldLowerBound}`,
				sold_monthly: listingSnapshots.soldMonthly,
				rating: listingSnapshots.rating,
				review_count: listingSnapshots.reviewCount
			})
			.from(listingSnapshots)
			.where(and(eq(listingSnapshots.listingId, sql.placeholder('listingId')), eq(listingSnapshots.observedAt, sql.placeholder('day'))))
			.prepare(),
		/** `.get({ listingId, rkey })` */
		review: db
			.select({ reviewedAt: reviews.reviewedAt, stars: reviews.stars, text: reviews.text })
			.from(reviews)
			.where(and(eq(reviews.listingId, sql.placeholder('listingId')), eq(reviews.externalId, sql.placeholder('rkey'))))
			.prepare()
	};
}

const p = <N extends string>(name: N) => sql.placeholder(name);

/** Writes of the resolver into the scratch tables; each `.run({ …columns })`. */
export function prepareScratchWrites(db: Db) {
	return {
		newListing: db.insert(scratchNewListing).values({ seq: p('seq'), mp: p('mp'), key: p('key'), snap: p('snap') }).prepare(),
		snap: db.insert(scratchSnap).values({ seq: p('seq'), key: p('key') }).prepare(),
		cur: db
			.insert(scratchCur)
			.values({
				mp: p('mp'),
				key: p('key'),
				has_current: p('has_current'),
				price: p('price'),
				price_max: p('price_max'),
				sold: p('sold'),
				sold_lb: p('sold_lb'),
				sold_monthly: p('sold_monthly'),
				rating: p('rating'),
				review_count: p('review_count'),
				star_counts: p('star_counts'),
				url: p('url'),
				shop_key: p('shop_key'),
				region: p('region'),
				cat: p('cat'),
				first_seen: p('first_seen'),
				last_seen: p('last_seen')
			})
			.prepare(),
		rejected: db.insert(scratchRejected).values({ seq: p('seq'), line: p('line'), raw: p('raw') }).prepare(),
		review: db
			.insert(scratchReviewWrite)
			.values({ seq: p('seq'), mp: p('mp'), key: p('key'), rkey: p('rkey'), is_new: p('is_new'), reviewed_at: p('reviewed_at'), stars: p('stars'), text: p('text') })
			.prepare(),
		first: db
			.insert(scratchFirsts)
			.values({ kind: p('kind'), mp: p('mp'), key: p('key'), name: p('name'), region: p('region'), rating: p('rating'), seq: p('seq') })
			.onConflictDoNothing()
			.prepare()
	};
}

/** The keys that need walking: repeated in the file, already in the database, or fingerprints. */
export async function collectComplexKeys(db: Db): Promise<void> {
	await exec(db, sql`insert into ${scratchComplex} (${sql.identifier(scratchComplex.mp.name)}, ${sql.identifier(scratchComplex.key.name)})
		select ${staged.mp}, ${staged.key} from ${staged} group by ${staged.mp}, ${staged.key}
		having count(*) > 1 or ${staged.key} like 'fp:%'
			or exists (select 1 from ${listings} where ${listings.marketplaceId} = ${staged.mp} and ${listings.externalId} = ${staged.key})`);
}

export async function complexKeyCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(scratchComplex)))?.n ?? 0;
}

const isComplex = and(eq(scratchComplex.mp, staged.mp), eq(scratchComplex.key, staged.key));

/** Staged rows whose key needs no walking. */
export async function plainRowCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(staged).where(notExists(db.select({ one: sql`1` }).from(scratchComplex).where(isComplex)))))?.n ?? 0;
}

/** The staged columns a walked listing row carries (as read from the walk table). */
const listingWalkColumns = {
	seq: scratchWalk.seq,
	mp: scratchWalk.mp,
	mp_name: scratchWalk.mp_name,
	key: scratchWalk.key,
	url: scratchWalk.url,
	cat: scratchWalk.cat,
	raw_cat: scratchWalk.raw_cat,
	loc: scratchWalk.loc,
	region: scratchWalk.region,
	shop_key: scratchWalk.shop_key,
	shop_name: scratchWalk.shop_name,
	shop_rating: scratchWalk.shop_rating,
	price: scratchWalk.price,
	price_max: scratchWalk.price_max,
	sold: scratchWalk.sold,
	sold_lb: scratchWalk.sold_lb,
	sold_monthly: scratchWalk.sold_monthly,
	rating: scratchWalk.rating,
	review_count: scratchWalk.review_count,
	star_counts: scratchWalk.star_counts,
	day: scratchWalk.day,
	observed: scratchWalk.observed,
	raw: scratchWalk.raw
};
/** The staged columns a walked review row carries. */
const reviewWalkColumns = {
	seq: scratchWalk.seq,
	mp: scratchWalk.mp,
	key: scratchWalk.key,
	rkey: scratchWalk.rkey,
	reviewed_at: scratchWalk.reviewed_at,
	stars: scratchWalk.stars,
	rtext: scratchWalk.rtext,
	day: scratchWalk.day
};
/** The same columns as the walk copies them from `staged`. */
const stagedColumns = getTableColumns(staged);
const stagedList = (columns: Record<string, unknown>) =>
	sql.join(
		Object.keys(columns).map((k) => stagedColumns[k as keyof typeof stagedColumns]),
		sql`, `
	);

/** One page of the walk table (its rows after rowid `after`), as listing rows. */
async function listingWalkPage(db: Db, after: number, page: number) {
	return await allRows(db, db
		.select({ walk_id: scratchWalk.walk_id, ...listingWalkColumns })
		.from(scratchWalk)
		.where(gt(scratchWalk.walk_id, after))
		.orderBy(asc(scratchWalk.walk_id))
		.limit(page));
}

/** One page of the walk table, as review rows. */
async function reviewWalkPage(db: Db, after: number, page: number) {
	return await allRows(db, db
		.select({ walk_id: scratchWalk.walk_id, ...reviewWalkColumns })
		.from(scratchWalk)
		.where(gt(scratchWalk.walk_id, after))
		.orderBy(asc(scratchWalk.walk_id))
		.limit(page));
}

/** A staged listing row as the walk reads it. */
export type WalkedListingRow = Awaited<ReturnType<typeof listingWalkPage>>[number];
/** A staged review row as the walk reads it. */
export type WalkedReviewRow = Awaited<ReturnType<typeof reviewWalkPage>>[number];

/**
 * The rows of a walk in its order, a page at a time: the walk reads the main database and
 * writes the scratch tables as it goes, which better-sqlite3 does not allow while a statement
 * is still being iterated. The rows are copied, sorted, into a scratch table and paged by rowid.
 */
async function* pages<R extends { walk_id: number }>(db: Db, next: (after: number) => Promise<R[]>): AsyncGenerator<R> {
	let after = 0;
	for (;;) {
		const rows = await next(after);
		if (rows.length === 0) break;
		after = rows[rows.length - 1].walk_id;
		yield* rows;
	}
	await dropWalk(db);
}

/** Listing rows whose key needs walking, by marketplace, key and file order. */
export async function* walkComplexListingRows(db: Db, page = 5000): AsyncGenerator<WalkedListingRow> {
	await createWalk(
		db,
		sql`select ${stagedList(listingWalkColumns)} from ${staged}
			where exists (select 1 from ${scratchComplex} where ${isComplex})
			order by ${staged.mp}, ${staged.key}, ${staged.seq}`
	);
	yield* pages(db, (after) => listingWalkPage(db, after, page));
}

/** The first row of each reviewed listing, in file order. */
export async function* walkFirstReviewedListings(db: Db, page = 5000): AsyncGenerator<WalkedListingRow> {
	await createWalk(
		db,
		sql`select ${stagedList(listingWalkColumns)} from ${staged}
			where ${staged.seq} in (select min(${staged.seq}) from ${staged} group by ${staged.mp}, ${staged.key})
			order by ${staged.seq}`
	);
	yield* pages(db, (after) => listingWalkPage(db, after, page));
}

/** Every review row, grouped by listing and review key, each group in file order. */
export async function* walkReviewRows(db: Db, page = 5000): AsyncGenerator<WalkedReviewRow> {
	await createWalk(db, sql`select ${stagedList(reviewWalkColumns)} from ${staged} order by ${staged.mp}, ${staged.key}, ${staged.rkey}, ${staged.seq}`);
	yield* pages(db, (after) => reviewWalkPage(db, after, page));
}

