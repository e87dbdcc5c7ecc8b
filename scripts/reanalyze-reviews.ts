// `npm run reviews:reanalyze`: re-runs the review text analysis on every stored review of the
// database at DATABASE_URL — after the word lists or rules changed.
import { getDb } from '../src/lib/server/db';
import { refreshProductMarket } from '../src/lib/server/derive/market-part';
import { analyzeStoredReviews } from '../src/lib/server/derive/review-analysis';

const t0 = performance.now();
const n = await analyzeStoredReviews(getDb(), { all: true });
// The dashboards' stored review themes come from the analysis: rebuild them.
await refreshProductMarket(getDb());
console.log(`${n} ulasan dianalisis ulang dalam ${((performance.now() - t0) / 1000).toFixed(1)} detik.`);
