// `npm run reviews:reanalyze`: re-runs the review text analysis on every stored review of the
// database at DATABASE_URL — after the word lists or rules changed.
import { getDb } from '../src/lib/server/db';
import { analyzeStoredReviews } from '../src/lib/server/services/review-analysis';

const t0 = performance.now();
const n = analyzeStoredReviews(getDb(), { all: true });
console.log(`${n} ulasan dianalisis ulang dalam ${((performance.now() - t0) / 1000).toFixed(1)} detik.`);
