// How the demo (or any) database's products and categories are called, surface by surface:
// naik / turun / stabil / none per surface (dashboard, Saran, agent list, explain view, print,
// WhatsApp, alerts, tRPC), how many products have a surface that disagrees with the call, and
// the /tren categories. For checking the one demand call against every surface.
//
//   DATABASE_URL=… npx tsx scripts/demand-census.ts [--today YYYY-MM-DD]
//
// On an empty database it seeds the demo market first (DEMO_SEED, DEMO_END_DATE as npm start).
import { migrateDatabase, openDatabase, DEFAULT_DATABASE_URL } from '../src/lib/server/db/index';
import { allProductIds } from '../src/lib/server/db/products';
import { listingCount } from '../src/lib/server/db/queries/demo/scripts';
import { seedDemoMarket } from '../src/lib/server/demo/seed';
import { analyzeStoredReviews } from '../src/lib/server/derive/review-analysis';
import { refreshDerived } from '../src/lib/server/derive/refresh';
import { trendingCategories } from '../src/lib/server/read/trends';
import { collectSurfaces, disagreements } from '../tests/fixtures/demand-surfaces';

const i = process.argv.indexOf('--today');
const today = i > 0 ? process.argv[i + 1] : new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
	console.error(`--today harus tanggal seperti 2026-11-30, bukan "${today}".`);
	process.exit(2);
}
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const db = openDatabase(url);
migrateDatabase(db);
if (listingCount(db) === 0) {
	console.log(`${url} kosong: membuat data contoh…`);
	seedDemoMarket(db, { seed: process.env.DEMO_SEED ? Number(process.env.DEMO_SEED) : undefined, endDate: process.env.DEMO_END_DATE });
	analyzeStoredReviews(db);
	refreshDerived(db);
}
const ids = allProductIds(db);
const surfaces = await collectSurfaces(db, ids, today);
const tally: Record<string, Record<string, number>> = {};
for (const p of surfaces) {
	for (const [name, s] of Object.entries({ call: p.call, ...p.surfaces })) {
		const key = s.direction ?? 'none';
		(tally[name] ??= {})[key] = (tally[name][key] ?? 0) + 1;
	}
}
const bad = surfaces.map((p) => ({ id: p.productId, issues: disagreements(p) })).filter((p) => p.issues.length);
for (const b of bad.slice(0, 10)) console.log(`produk ${b.id}: ${b.issues.join(' | ')}`);
const tren = await trendingCategories(db, {}, today);
const categories: Record<string, number> = {};
for (const item of tren.items) categories[item.direction ?? 'none'] = (categories[item.direction ?? 'none'] ?? 0) + 1;
for (const item of tren.items) console.log(`${item.name.padEnd(32)} ${(item.direction ?? '-').padEnd(7)} ${item.headline}`);
console.log(JSON.stringify({ today, products: ids.length, productsWithDisagreement: bad.length, tally, categories }));
