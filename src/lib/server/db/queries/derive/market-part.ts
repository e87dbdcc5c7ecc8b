// Queries of derive/market-part.ts: the compared listings' snapshots, what the stored set was
// built from, and writing product_market. Read for every market part built (and the signature on
// page requests), so each is prepared once per connection.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { competitorSets, listingSnapshots, productCompetitors, productMarket } from '../../schema';
import { prepared } from '../../statements';
import { excluded } from '../../excluded';
import { preparedExec, preparedFirst, preparedRows } from '../../run';

/** Snapshots of a product's compared listings since a day, ordered by listing and day. */
export async function competitorSnapshotsSince(db: Db, productId: number, since: string) {
	return await preparedRows(db, 'derive/market-part/competitorSnapshotsSince', (d) => d
			.select({
				listingId: listingSnapshots.listingId,
				observedAt: listingSnapshots.observedAt,
				price: listingSnapshots.price,
				sold: listingSnapshots.soldCount
			})
			.from(productCompetitors)
			.innerJoin(listingSnapshots, eq(listingSnapshots.listingId, productCompetitors.listingId))
			.where(and(eq(productCompetitors.productId, sql.placeholder('productId')), gte(listingSnapshots.observedAt, sql.placeholder('since'))))
			.orderBy(listingSnapshots.listingId, listingSnapshots.observedAt)
			, { productId, since });
}

/** How a product's stored set was built: candidates and left-out counts (JSON), if built. */
export async function competitorSetBuilt(db: Db, productId: number) {
	return await preparedFirst(db, 'derive/market-part/competitorSetBuilt', (d) => d
			.select({ candidates: competitorSets.candidates, leftOut: competitorSets.leftOut })
			.from(competitorSets)
			.where(eq(competitorSets.productId, sql.placeholder('productId')))
			, { productId });
}

/** How many listings a product's stored set compares and the sum of their ids. */
export async function competitorSetCount(db: Db, productId: number): Promise<{ n: number; s: number }> {
	const row = await preparedFirst(db, 'derive/market-part/competitorSetCount', (d) => d
			.select({ n: sql<number>`count(*)`, s: sql<number>`coalesce(sum(${productCompetitors.listingId}), 0)` })
			.from(productCompetitors)
			.where(eq(productCompetitors.productId, sql.placeholder('productId')))
			, { productId });
	return row ?? { n: 0, s: 0 };
}

/** Stores (or replaces) a product's market part. */
export async function saveMarketPart(db: Db, row: typeof productMarket.$inferInsert): Promise<void> {
	await preparedExec(db, 'derive/market-part/saveMarketPart', (d) => d
			.insert(productMarket)
			.values({
				productId: sql.placeholder('productId'),
				signature: sql.placeholder('signature'),
				data: sql.placeholder('data'),
				builtAt: sql.placeholder('builtAt')
			})
			.onConflictDoUpdate({
				target: productMarket.productId,
				set: { signature: excluded(productMarket.signature), data: excluded(productMarket.data), builtAt: excluded(productMarket.builtAt) }
			})
			, row);
}

