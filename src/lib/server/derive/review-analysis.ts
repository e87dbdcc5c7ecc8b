// Stores the text analysis of reviews (polarity, score, aspects with their clause), at seed and
// import time, so that dashboards only sum stored rows. Bump ANALYZER_VERSION when the word
// lists or rules change; `npm run reviews:reanalyze` then redoes every review. The market parts
// that count these reviews' themes are rebuilt by whoever analysed them (refresh.ts
// deriveAfterImport, missing.ts at start-up): until then readers see the parts as they were.
import { analyzeReview, quoteClause } from '$lib/analysis/reviews';
import type { Db } from '../db';
import {
	allReviewTexts,
	productsComparingListingsOf,
	reviewAnalysisWriters,
	reviewTextsByIds,
	reviewTextsNotAnalysedBy
} from '../db/queries/derive/review-analysis';
import { transaction } from '../db/run';

// 2: food and craft words and themes (issue 17), quotes that carry their theme's polarity.
export const ANALYZER_VERSION = 2;

/** Analyses reviews that have no analysis of the current version (all of them with `all`). */
export async function analyzeStoredReviews(db: Db, opts: { all?: boolean; reviewIds?: number[] } = {}): Promise<number> {
	const rows = opts.reviewIds ? await reviewTextsByIds(db, opts.reviewIds) : opts.all ? (await allReviewTexts(db)) : (await reviewTextsNotAnalysedBy(db, ANALYZER_VERSION));
	await transaction(db, async (tx) => {
		const write = reviewAnalysisWriters(tx);
			for (const row of rows) {
				const a = analyzeReview(row.text);
				const hasComplaint = a.clauses.some((c) => c.polarity === 'negative') || a.aspects.some((x) => x.polarity === 'negative');
				await write.review({ id: row.id, polarity: a.polarity, score: a.score, hasComplaint, analyzerVersion: ANALYZER_VERSION });
				await write.clearAspects(row.id);
				for (const { aspect, polarity } of a.aspects) {
					// The clause that carries this aspect with this polarity is the quote.
					const clause = quoteClause(a, aspect, polarity);
					// no clause says it on its own: counted, never quoted ('' is skipped by summarizeThemes)
					await write.aspect({ reviewId: row.id, aspect, polarity, score: clause?.score ?? a.score, clause: clause?.text ?? '' });
				}
			}
			await write.flush();
		});
	return rows.length;
}

/** Products whose competitor sets hold the listings of these reviews: their market parts count them. */
export async function productsComparingReviews(db: Db, reviewIds: number[]): Promise<number[]> {
	if (reviewIds.length === 0) return [];
	return await productsComparingListingsOf(db, reviewIds);
}
