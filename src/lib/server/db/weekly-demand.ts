// Weekly demand series as they are stored, for whoever reads them (the trend, forecast, plan and
// dashboard services, and the builders of forecasts and market parts): per category (optionally
// one marketplace and one province) from category_weekly_demand, and per product's competitor set
// from competitor_weekly_demand. Reads only: derive/category-weekly.ts and
// derive/competitor-weekly.ts build the tables.
// - categorySeries / competitorSeries: units on a full week grid with real zero weeks, for the
//   forecast (which treats a missing week as unknown, not as zero);
// - categoryDemand / competitorDemand: what the demand call and the charts read — each week with
//   its variance and listings, and `observed: false` where no snapshots cover it (no bar).
import type { DemandWeek } from '$lib/analysis/demand-call';
import { weekRange } from '$lib/analysis/demand';
import { and, asc, eq, inArray, max, min, sql, type SQL } from 'drizzle-orm';
import { categorySubtree } from './categories';
import type { Db } from './index';
import { categoryWeeklyDemand as cwd, competitorWeeklyDemand as comp } from './schema';
import { prepared } from './statements';
import { preparedFirst, preparedRows, rows } from "./run";

export interface WeekUnits {
	weekStart: string;
	units: number;
}

export interface CategoryFilter {
	marketplaceId?: string | null;
	provinceCode?: string | null;
}

/** First and last week with any aggregate (the market's observed span), or null on an empty market. */
export async function marketWeeks(db: Db): Promise<{ first: string; last: string } | null> {
	// Two queries: SQLite reads a lone min() or max() from the end of the week_start index, but
	// scans the whole table for both in one select (the dashboard builders ask this per product).
	const first = (await preparedFirst(db, 'read/weekly-demand/first', (d) => d.select({ week: min(cwd.weekStart) }).from(cwd)))?.week;
	const last = (await preparedFirst(db, 'read/weekly-demand/last', (d) => d.select({ week: max(cwd.weekStart) }).from(cwd)))?.week;
	return first && last ? { first, last } : null;
}

/** Zero-fills a sparse series over `weeks`. */
export function onGrid(rows: WeekUnits[], weeks: string[]): WeekUnits[] {
	const byWeek = new Map(rows.map((r) => [r.weekStart, r.units]));
	return weeks.map((weekStart) => ({ weekStart, units: byWeek.get(weekStart) ?? 0 }));
}

/** A demand week as stored: units, bounds, variance, listings observed. */
export interface StoredWeek extends DemandWeek {
	low: number;
	high: number;
	variance: number;
	listings: number;
	bucketed: boolean;
	interpolated: boolean;
	observed: boolean;
}

/** Rows of stored weeks laid on `weeks`: a week without a row was not observed. */
export function onDemandGrid(rows: Omit<StoredWeek, 'observed'>[], weeks: string[]): StoredWeek[] {
	const byWeek = new Map(rows.map((r) => [r.weekStart, r]));
	return weeks.map((weekStart) => {
		const r = byWeek.get(weekStart);
		return r
			? { ...r, observed: true }
			: { weekStart, units: 0, low: 0, high: 0, variance: 0, listings: 0, bucketed: false, interpolated: false, observed: false };
	});
}

// What the demand call reads of a week, summed over the rows it groups (also /tren's per category).
export const DEMAND_COLUMNS = {
	weekStart: cwd.weekStart,
	units: sql<number>`sum(${cwd.units})`,
	low: sql<number>`sum(${cwd.unitsLow})`,
	high: sql<number>`sum(${cwd.unitsHigh})`,
	variance: sql<number>`sum(${cwd.variance})`,
	listings: sql<number>`sum(${cwd.listings})`,
	// As 0/1 first: PostgreSQL has no max() of booleans.
	bucketed: sql<number>`max(cast(${cwd.lowerBound} as integer))`,
	interpolated: sql<number>`max(cast(${cwd.interpolated} as integer))`
};

