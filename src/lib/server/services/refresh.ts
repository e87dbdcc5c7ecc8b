// Derived data: weekly aggregates, competitor sets and each product's dashboard market part. A full refresh after seeding;
// after an import only the categories the batch touched.
import type { Db } from '../db';
import { refreshCategoryWeekly } from './aggregates';
import { refreshProductMarket } from './dashboard';
import { productsInCategories, refreshCompetitors } from './competitors';
import { refreshCompetitorWeekly } from './trends-series';

export function refreshDerived(db: Db, categoryIds?: number[]): { weeklyRows: number; competitorRows: number; ms: number } {
	const t0 = performance.now();
	const weeklyRows = refreshCategoryWeekly(db, categoryIds);
	const products = categoryIds ? productsInCategories(db, categoryIds) : undefined;
	const competitorRows = refreshCompetitors(db, products);
	refreshCompetitorWeekly(db, products);
	// Last: the dashboards' market parts read the competitor sets and weekly aggregates above.
	refreshProductMarket(db, products);
	return { weeklyRows, competitorRows, ms: Math.round(performance.now() - t0) };
}
