// Queries of derive/review-analysis.ts: reviews to analyse, storing their analysis, and the
// products whose competitor sets hold reviewed listings.
import { asc, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../index';
import { productCompetitors, reviewAspects, reviews } from '../../schema';
import { allRows } from '../../run';
import { batchedDelete, batchedInsert, batchedUpdate, flushAll } from '../../row-batch';

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

/** The statements that store a review's analysis (row-batch.ts: call flush() before the transaction ends). */
export function reviewAnalysisWriters(db: Db) {
	const update = batchedUpdate(db, 'derive/review-analysis/update', reviews, 'id', ['polarity', 'score', 'hasComplaint', 'analyzerVersion']);
	const clear = batchedDelete(db, 'derive/review-analysis/clear', reviewAspects, 'reviewId');
	// One row per review × aspect × polarity: a repeat replaces the earlier row.
	const insert = batchedInsert(db, 'derive/review-analysis/insert', reviewAspects, ['reviewId', 'aspect', 'polarity', 'score', 'clause'], {
		upsert: { target: ['reviewId', 'aspect', 'polarity'], update: ['score', 'clause'] },
		after: [clear]
	});
	return {
		review: (row: { id: number; polarity: string; score: number; hasComplaint: boolean; analyzerVersion: number }) => update.add(row),
		clearAspects: (reviewId: number) => clear.add(reviewId),
		aspect: (row: { reviewId: number; aspect: string; polarity: string; score: number; clause: string }) => insert.add(row),
		flush: () => flushAll(update, clear, insert)
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
