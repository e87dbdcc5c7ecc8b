// Derived data: weekly aggregates, competitor sets; each touched product's dashboard market part is dropped. A full refresh after seeding;
// after an import only the categories the batch touched.
import type { Db } from '../db';
import { refreshCategoryWeekly } from './aggregates';
import { forgetProductMarket } from './dashboard';
import { productsInCategories, refreshCompetitors } from './competitors';
import { refreshCompetitorWeekly } from './trends-series';

export function refreshDerived(db: Db, categoryIds?: number[]): { weeklyRows: number; competitorRows: number; ms: number } {
	const t0 = performance.now();
	const weeklyRows = refreshCategoryWeekly(db, categoryIds);
	const products = categoryIds ? productsInCategories(db, categoryIds) : undefined;
	const competitorRows = refreshCompetitors(db, products);
	refreshCompetitorWeekly(db, products);
	// The dashboards' market parts read the tables above: the touched products' parts are dropped
	// here and rebuilt on each product's next view (or at start-up). Rebuilding them all here made
	// an upload through /impor hold the server's one thread for seconds.
	forgetProductMarket(db, products);
	return { weeklyRows, competitorRows, ms: Math.round(performance.now() - t0) };
}
