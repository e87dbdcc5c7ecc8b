// Derived data, after a seed (everything) or an import (the categories it touched), in order:
// 1. the categories' weekly demand (category_weekly_demand), and the product kind of listings
//    that have none yet (kinds.ts);
// 2. a few products at a time, in ONE transaction each: the competitor set, its weekly demand
//    and the dashboard's stored market part. Whoever reads meanwhile (the server, while a CLI
//    import refreshes in its own process) sees the old set with its old part or the new set with
//    its new part; a set without its part made every request recompute the part live (~0.1–0.3 s
//    each) while the importer held the write lock, and the server stopped answering;
// 3. the forecasts of those products and their categories (and the 30-week season forecast of
//    co-op members' products), which the co-op plan reads: fitted
//    on a request, a plan at a province's scale took 6.5 s; and any forecast a reader asked for.
// In the server the background writer runs these (writer-loop.ts), woken by imports, product
// edits and readers that found something missing; CLI commands and tests run them directly.
// refreshDerived runs the steps at once; the *Gently forms give the event loop a turn between
// them (the writer's loop also runs inline on the server's thread in dev).
import type { Db } from '../db';
import { categoriesOfProducts, productsByCategory } from '../db/queries/derive/refresh';
import { refreshCategoryWeekly } from './category-weekly';
import { refreshCompetitorWeekly } from './competitor-weekly';
import { productsInCategories, refreshCompetitors } from './competitors';
import { isForecastKey, memberProducts, seasonForecastKey, storeForecast } from './forecasts';
import { fillMissingKinds } from './kinds';
import { refreshProductMarket } from './market-part';
import { analyzeStoredReviews, productsComparingReviews } from './review-analysis';
import type { RefreshScope } from './writer-protocol';
import { transaction } from "../db/run";

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
async function productSteps(db: Db, categoryIds?: number[], productIds: number[] = []): Promise<number[][]> {
	const ids = categoryIds ? new Set([...(await productsInCategories(db, categoryIds)), ...productIds]) : null;
	const rows = await productsByCategory(db);
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

async function* refreshSteps(db: Db, categoryIds?: number[], productIds: number[] = [], forecasts: string[] = []): AsyncGenerator<void, RefreshCounts> {
	const t0 = performance.now();
	const counts: RefreshCounts = { weeklyRows: 0, competitorRows: 0, marketParts: 0, forecastsFitted: 0, ms: 0 };
	// Edited products alone (no listing changed) need no category aggregates.
	if (!categoryIds || categoryIds.length) counts.weeklyRows = await refreshCategoryWeekly(db, categoryIds);
	yield;
	// New listings (an import) get their product kind before any set looks them up.
	if (!categoryIds || categoryIds.length || productIds.length) await fillMissingKinds(db);
	yield;
	const steps = await productSteps(db, categoryIds, productIds);
	for (const products of steps) {
		await transaction(db, async (tx) => {
        				counts.competitorRows += (await refreshCompetitors(tx, products));
        				await refreshCompetitorWeekly(tx, products);
        				counts.marketParts += (await refreshProductMarket(tx, products));
        			});
		yield;
	}
	// Forecasts: fitted outside any transaction (CPU only), each stored in its own short write.
	const products = steps.flat();
	for (const id of products) {
		if ((await storeForecast(db, `product:${id}`))) counts.forecastsFitted++;
		yield;
	}
	const categories = products.length ? (await categoriesOfProducts(db, products)) : [];
	for (const id of categories) {
		if ((await storeForecast(db, `category:${id}`))) counts.forecastsFitted++;
		yield;
	}
	// Co-op members' products also get the season forecast (30 weeks) the season plan reads.
	for (const id of (await memberProducts(db, products))) {
		if ((await storeForecast(db, seasonForecastKey(id)))) counts.forecastsFitted++;
		yield;
	}
	// Forecasts a reader found unfitted (storeForecast skips those fitted above meanwhile).
	for (const key of forecasts) {
		if (isForecastKey(key) && (await storeForecast(db, key))) counts.forecastsFitted++;
		yield;
	}
	counts.ms = Math.round(performance.now() - t0);
	return counts;
}

async function runNow<T>(steps: AsyncGenerator<void, T>): Promise<T> {
	for (;;) {
		const step = await steps.next();
		if (step.done) return step.value;
	}
}

async function runGently<T>(steps: AsyncGenerator<void, T>): Promise<T> {
	for (;;) {
		const step = await steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/**
 * Rebuilds the derived data for these categories (everything when omitted), at once; with
 * `productIds`, also those products' sets and parts (a product was added or edited).
 */
export async function refreshDerived(db: Db, categoryIds?: number[], productIds?: number[]): Promise<RefreshCounts> {
	return runNow(refreshSteps(db, categoryIds, productIds));
}

/** The same, letting other work run between steps. */
export async function refreshDerivedGently(db: Db, categoryIds?: number[], productIds?: number[]): Promise<RefreshCounts> {
	return runGently(refreshSteps(db, categoryIds, productIds));
}

/** The steps of a scope's refresh, for a caller that runs them between its own (missing.ts). */
export function scopeSteps(db: Db, scope: RefreshScope): AsyncGenerator<void, RefreshCounts> {
	const everything = !scope.categoryIds?.length && !scope.productIds?.length && !scope.forecasts?.length;
	return everything ? refreshSteps(db) : refreshSteps(db, scope.categoryIds ?? [], scope.productIds ?? [], scope.forecasts ?? []);
}

/** Rebuilds what a scope names (derive/writer-protocol.ts RefreshScope; empty: everything), at once. */
export async function refreshScope(db: Db, scope: RefreshScope): Promise<RefreshCounts> {
	return runNow(scopeSteps(db, scope));
}

/** The same, letting other work run between steps (the background writer). */
export async function refreshScopeGently(db: Db, scope: RefreshScope): Promise<RefreshCounts> {
	return runGently(scopeSteps(db, scope));
}

/**
 * What an import changed, derived (ingest/pipeline.ts calls it after its commit; ingest itself
 * derives nothing): the new or changed reviews are analysed first, as the market parts count
 * their themes; then the touched categories are refreshed, with the products whose competitors
 * got those reviews (a review may belong to a listing the import did not otherwise touch).
 */
export async function deriveAfterImport(db: Db, changed: { categoryIds: number[]; reviewIds: number[] }): Promise<void> {
	let products: number[] = [];
	if (changed.reviewIds.length) {
		await analyzeStoredReviews(db, { reviewIds: changed.reviewIds });
		products = await productsComparingReviews(db, changed.reviewIds);
	}
	if (changed.categoryIds.length || products.length) await refreshDerivedGently(db, changed.categoryIds, products);
}
