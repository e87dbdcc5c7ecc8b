// Queries of derive/review-analysis.ts: reviews to analyse, storing their analysis, and the
// products whose competitor sets hold reviewed listings.
import { asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { productCompetitors, reviewAspects, reviews } from '../../schema';
import { excluded } from '../../excluded';
import { allRows } from '../../run';
import { statement } from '../../statement';

/** Ids per statement: far under any engine's parameter limit, for an import's thousands of reviews. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

const reviewText = { id: reviews.id, text: reviews.text };

/** These reviews' texts (each once, whatever the list repeats). */
export async function reviewTextsByIds(db: Db, reviewIds: number[]) {
	const out = [];
	for (const ids of chunks([...new Set(reviewIds)])) out.push(...(await allRows(db, db.select(reviewText).from(reviews).where(inArray(reviews.id, ids)))));
	return out;
}

/** Every review's text, in id order. */
export async function allReviewTexts(db: Db) {
	return await allRows(db, db.select(reviewText).from(reviews).orderBy(asc(reviews.id)));
}

/** Texts of reviews not analysed by this analyser version, in id order. */
export async function reviewTextsNotAnalysedBy(db: Db, version: number) {
	return await allRows(db, db
		.select(reviewText)
		.from(reviews)
		.where(or(ne(reviews.analyzerVersion, version), isNull(reviews.analyzerVersion)))
		.orderBy(asc(reviews.id)));
}

/** The statements that store a review's analysis, prepared once per run. */
export function reviewAnalysisWriters(db: Db) {
	const update = statement(db, 'derive/review-analysis/update', (d) =>
		d
			.update(reviews)
			.set({
				polarity: sql`${sql.placeholder('polarity')}`,
				score: sql`${sql.placeholder('score')}`,
				hasComplaint: sql`${sql.placeholder('hasComplaint')}`,
				analyzerVersion: sql`${sql.placeholder('analyzerVersion')}`
			})
			.where(eq(reviews.id, sql.placeholder('id')))
	);
	const clear = statement(db, 'derive/review-analysis/clear', (d) =>
		d.delete(reviewAspects).where(eq(reviewAspects.reviewId, sql.placeholder('reviewId')))
	);
	// One row per review × aspect × polarity: a repeat replaces the earlier row.
	const insert = statement(db, 'derive/review-analysis/insert', (d) =>
		d
			.insert(reviewAspects)
			.values({
				reviewId: sql.placeholder('reviewId'),
				aspect: sql.placeholder('aspect'),
				polarity: sql.placeholder('polarity'),
				score: sql.placeholder('score'),
				clause: sql.placeholder('clause')
			})
			.onConflictDoUpdate({
				target: [reviewAspects.reviewId, reviewAspects.aspect, reviewAspects.polarity],
				set: { score: excluded(reviewAspects.score), clause: excluded(reviewAspects.clause) }
			})
	);
	return {
		async review(row: { id: number; polarity: string; score: number; hasComplaint: boolean; analyzerVersion: number }): Promise<void> {
			// Placeholders skip the column's own mapping: the flag is stored as SQLite has booleans, 0/1.
			await update.run({ ...row, hasComplaint: row.hasComplaint ? 1 : 0 });
		},
		async clearAspects(reviewId: number): Promise<void> {
			await clear.run({ reviewId });
		},
		async aspect(row: { reviewId: number; aspect: string; polarity: string; score: number; clause: string }): Promise<void> {
			await insert.run(row);
		}
	};
}

/** Products whose stored competitor sets hold the listings of these reviews, in id order. */
export async function productsComparingListingsOf(db: Db, reviewIds: number[]): Promise<number[]> {
	const found = new Set<number>();
	for (const ids of chunks([...new Set(reviewIds)])) {
		const rows = await allRows(db, db
			.selectDistinct({ productId: productCompetitors.productId })
			.from(productCompetitors)
			.where(inArray(productCompetitors.listingId, db.select({ listingId: reviews.listingId }).from(reviews).where(inArray(reviews.id, ids)))));
		for (const r of rows) found.add(r.productId);
	}
	return [...found].sort((a, b) => a - b);
}
