// Derived data, after a seed (everything) or an import (the categories it touched), in order:
// 1. the categories' weekly demand (category_weekly_demand), and the product kind of listings
//    that have none yet (services/kinds.ts);
// 2. a few products at a time, in ONE transaction each: the competitor set, its weekly demand
//    and the dashboard's stored market part. Whoever reads meanwhile (the server, while a CLI
//    import refreshes in its own process) sees the old set with its old part or the new set with
//    its new part; a set without its part made every request recompute the part live (~0.1–0.3 s
//    each) while the importer held the write lock, and the server stopped answering;
// 3. the forecasts of those products and their categories, which the co-op plan reads: fitted
//    on a request, a plan at a province's scale took 6.5 s.
// refreshDerived runs the steps at once; refreshDerivedGently gives the event loop a turn between
// them, for uploads through /impor, which run on the server's one thread.
import type { Db } from '../db';
import { refreshCategoryWeekly } from './category-weekly';
import { productsInCategories, refreshCompetitors } from './competitors';
import { refreshProductMarket } from '../read/dashboard';
import { storeForecast } from '../read/forecasts';
import { fillMissingKinds } from './kinds';
import { refreshCompetitorWeekly } from '../db/weekly-demand';

/** Products per transaction: short enough that the write lock is never held for long. */
const PRODUCTS_PER_STEP = 8;

export interface RefreshCounts {
	weeklyRows: number;
	competitorRows: number;
	marketParts: number;
	forecastsFitted: number;
	ms: number;
}

/** Touched products grouped by category, so one step's products share most of their listings. */
function productSteps(db: Db, categoryIds?: number[], productIds: number[] = []): number[][] {
	const ids = categoryIds ? new Set([...productsInCategories(db, categoryIds), ...productIds]) : null;
	const rows = db.$client.prepare('select id, category_id as categoryId from products order by category_id, id').all() as {
		id: number;
		categoryId: number;
	}[];
	const steps: number[][] = [];
	let current: number[] = [];
	let category: number | null = null;
	for (const r of rows) {
		if (ids && !ids.has(r.id)) continue;
		if (current.length === PRODUCTS_PER_STEP || (current.length && r.categoryId !== category)) {
			steps.push(current);
			current = [];
		}
		current.push(r.id);
		category = r.categoryId;
	}
	if (current.length) steps.push(current);
	return steps;
}

function* refreshSteps(db: Db, categoryIds?: number[], productIds: number[] = []): Generator<void, RefreshCounts> {
	const t0 = performance.now();
	const counts: RefreshCounts = { weeklyRows: 0, competitorRows: 0, marketParts: 0, forecastsFitted: 0, ms: 0 };
	// Edited products alone (no listing changed) need no category aggregates.
	if (!categoryIds || categoryIds.length) counts.weeklyRows = refreshCategoryWeekly(db, categoryIds);
	yield;
	// New listings (an import) get their product kind before any set looks them up.
	fillMissingKinds(db);
	yield;
	const steps = productSteps(db, categoryIds, productIds);
	for (const products of steps) {
		db.$client
			.transaction(() => {
				counts.competitorRows += refreshCompetitors(db, products);
				refreshCompetitorWeekly(db, products);
				counts.marketParts += refreshProductMarket(db, products);
			})
			.immediate();
		yield;
	}
	// Forecasts: fitted outside any transaction (CPU only), each stored in its own short write.
	const products = steps.flat();
	for (const id of products) {
		if (storeForecast(db, `product:${id}`)) counts.forecastsFitted++;
		yield;
	}
	const categories = products.length
		? (db.$client
				.prepare('select distinct category_id from products where id in (select value from json_each(?)) order by category_id')
				.pluck()
				.all(JSON.stringify(products)) as number[])
		: [];
	for (const id of categories) {
		if (storeForecast(db, `category:${id}`)) counts.forecastsFitted++;
		yield;
	}
	counts.ms = Math.round(performance.now() - t0);
	return counts;
}

/**
 * Rebuilds the derived data for these categories (everything when omitted), at once; with
 * `productIds`, also those products' sets and parts (a product was added or edited).
 */
export function refreshDerived(db: Db, categoryIds?: number[], productIds?: number[]): RefreshCounts {
	const steps = refreshSteps(db, categoryIds, productIds);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** The same, letting other requests run between steps (for work on the server's thread). */
export async function refreshDerivedGently(db: Db, categoryIds?: number[], productIds?: number[]): Promise<RefreshCounts> {
	const steps = refreshSteps(db, categoryIds, productIds);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
