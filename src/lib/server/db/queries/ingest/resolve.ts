// Queries of ingest/resolve.ts: what the resolver reads of the main database (a listing, a
// snapshot, a review, one at a time as it walks), what it reads of the staged rows, and what it
// writes into the scratch tables (staging-schema.ts). The single-row statements run once per
// walked row: they are prepared once per resolution (prepare*), outside the walk.
import { and, asc, count, eq, getTableColumns, getTableName, gt, notExists, sql } from 'drizzle-orm';
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
import { createWalk, dropWalk, insertScratchRowsPostgres } from '../../staging';
import { engineOf, exec, firstRow, allRows, preparedExecEach, preparedFirst } from '../../run';

/** Moved on by every import's merge (merge.ts): a resolution made against an older value is stale. */
export async function importGeneration(db: Db): Promise<number> {
	return Number((await firstRow(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'import_generation'))))?.value ?? 0);
}

/**
 * What the resolver reads of the main database, one row at a time as it walks: each a query
 * prepared once per database handle (run.ts preparedFirst), run with its values.
 */
export function mainReads(db: Db) {
	return {
		listing: (params: { mp: string; key: string }) =>
			preparedFirst(
				db,
				'ingest.resolve.listing',
				(d) =>
					d
						.select({ id: listings.id, firstSeen: listings.firstSeenAt, lastSeen: listings.lastSeenAt })
						.from(listings)
						.where(and(eq(listings.marketplaceId, sql.placeholder('mp')), eq(listings.externalId, sql.placeholder('key')))),
				params
			),
		/** sold_lower_bound as stored (0/1 on SQLite, a boolean on PostgreSQL), compared as a truth value. */
		snap: (params: { listingId: number; day: string }) =>
			preparedFirst(
				db,
				'ingest.resolve.snap',
				(d) =>
					d
						.select({
							price: listingSnapshots.price,
							sold_count: listingSnapshots.soldCount,
							sold_lower_bound: sql<number>`${listingSnapshots.soldLowerBound}`,
							sold_monthly: listingSnapshots.soldMonthly,
							rating: listingSnapshots.rating,
							review_count: listingSnapshots.reviewCount
						})
						.from(listingSnapshots)
						.where(and(eq(listingSnapshots.listingId, sql.placeholder('listingId')), eq(listingSnapshots.observedAt, sql.placeholder('day')))),
				params
			),
		review: (params: { listingId: number; rkey: string | null }) =>
			preparedFirst(
				db,
				'ingest.resolve.review',
				(d) =>
					d
						.select({ reviewedAt: reviews.reviewedAt, stars: reviews.stars, text: reviews.text })
						.from(reviews)
						.where(and(eq(reviews.listingId, sql.placeholder('listingId')), eq(reviews.externalId, sql.placeholder('rkey')))),
				params
			)
	};
}

/** The scratch tables the resolver writes, by name (ScratchWriter.add). */
const scratchTargets = {
	newListing: scratchNewListing,
	snap: scratchSnap,
	cur: scratchCur,
	rejected: scratchRejected,
	review: scratchReviewWrite,
	first: scratchFirsts
} as const;
type ScratchTargets = typeof scratchTargets;
type ScratchRow<K extends keyof ScratchTargets> = ScratchTargets[K]['$inferInsert'];

/** Rows gathered per table before they are written. */
const SCRATCH_BATCH = 5000;

/** Each scratch table's insert with a placeholder per column (SQLite's prepared form, run row by row). */
function scratchInsert<K extends keyof ScratchTargets>(name: K) {
	return (d: Db) => {
		const table = scratchTargets[name];
		const values = Object.fromEntries(Object.keys(getTableColumns(table)).map((k) => [k, sql.placeholder(k)]));
		const insert = d.insert(table).values(values as never);
		return name === 'first' ? insert.onConflictDoNothing() : insert;
	};
}

/**
 * The resolver's writes into the scratch tables, gathered and written a batch at a time: `add`
 * as the walk decides, `flush` before anything reads the scratch tables (and now and then on the
 * way, to bound memory). Marketplace, shop and category "firsts" keep the first row written for
 * each key. Dialect piece: SQLite runs one prepared insert per row, all at once (run.ts
 * preparedExecEach: no round trips, and cheaper than building a multi-row statement);
 * PostgreSQL sends a batch in one statement (staging.ts insertScratchRowsPostgres: one round trip).
 */
export class ScratchWriter {
	private pending = new Map<keyof ScratchTargets, Record<string, unknown>[]>();

	constructor(private db: Db) {}

	add<K extends keyof ScratchTargets>(table: K, row: ScratchRow<K>): void {
		let rows = this.pending.get(table);
		if (!rows) this.pending.set(table, (rows = []));
		rows.push(row as Record<string, unknown>);
	}

	/** Whether enough is gathered to write it out. */
	get full(): boolean {
		for (const rows of this.pending.values()) if (rows.length >= SCRATCH_BATCH) return true;
		return false;
	}

	async flush(): Promise<void> {
		const postgres = engineOf(this.db) === 'postgres';
		for (const [name, rows] of this.pending) {
			if (postgres) await insertScratchRowsPostgres(this.db, getTableName(scratchTargets[name]), rows, name === 'first');
			else await preparedExecEach(this.db, `ingest.scratch.${name}`, scratchInsert(name), rows);
		}
		this.pending.clear();
	}
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
	await createWalk(db, {
		columns: stagedList(listingWalkColumns),
		from: sql`${staged} where exists (select 1 from ${scratchComplex} where ${isComplex})`,
		orderBy: sql`${staged.mp}, ${staged.key}, ${staged.seq}`
	});
	yield* pages(db, (after) => listingWalkPage(db, after, page));
}

/** The first row of each reviewed listing, in file order. */
export async function* walkFirstReviewedListings(db: Db, page = 5000): AsyncGenerator<WalkedListingRow> {
	await createWalk(db, {
		columns: stagedList(listingWalkColumns),
		from: sql`${staged} where ${staged.seq} in (select min(${staged.seq}) from ${staged} group by ${staged.mp}, ${staged.key})`,
		orderBy: sql`${staged.seq}`
	});
	yield* pages(db, (after) => listingWalkPage(db, after, page));
}

/** Every review row, grouped by listing and review key, each group in file order. */
export async function* walkReviewRows(db: Db, page = 5000): AsyncGenerator<WalkedReviewRow> {
	await createWalk(db, { columns: stagedList(reviewWalkColumns), from: sql`${staged}`, orderBy: sql`${staged.mp}, ${staged.key}, ${staged.rkey}, ${staged.seq}` });
	yield* pages(db, (after) => reviewWalkPage(db, after, page));
}

