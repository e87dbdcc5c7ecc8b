// Queries of write/competitors.ts: an agent's decisions about a product's competitor set.
import { and, eq, sql } from 'drizzle-orm';
import { excluded } from '../../excluded';
import { competitorExclusions, competitorLeftOut, productCompetitors } from '../../schema';
import type { Conn } from './conn';
import { exec, firstRow, allRows } from '../../run';

/** True when the listing is in the product's set, or among those its set left out. */
export async function isCompetitorOrLeftOut(db: Conn, productId: number, listingId: number): Promise<boolean> {
	const row = await firstRow(db, db
		.select({ one: sql<number>`1` })
		.from(productCompetitors)
		.where(and(eq(productCompetitors.productId, productId), eq(productCompetitors.listingId, listingId)))
		.unionAll(
			db
				.select({ one: sql<number>`1` })
				.from(competitorLeftOut)
				.where(and(eq(competitorLeftOut.productId, productId), eq(competitorLeftOut.listingId, listingId)))
		));
	return row !== undefined;
}

/** Records (or replaces) the decision that a listing is not comparable to a product. */
export async function upsertCompetitorExclusion(
	db: Conn,
	row: { productId: number; listingId: number; reason: string; userId: number | null; createdAt: string }
): Promise<void> {
	await exec(db, db.insert(competitorExclusions)
		.values(row)
		.onConflictDoUpdate({
			target: [competitorExclusions.productId, competitorExclusions.listingId],
			set: {
				reason: excluded(competitorExclusions.reason),
				userId: excluded(competitorExclusions.userId),
				createdAt: excluded(competitorExclusions.createdAt)
			}
		}));
}

/** Removes the decision; false when there was none. */
export async function deleteCompetitorExclusion(db: Conn, productId: number, listingId: number): Promise<boolean> {
	const gone = await allRows(db, db
		.delete(competitorExclusions)
		.where(and(eq(competitorExclusions.productId, productId), eq(competitorExclusions.listingId, listingId)))
		.returning({ productId: competitorExclusions.productId }));
	return gone.length > 0;
}
