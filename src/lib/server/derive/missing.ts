// What start-up leaves to the background writer: derived data that is missing or was built by
// older rules, found and built once after the server listens (hooks.server.ts asks for it), so a
// server upgraded in place answers at once — pages say "sedang disiapkan" for what is not built
// yet — instead of computing it before listening or on the first view. In order:
// 1. reviews analysed by an older word list (ANALYZER_VERSION) are read again; the market
//    parts, which count their themes, are then all rebuilt;
// 2. a database from before product kinds (or under older kind rules, or with listings an import
//    left without one), with weekly demand stored by an older rule, or with snapshots but no
//    weekly demand yet: everything is rebuilt once;
// 3. otherwise each product whose market part is missing or outdated (another
//    MARKET_PART_VERSION, or a competitor set that changed since) gets its set, weekly demand and
//    part rebuilt together;
// 4. forecasts not fitted on the current series are fitted (with co-op members' season forecasts).
// buildMissing runs the steps at once (CLI, tests); buildMissingGently between other work.
import type { Db } from '../db';
import { getProduct } from '../db/products';
import { allProductIds } from '../db/products';
import { productAndCategoryForecastKeys, storedMarketSignatures, weeklyDemandNeverBuilt } from '../db/queries/derive/missing';
import { weeklyRuleOutdated } from './category-weekly';
import { memberProducts, seasonForecastKey, storeForecast } from './forecasts';
import { reviewOrigin } from '$lib/analysis/seasons';
import { listingKindsPending } from './kinds';
import { MARKET_PART_VERSION, marketSignature } from './market-part';
import { scopeSteps } from './refresh';
import { analyzeStoredReviews } from './review-analysis';

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Products whose stored market part a reader would not take as current. */
async function productsWithoutCurrentPart(db: Db): Promise<number[]> {
	const stored = await storedMarketSignatures(db);
	const ids = await allProductIds(db);
	const out: number[] = [];
	for (const id of ids) {
		const signature = stored.get(id);
		if (signature === undefined || !signature.startsWith(`${MARKET_PART_VERSION}:`)) out.push(id);
		else {
			const product = await getProduct(db, id);
			if (product !== null && signature !== (await marketSignature(db, product))) out.push(id);
		}
	}
	return out;
}

async function* missingSteps(db: Db): AsyncGenerator<void, string[]> {
	const log: string[] = [];
	let t0 = performance.now();
	const reanalysed = await analyzeStoredReviews(db);
	if (reanalysed) log.push(`${reanalysed} ulasan dibaca ulang dengan daftar kata terbaru (${seconds(t0)} detik).`);
	yield;

	t0 = performance.now();
	// Listings whose weekly demand was never built (no refresh ran since they came, so no rule was recorded).
	const neverBuilt = await weeklyDemandNeverBuilt(db);
	const everything = (await listingKindsPending(db))
		? 'Jenis produk dan pembanding semua produk disusun ulang'
		: neverBuilt
			? 'Permintaan mingguan dan ringkasan pasar disusun'
			: (await weeklyRuleOutdated(db))
				? 'Permintaan mingguan dihitung ulang dengan cara baru'
				: null;
	if (everything) {
		yield* scopeSteps(db, {});
		log.push(`${everything} (${seconds(t0)} detik).`);
		return log;
	}

	t0 = performance.now();
	const products = reanalysed ? (await allProductIds(db)) : (await productsWithoutCurrentPart(db));
	if (products.length) {
		const counts = yield* scopeSteps(db, { categoryIds: [], productIds: products });
		log.push(`Ringkasan pasar ${counts.marketParts} produk disiapkan (${seconds(t0)} detik).`);
	}

	t0 = performance.now();
	// Co-op members' products: the season forecast, and the one the plan page holds against the
	// last Lebaran (the page's default season); other past seasons are fitted when asked for.
	const origin = reviewOrigin('lebaran', new Date().toISOString().slice(0, 10));
	const keys = [
		...(await productAndCategoryForecastKeys(db)),
		...(await memberProducts(db)).flatMap((id) => [seasonForecastKey(id), seasonForecastKey(id, origin)])
	];
	let fitted = 0;
	for (const key of keys) {
		if ((await storeForecast(db, key))) fitted++;
		yield;
	}
	if (fitted) log.push(`Perkiraan permintaan untuk ${fitted} produk dan jenis produk disiapkan (${seconds(t0)} detik).`);
	return log;
}

/** Builds what is missing or outdated, at once; returns what it did, as log lines. */
export async function buildMissing(db: Db): Promise<string[]> {
	const steps = missingSteps(db);
	for (;;) {
		const step = await steps.next();
		if (step.done) return step.value;
	}
}

/** The same, letting other work run between steps (the background writer). */
export async function buildMissingGently(db: Db): Promise<string[]> {
	const steps = missingSteps(db);
	for (;;) {
		const step = await steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
