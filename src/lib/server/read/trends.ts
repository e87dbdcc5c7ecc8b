// Trending categories for /tren and `trends.categories`: every category with sales, its weekly
// series for the chosen marketplace and province, and THE demand call (analysis/demand-call.ts:
// a 4-over-4 week change counts only when it beats the series' own week-to-week noise and the
// uncertainty of bucketed counters, with enough volume). Without filters a category's call is
// the one its products' dashboards show in their category line (the same stored series).
import { demandCall, type DemandCall, type DemandDirection } from '$lib/analysis/demand-call';
import type { Db } from '../db';
import { versionedMemo } from '../db/market-version';
import { isStale } from '$lib/analysis/freshness';
import { latestObservation } from '../db/data-date';
import { weekRange } from '$lib/analysis/demand';
import { marketWeeks, onDemandGrid, type CategoryFilter, type StoredWeek } from '../db/weekly-demand';
import { trendBasis } from '$lib/analysis/narrate-demand';
import {
	categoryTree,
	categoryWeekSums,
	marketplaceExists,
	marketplaceIds,
	marketplaceOptions,
	provinceExists,
	regionOptions,
	usedMarketsAndProvinces
} from '../db/queries/read/trends';

/** Weeks drawn in each category's small chart. */
export const TREND_CHART_WEEKS = 16;

/** A category's demand call with its name, sentences and weekly series. */
export interface TrendItem {
	categoryId: number;
	name: string;
	parentName: string | null;
	/** null: not judged (no weekly history yet, under 8 weeks, or too few sales). */
	direction: DemandDirection | null;
	/** Only for naik and turun. */
	change: number | null;
	yearOverYear: number | null;
	recent: number;
	previous: number;
	noise: number;
	seasonal: boolean;
	headline: string;
	basis: string[];
	/** The last weeks; `observed: false` has no bar. */
	weeks: { weekStart: string; units: number; observed: boolean }[];
}

export interface TrendOption {
	value: string;
	label: string;
}

export interface TrendsPage {
	filter: { marketplaceId: string | null; provinceCode: string | null };
	marketplaces: TrendOption[];
	provinces: TrendOption[];
	/** Last week with data (Monday). */
	lastWeek: string | null;
	/** The newest observation in the market (YYYY-MM-DD) and whether it is over 4 weeks old (analysis/freshness.ts). */
	dataUntil: string | null;
	stale: boolean;
	/** Listings are observed but their weekly demand is not built yet (the background writer builds it after start-up). */
	preparing: boolean;
	items: TrendItem[];
	ms: number;
}

type Row = Omit<StoredWeek, 'observed'>;

/** Rows of several categories added up per week, laid on `weeks` (no row in any: not observed). */
function sumByWeek(rows: Row[], weeks: string[]): StoredWeek[] {
	const byWeek = new Map<string, Row>();
	for (const r of rows) {
		const w = byWeek.get(r.weekStart);
		if (!w) byWeek.set(r.weekStart, { ...r });
		else {
			w.units += r.units;
			w.low += r.low;
			w.high += r.high;
			w.variance += r.variance;
			w.listings += r.listings;
			w.bucketed ||= r.bucketed;
			w.interpolated ||= r.interpolated;
		}
	}
	return onDemandGrid([...byWeek.values()], weeks);
}

const ORDER: Record<DemandDirection | 'none', number> = { naik: 0, stabil: 1, turun: 2, none: 3 };

/** Naik first (largest rise on top), then stabil, then turun (largest fall lowest), then those not judged. */
export function rankTrends<T extends { direction: DemandDirection | null; change: number | null }>(items: T[]): T[] {
	return [...items].sort(
		(a, b) => ORDER[a.direction ?? 'none'] - ORDER[b.direction ?? 'none'] || (b.change ?? -Infinity) - (a.change ?? -Infinity)
	);
}

export async function trendFilterOptions(db: Db): Promise<{ marketplaces: TrendOption[]; provinces: TrendOption[] }> {
	// One pass over the aggregate for both lists (an exists per option would scan it each time).
	const used = await usedMarketsAndProvinces(db);
	const mIds = [...new Set(used.map((u) => u.m))];
	const pCodes = [...new Set(used.map((u) => u.p).filter(Boolean))];
	const marketplaces = await marketplaceOptions(db, mIds);
	const provinces = await regionOptions(db, pCodes);
	return { marketplaces, provinces };
}

