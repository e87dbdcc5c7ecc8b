// Queries of derive/competitor-weekly.ts: a product's stored competitor listings, their sold
// counters over time, and writing competitor_weekly_demand.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { prepared } from '../../statements';
import { streamRows } from '../../stream';
import { competitorWeeklyDemand, listings, listingSnapshots, productCompetitors } from '../../schema';
import { preparedRows } from '../../run';
import { batchedDelete, batchedInsert, flushAll } from '../../row-batch';

/** A product's stored competitor listings in rank order (prepared once per connection: every market part reads it). */
export async function competitorListings(db: Db, productId: number) {
	return await preparedRows(db, 'derive/competitor-weekly/competitorListings', (d) => d
			.select({
				id: listings.id,
				marketplaceId: listings.marketplaceId,
				price: listings.price,
				packQuantity: listings.packQuantity,
				unit: listings.unit,
				lastSeenAt: listings.lastSeenAt,
				soldCount: listings.soldCount,
				soldLowerBound: listings.soldLowerBound
			})
			.from(productCompetitors)
			.innerJoin(listings, eq(listings.id, productCompetitors.listingId))
			.where(eq(productCompetitors.productId, sql.placeholder('productId')))
			.orderBy(productCompetitors.rank)
			, { productId });
}

/**
 * The sold snapshots of these listings, ordered by listing and day, streamed as raw rows
 * [listingId, observedAt, sold, lowerBound (0/1), marketplaceId]: far cheaper than objects for
 * tens of thousands of snapshots.
 */
export async function* soldSnapshotsOf(db: Db, listingIds: number[]): AsyncGenerator<[number, string, number, number, string][]> {
	if (!listingIds.length) return;
	const s = listingSnapshots;
	yield* streamRows<[number, string, number, number, string]>(
		db,
		sql`select ${s.listingId}, ${s.observedAt}, ${s.soldCount}, case when ${s.soldLowerBound} then 1 else 0 end, ${listings.marketplaceId}
		    from ${s} join ${listings} on ${listings.id} = ${s.listingId}
		    where ${inArray(s.listingId, listingIds)} and ${s.soldCount} is not null
		    order by ${s.listingId}, ${s.observedAt}`
	);
}

export interface CompetitorWeekRow {
	productId: number;
	weekStart: string;
	units: number;
	unitsLow: number;
	unitsHigh: number;
	variance: number;
	listings: number;
	lowerBound: boolean;
	interpolated: boolean;
}

/** The statements that replace a product's weekly series (row-batch.ts: call flush() before the transaction ends). */
export function competitorWeeklyWriters(db: Db) {
	const del = batchedDelete(db, 'derive/competitor-weekly/del', competitorWeeklyDemand, 'productId');
	const ins = batchedInsert(
		db,
		'derive/competitor-weekly/ins',
		competitorWeeklyDemand,
		['productId', 'weekStart', 'units', 'unitsLow', 'unitsHigh', 'variance', 'listings', 'lowerBound', 'interpolated'],
		{ after: [del] }
	);
	return {
		clear: (productId: number) => del.add(productId),
		week: (row: CompetitorWeekRow) => ins.add({ ...row }),
		flush: () => flushAll(del, ins)
	};
}
