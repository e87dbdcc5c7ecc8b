// Weekly demand series as the trend, forecast, plan and alert services read them: per category
// (optionally one marketplace and one province) from category_weekly_demand, and per product's
// competitor set from competitor_weekly_demand.
// - categorySeries / competitorSeries: units on a full week grid with real zero weeks, for the
//   forecast (which treats a missing week as unknown, not as zero);
// - categoryDemand / competitorDemand: what the demand call and the charts read — each week with
//   its variance and listings, and `observed: false` where no snapshots cover it (no bar).
import type { DemandWeek } from '$lib/analysis/demand-call';
import { sumWeekly, weekRange, weeklyDemand, type SoldSnapshot, type WeekPoint } from '$lib/analysis/demand';
import { removeOutliers } from '$lib/analysis/prices';
import { unitPrice } from '$lib/analysis/units';
import type { Db } from './index';
import { categorySubtree } from './categories';
import { refreshCompetitors } from '../derive/competitors';
import { tryCacheWrite } from './statements';

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
	const row = db.$client.prepare('select min(week_start) as first, max(week_start) as last from category_weekly_demand').get() as {
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

interface CompetitorListing {
	id: number;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
}

function signatureOf(db: Db, productId: number): string {
	const row = db.$client
		.prepare('select count(*) as n, coalesce(sum(listing_id), 0) as s from product_competitors where product_id = ?')
		.get(productId) as { n: number; s: number };
	return `${row.n}:${row.s}`;
}

/**
 * The competitor listings the dashboard compares with: the stored set minus price outliers, by
 * the same rule (removeOutliers on unit price), so the forecast speaks of the same listings.
 */
export function keptCompetitors(db: Db, productId: number): number[] {
	let rows = db.$client
		.prepare(
			`select l.id, l.price, l.pack_quantity as packQuantity, l.unit from product_competitors pc
			 join listings l on l.id = pc.listing_id where pc.product_id = ? order by pc.rank`
		)
		.all(productId) as CompetitorListing[];
	if (rows.length === 0 && tryCacheWrite(db, () => refreshCompetitors(db, [productId]))) {
		rows = db.$client
			.prepare(
				`select l.id, l.price, l.pack_quantity as packQuantity, l.unit from product_competitors pc
				 join listings l on l.id = pc.listing_id where pc.product_id = ? order by pc.rank`
			)
			.all(productId) as CompetitorListing[];
	}
	const priced = rows.map((r) => ({ id: r.id, unitPrice: unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit }).value }));
	return removeOutliers(priced, (r) => r.unitPrice).kept.map((r) => r.id);
}

/**
 * Rebuilds competitor_weekly_demand for the given products (all products when omitted).
 * Products of one category share most of their listings, so each listing's weekly demand is
 * computed once per refresh and summed into every set it belongs to.
 */
export function refreshCompetitorWeekly(db: Db, productIds?: number[]): number {
	const client = db.$client;
	const ids = productIds ?? (client.prepare('select id from products').pluck().all() as number[]);
	if (ids.length === 0) return 0;
	const span = marketWeeks(db);
	const weeks = span ? weekRange(span.first, span.last) : [];
	const kept = new Map(ids.map((id) => [id, keptCompetitors(db, id)]));
	const needed = [...new Set([...kept.values()].flat())].sort((a, b) => a - b);

	// One ordered pass over the needed listings' snapshots, in chunks to stay under SQLite's
	// parameter limit. The marketplace picks each counter's bucket ladder.
	const perListing = new Map<number, WeekPoint[]>();
	for (let i = 0; i < needed.length; i += 500) {
		const chunk = needed.slice(i, i + 500);
		let current: { id: number; marketplaceId: string; snaps: SoldSnapshot[] } | null = null;
		const flush = () => {
			if (current && current.snaps.length > 1) perListing.set(current.id, weeklyDemand(current.snaps, weeks, { marketplaceId: current.marketplaceId }));
		};
		const rows = client
			.prepare(
				`select s.listing_id as listingId, s.observed_at as observedAt, s.sold_count as sold, s.sold_lower_bound as lowerBound, l.marketplace_id as marketplaceId
				 from listing_snapshots s join listings l on l.id = s.listing_id
				 where s.listing_id in (${chunk.map(() => '?').join(',')}) and s.sold_count is not null
				 order by s.listing_id, s.observed_at`
			)
			.iterate(...chunk) as Iterable<{ listingId: number; observedAt: string; sold: number; lowerBound: number; marketplaceId: string }>;
		for (const s of rows) {
			if (!current || current.id !== s.listingId) {
				flush();
				current = { id: s.listingId, marketplaceId: s.marketplaceId, snaps: [] };
			}
			current.snaps.push({ observedAt: s.observedAt, sold: s.sold, lowerBound: Boolean(s.lowerBound) });
		}
		flush();
	}

	const del = client.prepare('delete from competitor_weekly_demand where product_id = ?');
	const ins = client.prepare(
		`insert into competitor_weekly_demand (product_id, week_start, units, units_low, units_high, variance, listings, lower_bound, interpolated)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const state = client.prepare(
		`insert into competitor_series_state (product_id, signature, built_at) values (?, ?, ?)
		 on conflict(product_id) do update set signature = excluded.signature, built_at = excluded.built_at`
	);
	const now = new Date().toISOString();
	let written = 0;
	client.transaction(() => {
		for (const [productId, listingIds] of kept) {
			const series = listingIds.map((id) => perListing.get(id)).filter((s): s is WeekPoint[] => s !== undefined);
			del.run(productId);
			for (const p of series.length ? sumWeekly(series) : []) {
				// Only weeks the snapshots cover get a row: no row is no bar, not a zero.
				if (p.observed === false) continue;
				ins.run(productId, p.weekStart, Math.round(p.units), p.low, p.high, p.variance, p.listings ?? 0, p.bucketed ? 1 : 0, p.interpolated ? 1 : 0);
				written++;
			}
			state.run(productId, signatureOf(db, productId), now);
		}
	}).immediate();
	return written;
}

function ensureCompetitorWeekly(db: Db, productId: number): void {
	const built = db.$client.prepare('select signature from competitor_series_state where product_id = ?').pluck().get(productId) as
		| string
		| undefined;
	// Rebuilt here only for a set changed outside refreshDerived, and never waiting for the lock.
	if (built === undefined || built !== signatureOf(db, productId)) tryCacheWrite(db, () => refreshCompetitorWeekly(db, [productId]));
}

/** A product's competitor-set weekly units for the forecast; rebuilt first when its set changed. */
export function competitorSeries(db: Db, productId: number): WeekUnits[] {
	ensureCompetitorWeekly(db, productId);
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
	ensureCompetitorWeekly(db, productId);
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