async function categoryWhere(db: Db, categoryId: number, filter: CategoryFilter): Promise<SQL | undefined> {
	// Never empty: the subtree holds the category itself.
	const where: SQL[] = [inArray(cwd.categoryId, await categorySubtree(db, categoryId))];
	if (filter.marketplaceId) where.push(eq(cwd.marketplaceId, filter.marketplaceId));
	if (filter.provinceCode) where.push(eq(cwd.provinceCode, filter.provinceCode));
	return and(...where);
}

const asFlags = <T extends { bucketed: unknown; interpolated: unknown }>(r: T) => ({ ...r, bucketed: Boolean(r.bucketed), interpolated: Boolean(r.interpolated) });

/**
 * Weekly units of a category and its children, optionally one marketplace / province, over the
 * market's whole span (zeros where nothing sold or nothing was observed): the forecast's input.
 */
export async function categorySeries(db: Db, categoryId: number, filter: CategoryFilter = {}): Promise<WeekUnits[]> {
	const span = await marketWeeks(db);
	if (!span) return [];
	const found = await rows(db, db
        		.select({ weekStart: cwd.weekStart, units: sql<number>`sum(${cwd.units})` })
        		.from(cwd)
        		.where(await categoryWhere(db, categoryId, filter))
        		.groupBy(cwd.weekStart));
	return onGrid(found, weekRange(span.first, span.last));
}

/**
 * A category's weekly demand as the demand call reads it (the same series for /tren, the
 * dashboard's category line and the category chart), over the market's whole span.
 */
export async function categoryDemand(db: Db, categoryId: number, filter: CategoryFilter = {}): Promise<StoredWeek[]> {
	const span = await marketWeeks(db);
	if (!span) return [];
	const found = (await rows(db, db.select(DEMAND_COLUMNS).from(cwd).where(await categoryWhere(db, categoryId, filter)).groupBy(cwd.weekStart))).map(asFlags);
	return onDemandGrid(found, weekRange(span.first, span.last));
}

/** A product's competitor-set weekly units for the forecast (derive/competitor-weekly.ts builds them). */
export async function competitorSeries(db: Db, productId: number): Promise<WeekUnits[]> {
	const rows = await preparedRows(db, 'read/weekly-demand/competitor-series', (d) => d
        			.select({ weekStart: comp.weekStart, units: comp.units })
        			.from(comp)
        			.where(eq(comp.productId, sql.placeholder('productId')))
        			.orderBy(asc(comp.weekStart))
        			, { productId });
	// Rows cover every observed week, zeros included; outside them nothing is known, so the
	// grid runs from the first to the last row, not over the market's whole span.
	if (rows.length === 0) return [];
	return onGrid(rows, weekRange(rows[0].weekStart, rows[rows.length - 1].weekStart));
}

/**
 * A product's competitor-set weekly demand as the demand call and the dashboard chart read it:
 * from the first to the last observed week, unobserved weeks in between marked. Every surface
 * that speaks of this product's demand reads this one series.
 */
export async function competitorDemand(db: Db, productId: number): Promise<StoredWeek[]> {
	const rows = (await preparedRows(db, 'read/weekly-demand/competitor-demand', (d) => d
    			.select({
    				weekStart: comp.weekStart,
    				units: comp.units,
    				low: comp.unitsLow,
    				high: comp.unitsHigh,
    				variance: comp.variance,
    				listings: comp.listings,
    				bucketed: comp.lowerBound,
    				interpolated: comp.interpolated
    			})
    			.from(comp)
    			.where(eq(comp.productId, sql.placeholder('productId')))
    			.orderBy(asc(comp.weekStart))
    			, { productId }))
		.map(asFlags);
	if (rows.length === 0) return [];
	return onDemandGrid(rows, weekRange(rows[0].weekStart, rows[rows.length - 1].weekStart));
}

/** The last `n` weeks of a series ending at its last week. */
export function lastWeeks(series: WeekUnits[], n: number): WeekUnits[] {
	return series.slice(Math.max(0, series.length - n));
}