// The ranking changes only when the weekly aggregates do (market-version.ts): kept per filter and day.
const trendsMemo = versionedMemo<Promise<Omit<TrendsPage, 'ms'>>>();

export async function trendingCategories(
	db: Db,
	filter: CategoryFilter = {},
	today = new Date().toISOString().slice(0, 10)
): Promise<TrendsPage> {
	const t0 = performance.now();
	const page = await trendsMemo(db, JSON.stringify([filter.marketplaceId ?? null, filter.provinceCode ?? null, today]), () => computeTrends(db, filter, today));
	return { ...page, ms: Math.round(performance.now() - t0) };
}

async function computeTrends(db: Db, filter: CategoryFilter, today: string): Promise<Omit<TrendsPage, 'ms'>> {
	const options = await trendFilterOptions(db);
	// Unknown filter values mean "all": a stale link should show the market, not an empty page.
	const marketplaceId = options.marketplaces.some((m) => m.value === filter.marketplaceId) ? filter.marketplaceId! : null;
	const provinceCode = options.provinces.some((p) => p.value === filter.provinceCode) ? filter.provinceCode! : null;
	const span = await marketWeeks(db);
	// One grouped read for every category: per-category queries cost ~20 ms each.
	const rows = await categoryWeekSums(db, marketplaceId, provinceCode);
	const own = new Map<number, Row[]>();
	for (const r of rows) {
		let list = own.get(r.categoryId);
		if (!list) own.set(r.categoryId, (list = []));
		list.push({ ...r, bucketed: Boolean(r.bucketed), interpolated: Boolean(r.interpolated) });
	}
	const tree = await categoryTree(db);
	const children = new Map<number, number[]>();
	for (const c of tree) if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
	const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
	const weeks = span ? weekRange(span.first, span.last) : [];

	const items: TrendItem[] = [];
	// Categories that hold listings themselves (the leaves people sell in), with their children's sales added.
	for (const c of tree.filter((c) => own.has(c.id))) {
		if (!span) break;
		const ids = subtree(c.id);
		const merged = sumByWeek(ids.flatMap((id) => own.get(id) ?? []), weeks);
		if (merged.every((w) => w.units === 0)) continue;
		const call: DemandCall = demandCall(merged);
		const end = call.lastWeek ?? span.last;
		const upTo = merged.findIndex((w) => w.weekStart === end) + 1;
		items.push({
			categoryId: c.id,
			name: c.name,
			parentName: c.parentName,
			direction: call.direction,
			change: call.change,
			yearOverYear: call.yearOverYear,
			recent: call.recent,
			previous: call.previous,
			noise: call.noise,
			seasonal: call.seasonal,
			headline: call.sentence,
			basis: trendBasis(call, end, merged[upTo - 1]?.listings ?? 0),
			weeks: merged.slice(Math.max(0, upTo - TREND_CHART_WEEKS), upTo).map((w) => ({ weekStart: w.weekStart, units: Math.round(w.units), observed: w.observed }))
		});
	}
	const lastWeek = span?.last ?? null;
	const dataUntil = await latestObservation(db);
	return {
		filter: { marketplaceId, provinceCode },
		...options,
		lastWeek,
		dataUntil,
		stale: isStale(dataUntil, today),
		preparing: span === null && dataUntil !== null,
		items: rankTrends(items)
	};
}

/**
 * Why a filter cannot be used (an Indonesian sentence), or null. Only real marketplaces and
 * provinces are computed: anything else would cost a full ranking and a memo entry per junk value.
 */
export async function trendFilterProblem(db: Db, filter: CategoryFilter): Promise<string | null> {
	if (filter.marketplaceId && !(await marketplaceExists(db, filter.marketplaceId))) {
		const known = (await marketplaceIds(db)).join(', ');
		return `Marketplace "${filter.marketplaceId.slice(0, 40)}" tidak dikenal.${known ? ` Pilihan: ${known}.` : ''}`;
	}
	if (filter.provinceCode && !(await provinceExists(db, filter.provinceCode))) {
		return `Kode provinsi "${filter.provinceCode.slice(0, 10)}" tidak dikenal. Pakai kode dua angka, misalnya 33 untuk Jawa Tengah.`;
	}
	return null;
}
