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
import { categorySubtree } from './categories';
import type { Db } from './index';

export interface WeekUnits {
	weekStart: string;
	units: number;
}

export interface CategoryFilter {
	marketplaceId?: string | null;
	provinceCode?: string | null;
}

/** First and last week with any aggregate (the market's observed span), or null on an empty market. */
export function marketWeeks(db: Db): { first: string; last: string } | null {
	// Two subqueries: SQLite reads a lone min() or max() from the end of the week_start index, but
	// scans the whole table for both in one select (the dashboard builders ask this per product).
	const row = db.$client
		.prepare('select (select min(week_start) from category_weekly_demand) as first, (select max(week_start) from category_weekly_demand) as last')
		.get() as {
		first: string | null;
		last: string | null;
	};
	return row.first && row.last ? { first: row.first, last: row.last } : null;
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

const DEMAND_COLUMNS = `week_start as weekStart, sum(units) as units, sum(units_low) as low, sum(units_high) as high, sum(variance) as variance,
	sum(listings) as listings, max(lower_bound) as bucketed, max(interpolated) as interpolated`;

function categoryWhere(db: Db, categoryId: number, filter: CategoryFilter): { where: string; params: unknown[] } {
	const ids = categorySubtree(db, categoryId);
	const where = [`category_id in (${ids.map(() => '?').join(',')})`];
	const params: unknown[] = [...ids];
	if (filter.marketplaceId) {
		where.push('marketplace_id = ?');
		params.push(filter.marketplaceId);
	}
	if (filter.provinceCode) {
		where.push('province_code = ?');
		params.push(filter.provinceCode);
	}
	return { where: where.join(' and '), params };
}

const asFlags = <T extends { bucketed: unknown; interpolated: unknown }>(r: T) => ({ ...r, bucketed: Boolean(r.bucketed), interpolated: Boolean(r.interpolated) });

/**
 * Weekly units of a category and its children, optionally one marketplace / province, over the
 * market's whole span (zeros where nothing sold or nothing was observed): the forecast's input.
 */
export function categorySeries(db: Db, categoryId: number, filter: CategoryFilter = {}): WeekUnits[] {
	const span = marketWeeks(db);
	if (!span) return [];
	const { where, params } = categoryWhere(db, categoryId, filter);
	const rows = db.$client
		.prepare(`select week_start as weekStart, sum(units) as units from category_weekly_demand where ${where} group by week_start`)
		.all(...params) as WeekUnits[];
	return onGrid(rows, weekRange(span.first, span.last));
}

/**
 * A category's weekly demand as the demand call reads it (the same series for /tren, the
 * dashboard's category line and the category chart), over the market's whole span.
 */
export function categoryDemand(db: Db, categoryId: number, filter: CategoryFilter = {}): StoredWeek[] {
	const span = marketWeeks(db);
	if (!span) return [];
	const { where, params } = categoryWhere(db, categoryId, filter);
	const rows = (
		db.$client.prepare(`select ${DEMAND_COLUMNS} from category_weekly_demand where ${where} group by week_start`).all(...params) as Omit<StoredWeek, 'observed'>[]
	).map(asFlags);
	return onDemandGrid(rows, weekRange(span.first, span.last));
}

/** A product's competitor-set weekly units for the forecast (derive/competitor-weekly.ts builds them). */
export function competitorSeries(db: Db, productId: number): WeekUnits[] {
	const rows = db.$client
		.prepare('select week_start as weekStart, units from competitor_weekly_demand where product_id = ? order by week_start')
		.all(productId) as WeekUnits[];
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
export function competitorDemand(db: Db, productId: number): StoredWeek[] {
	const rows = (
		db.$client
			.prepare(
				`select week_start as weekStart, units, units_low as low, units_high as high, variance, listings, lower_bound as bucketed, interpolated
				 from competitor_weekly_demand where product_id = ? order by week_start`
			)
			.all(productId) as Omit<StoredWeek, 'observed'>[]
	).map(asFlags);
	if (rows.length === 0) return [];
	return onDemandGrid(rows, weekRange(rows[0].weekStart, rows[rows.length - 1].weekStart));
}

/** The last `n` weeks of a series ending at its last week. */
export function lastWeeks(series: WeekUnits[], n: number): WeekUnits[] {
	return series.slice(Math.max(0, series.length - n));
}
