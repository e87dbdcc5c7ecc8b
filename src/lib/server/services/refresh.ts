// Derived data: weekly aggregates and competitor sets. A full refresh after seeding;
// after an import only the categories the batch touched.
import type { Db } from '../db';
import { refreshCategoryWeekly } from './aggregates';
import { productsInCategories, refreshCompetitors } from './competitors';
import { refreshCompetitorWeekly } from './trends-series';

export function refreshDerived(db: Db, categoryIds?: number[]): { weeklyRows: number; competitorRows: number; ms: number } {
	const t0 = performance.now();
	const weeklyRows = refreshCategoryWeekly(db, categoryIds);
	const competitorRows = refreshCompetitors(db, categoryIds ? productsInCategories(db, categoryIds) : undefined);
	refreshCompetitorWeekly(db, categoryIds ? productsInCategories(db, categoryIds) : undefined);
	return { weeklyRows, competitorRows, ms: Math.round(performance.now() - t0) };
}
