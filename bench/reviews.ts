// Reviews analysed per second on one core, over the real shared review texts repeated to
// ~100k analyses. Caches inside the analyser are warm after the first pass, as they would be when
// re-analysing a whole database after a dictionary change.
//   npm run bench:reviews
import { analyzeReview, summarizeThemes } from '../src/lib/analysis/reviews/index.ts';
import { hasSharedData, readSharedCsv, sharedDataSkipReason } from '../tests/fixtures/shared-data.ts';

if (!hasSharedData) {
	console.error(sharedDataSkipReason);
	process.exit(1);
}
const sources: [string, string][] = [
	['prdect-id-tokopedia-reviews/prdect_id.csv', 'Customer Review'],
	['tokopedia-fashion-reviews-2024/tokopedia_fashion_reviews.csv', 'review'],
	['bukalapak-batik-shirt-reviews-2018-2023/bukalapak_reviews.csv', 'konten'],
	['tokopedia-product-reviews-rating/tokopedia_reviews.csv', 'review']
];
const texts = sources.flatMap(([file, col]) => readSharedCsv(file).map((r) => r[col] ?? ''));
const chars = texts.reduce((s, t) => s + t.length, 0);
const TARGET = 100_000;
const rounds = Math.ceil(TARGET / texts.length);

// warm-up pass (JIT, token caches)
for (const t of texts) analyzeReview(t);

let sink = 0;
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const t of texts) sink += analyzeReview(t).clauses.length;
const ms = performance.now() - start;
const n = rounds * texts.length;

const analysed = texts.map((text, i) => ({ reviewId: i, text, analysis: analyzeReview(text) }));
const t0 = performance.now();
const summary = summarizeThemes(analysed);
const themeMs = performance.now() - t0;

console.log(`texts: ${texts.length} distinct (${Math.round(chars / texts.length)} chars on average), ${rounds} rounds`);
console.log(`analyzeReview: ${n} reviews in ${ms.toFixed(0)} ms → ${Math.round(n / (ms / 1000)).toLocaleString('en')} reviews/s on one core (${((ms * 1000) / n).toFixed(1)} µs each; clauses ${sink})`);
console.log(`summarizeThemes over ${analysed.length} analysed reviews: ${themeMs.toFixed(1)} ms (${summary.complaints.length} complaint and ${summary.praises.length} praise themes)`);
console.log(JSON.stringify({ reviews: n, ms: Math.round(ms), perSecond: Math.round(n / (ms / 1000)) }));
