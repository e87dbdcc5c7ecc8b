// Queries of write/competitors.ts: an agent's decisions about a product's competitor set.
import { and, eq, sql } from 'drizzle-orm';
import { excluded } from '../../excluded';
import { competitorExclusions, competitorLeftOut, productCompetitors } from '../../schema';
import type { Conn } from './conn';

/** True when the listing is in the product's set, or among those its set left out. */
export function isCompetitorOrLeftOut(db: Conn, productId: number, listingId: number): boolean {
	const row = db
		.select({ one: sql<number>`1` })
		.from(productCompetitors)
		.where(and(eq(productCompetitors.productId, productId), eq(productCompetitors.listingId, listingId)))
		.unionAll(
			db
				.select({ one: sql<number>`1` })
				.from(competitorLeftOut)
				.where(and(eq(competitorLeftOut.productId, productId), eq(competitorLeftOut.listingId, listingId)))
		)
		.get();
	return row !== undefined;
}

/** Records (or replaces) the decision that a listing is not comparable to a product. */
export function upsertCompetitorExclusion(
	db: Conn,
	row: { productId: number; listingId: number; reason: string; userId: number | null; createdAt: string }
): void {
	db.insert(competitorExclusions)
		.values(row)
		.onConflictDoUpdate({
			target: [competitorExclusions.productId, competitorExclusions.listingId],
			set: {
				reason: excluded(competitorExclusions.reason),
				userId: excluded(competitorExclusions.userId),
				createdAt: excluded(competitorExclusions.createdAt)
			}
		})
		.run();
}

/** Removes the decision; false when there was none. */
export function deleteCompetitorExclusion(db: Conn, productId: number, listingId: number): boolean {
	const gone = db
		.delete(competitorExclusions)
		.where(and(eq(competitorExclusions.productId, productId), eq(competitorExclusions.listingId, listingId)))
		.returning({ productId: competitorExclusions.productId })
		.all();
	return gone.length > 0;
}
