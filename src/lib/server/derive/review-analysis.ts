// Stores the text analysis of reviews (polarity, score, aspects with their clause), at seed and
// import time, so that dashboards only sum stored rows. Bump ANALYZER_VERSION when the word
// lists or rules change; `npm run reviews:reanalyze` then redoes every review. The market parts
// that count these reviews' themes are rebuilt by whoever analysed them (refresh.ts
// deriveAfterImport, missing.ts at start-up): until then readers see the parts as they were.
import { analyzeReview, quoteClause } from '$lib/analysis/reviews';
import type { Db } from '../db';

// 2: food and craft words and themes (issue 17), quotes that carry their theme's polarity.
export const ANALYZER_VERSION = 2;

/** Analyses reviews that have no analysis of the current version (all of them with `all`). */
export function analyzeStoredReviews(db: Db, opts: { all?: boolean; reviewIds?: number[] } = {}): number {
	const client = db.$client;
	const select = opts.reviewIds
		? client.prepare(`select id, text from reviews where id in (select value from json_each(?))`)
		: client.prepare(`select id, text from reviews where ${opts.all ? '1' : 'analyzer_version is not ? or analyzer_version is null'} order by id`);
	const rows = (opts.reviewIds ? select.all(JSON.stringify(opts.reviewIds)) : opts.all ? select.all() : select.all(ANALYZER_VERSION)) as {
		id: number;
		text: string;
	}[];
	const update = client.prepare('update reviews set polarity = ?, score = ?, has_complaint = ?, analyzer_version = ? where id = ?');
	const clear = client.prepare('delete from review_aspects where review_id = ?');
	const insert = client.prepare(
		'insert or replace into review_aspects (review_id, aspect, polarity, score, clause) values (?, ?, ?, ?, ?)'
	);
	client.transaction(() => {
		for (const row of rows) {
			const a = analyzeReview(row.text);
			const hasComplaint = a.clauses.some((c) => c.polarity === 'negative') || a.aspects.some((x) => x.polarity === 'negative');
			update.run(a.polarity, a.score, hasComplaint ? 1 : 0, ANALYZER_VERSION, row.id);
			clear.run(row.id);
			for (const { aspect, polarity } of a.aspects) {
				// The clause that carries this aspect with this polarity is the quote.
				const clause = quoteClause(a, aspect, polarity);
				// no clause says it on its own: counted, never quoted ('' is skipped by summarizeThemes)
				insert.run(row.id, aspect, polarity, clause?.score ?? a.score, clause?.text ?? '');
			}
		}
	}).immediate();
	return rows.length;
}

/** Products whose competitor sets hold the listings of these reviews: their market parts count them. */
export function productsComparingReviews(db: Db, reviewIds: number[]): number[] {
	if (reviewIds.length === 0) return [];
	return db.$client
		.prepare(
			`select distinct pc.product_id from product_competitors pc where pc.listing_id in
			 (select listing_id from reviews where id in (select value from json_each(?))) order by pc.product_id`
		)
		.pluck()
		.all(JSON.stringify(reviewIds)) as number[];
}
