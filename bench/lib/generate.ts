// The scale market for `npm run bench`: the demo generator (same catalog, PRNG, titles, prices,
// seasons, reviews) at a province's size, written into its own SQLite file, then the derived
// tables built exactly as the app builds them (review analysis, refreshDerived, bills of
// materials). Only two things differ from the demo, both through seedDemoMarket's options:
// most listings are observed every 12 weeks instead of weekly (a scraper revisits the long tail
// less often; 1M listings × 106 weekly snapshots would be 100M rows), and there are more
// producers per co-op so that there are thousands of products to sample.
import { existsSync, rmSync } from 'node:fs';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/index.ts';
import { seedDemoBoms } from '../../src/lib/server/demo/bom.ts';
import { seedDemoMarket } from '../../src/lib/server/demo/seed.ts';
import { refreshCategoryWeekly } from '../../src/lib/server/derive/category-weekly.ts';
import { refreshCompetitors } from '../../src/lib/server/derive/competitors.ts';
import { refreshCompetitorWeekly } from '../../src/lib/server/derive/competitor-weekly.ts';
import { storeForecast } from '../../src/lib/server/derive/forecasts.ts';
import { refreshProductMarket } from '../../src/lib/server/derive/market-part.ts';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis.ts';
import { progressBar } from './stats.ts';

export const SCALE_SEED = 20250331;
export const SCALE_END = '2026-11-23';

export interface GenerationReport {
	listings: number;
	snapshots: number;
	reviews: number;
	products: number;
	seconds: Record<string, number>;
	/** CPU seconds of this process per step (user + system): on a shared machine, what the step itself cost. */
	cpuSeconds?: Record<string, number>;
	totalSeconds: number;
	totalCpuSeconds?: number;
}

/** Scale parameters for n listings: ~12 snapshots and ~2 reviews per listing (2.02M at 1M; 0.61 gave 1.99M), ~1 product per 500 listings. */
export function scaleOptions(listings: number) {
	return {
		seed: SCALE_SEED,
		endDate: SCALE_END,
		listings,
		now: `${SCALE_END}T12:00:00.000Z`,
		observation: { weeklyShare: 0.05, everyWeeks: 12 },
		reviewFactor: 0.62,
		producersPerCluster: Math.max(4, Math.round(listings / 12_500))
	};
}

const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
	const c = process.cpuUsage(start);
	return Math.round((c.user + c.system) / 100_000) / 10;
};

async function timed<T>(seconds: Record<string, number>, cpuSeconds: Record<string, number>, name: string, fn: () => T | Promise<T>): Promise<T> {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	console.error(`· ${name}…`);
	const result = await fn();
	seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
	cpuSeconds[name] = cpuSecondsSince(c0);
	console.error(`  ${name}: ${seconds[name]} s (CPU ${cpuSeconds[name]} s)`);
	return result;
}

export async function generateScaleMarket(file: string, listings: number): Promise<GenerationReport> {
	for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	const seconds: Record<string, number> = {};
	const cpuSeconds: Record<string, number> = {};
	const db: Db = openDatabase(file);
	migrateDatabase(db);
	// A throwaway file written once: no rollback journal and no fsync while generating; WAL again at the end.
	db.$client.pragma('journal_mode = OFF');
	db.$client.pragma('synchronous = OFF');
	db.$client.pragma('cache_size = -262144');
	const seeded = await timed(seconds, cpuSeconds, 'listings, snapshots, reviews', async () =>
        		seedDemoMarket(db, { ...scaleOptions(listings), onProgress: progressBar('  listings') })
        	);
	await timed(seconds, cpuSeconds, 'review analysis', async () => analyzeStoredReviews(db));
	// refreshDerived(db), step by step so that each step's time is shown.
	await timed(seconds, cpuSeconds, 'category weekly demand', async () => refreshCategoryWeekly(db));
	await timed(seconds, cpuSeconds, 'competitor sets (by kind)', async () => refreshCompetitors(db));
	await timed(seconds, cpuSeconds, 'competitor weekly demand', async () => refreshCompetitorWeekly(db));
	const products = db.$client.prepare('select id from products order by id').pluck().all() as number[];
	await timed(seconds, cpuSeconds, 'dashboard market parts', async () => {
        		const bar = progressBar('  products');
        		for (let i = 0; i < products.length; i += 100) {
        			await refreshProductMarket(db, products.slice(i, i + 100));
        			bar(Math.min(products.length, i + 100), products.length);
        		}
        	});
	await timed(seconds, cpuSeconds, 'forecasts (products, categories)', () => {
        		const categories = db.$client.prepare('select distinct category_id from products order by 1').pluck().all() as number[];
        		const keys = [...products.map((id) => `product:${id}`), ...categories.map((id) => `category:${id}`)];
        		const bar = progressBar('  forecasts');
        		keys.forEach(async (key, i) => {
        			await storeForecast(db, key);
        			if (i % 50 === 49 || i === keys.length - 1) bar(i + 1, keys.length);
        		});
        	});
	await timed(seconds, cpuSeconds, 'bills of materials', async () => seedDemoBoms(db));
	await timed(seconds, cpuSeconds, 'WAL', () => db.$client.pragma('journal_mode = WAL'));
	db.$client.close();
	return {
		listings: seeded.listings,
		snapshots: seeded.snapshots,
		reviews: seeded.reviews,
		products: seeded.products,
		seconds,
		cpuSeconds,
		totalSeconds: Math.round((performance.now() - t0) / 100) / 10,
		totalCpuSeconds: cpuSecondsSince(c0)
	};
}
