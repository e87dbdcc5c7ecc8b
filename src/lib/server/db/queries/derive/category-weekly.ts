// Queries of derive/category-weekly.ts: the weekly rule's record, a category's sold snapshots,
// and writing category_weekly_demand.
import { eq, isNotNull, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categoryWeeklyDemand, listings, listingSnapshots, meta } from '../../schema';
import { dialectOf } from '../../sql-dialect';
import { streamRows } from '../../stream';
import { excluded } from '../../excluded';
import { allRows, exec, firstRow } from '../../run';
import { batchedDelete, batchedInsert, flushAll } from '../../row-batch';

const RULE_KEY = 'weekly_demand_rule';

/** The rule the weekly tables were built by (meta 'weekly_demand_rule'), if recorded. */
export async function storedWeeklyRule(db: Db): Promise<string | undefined> {
	return (await firstRow(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, RULE_KEY))))?.value;
}

/** Records the rule the weekly tables are built by, stamped with the database's clock. */
export async function saveWeeklyRule(db: Db, rule: string): Promise<void> {
	await exec(db, db.insert(meta)
		.values({ key: RULE_KEY, value: rule, updatedAt: dialectOf(db).nowIso() })
		.onConflictDoUpdate({ target: meta.key, set: { value: excluded(meta.value), updatedAt: excluded(meta.updatedAt) } }));
}

/** Whether any category weekly row is stored. */
export async function anyCategoryWeek(db: Db): Promise<boolean> {
	return (await firstRow(db, db.select({ one: sql<number>`1` }).from(categoryWeeklyDemand).limit(1))) !== undefined;
}

/** Categories that have listings. */
export async function categoriesWithListings(db: Db): Promise<number[]> {
	return (await allRows(db, db
		.selectDistinct({ categoryId: listings.categoryId })
		.from(listings)
		.where(isNotNull(listings.categoryId))))
		.flatMap((r) => (r.categoryId === null ? [] : [r.categoryId]));
}

/** The first and last snapshot day of the market. */
export async function snapshotRange(db: Db): Promise<{ first: string | null; last: string | null }> {
	return (await firstRow(db, db.select({ first: min(listingSnapshots.observedAt), last: max(listingSnapshots.observedAt) }).from(listingSnapshots))) ?? { first: null, last: null };
}

/**
 * A category's sold snapshots, unordered (an ORDER BY cost a temporary sort of every snapshot),
 * streamed as raw rows [listingId, observedAt, sold, lowerBound (0/1), marketplaceId, provinceCode ('' when none)].
 */
export function categorySoldSnapshots(db: Db, categoryId: number) {
	const s = listingSnapshots;
	return streamRows<[number, string, number, number, string, string]>(
		db,
		sql`select ${s.listingId}, ${s.observedAt}, ${s.soldCount}, case when ${s.soldLowerBound} then 1 else 0 end, ${listings.marketplaceId}, coalesce(substr(${listings.regionCode}, 1, 2), '')
		    from ${s} join ${listings} on ${listings.id} = ${s.listingId}
		    where ${listings.categoryId} = ${categoryId} and ${s.soldCount} is not null`
	);
}

export interface CategoryWeekRow {
	categoryId: number;
	marketplaceId: string;
	provinceCode: string;
	weekStart: string;
	units: number;
	unitsLow: number;
	unitsHigh: number;
	variance: number;
	listings: number;
	lowerBound: boolean;
	interpolated: boolean;
}

/** The statements that replace a category's weekly rows (row-batch.ts: call flush() before the transaction ends). */
export function categoryWeeklyWriters(db: Db) {
	const del = batchedDelete(db, 'derive/category-weekly/del', categoryWeeklyDemand, 'categoryId');
	const ins = batchedInsert(
		db,
		'derive/category-weekly/ins',
		categoryWeeklyDemand,
		['categoryId', 'marketplaceId', 'provinceCode', 'weekStart', 'units', 'unitsLow', 'unitsHigh', 'variance', 'listings', 'lowerBound', 'interpolated'],
		{ after: [del] }
	);
	return {
		clear: (categoryId: number) => del.add(categoryId),
		week: (row: CategoryWeekRow) => ins.add({ ...row }),
		flush: () => flushAll(del, ins)
	};
}
