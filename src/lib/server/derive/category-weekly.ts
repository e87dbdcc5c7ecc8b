// Weekly units sold per category × marketplace × province, summed from each listing's
// cumulative sold counter (see analysis/demand.ts): the estimate, its bounds and the variance
// bucketed counters leave, and how many listings were observed each week. Dashboards and /tren
// read this table instead of walking millions of snapshots. Refreshed per category, so an
// import that touched three categories rebuilds three categories, not the market.
import { INTERPOLATED_SHARE, weekRange, weekStart, weeklyDemand, type SoldSnapshot, type WeekPoint } from '$lib/analysis/demand';
import type { Db } from '../db';
import { bumpMarketVersion } from '../db/market-version';
import {
	anyCategoryWeek,
	categoriesWithListings,
	categorySoldSnapshots,
	categoryWeeklyWriters,
	saveWeeklyRule,
	snapshotRange,
	storedWeeklyRule
} from '../db/queries/derive/category-weekly';
import { transaction } from '../db/run';

/**
 * The rule the weekly tables were built by (meta 'weekly_demand_rule'). 2: counters as intervals,
 * a snapshot is the counter on its day (analysis/demand.ts). Start-up rebuilds tables of another.
 */
export const WEEKLY_RULE = '2';

/** Whether the stored weekly tables were built by an older rule (start-up then rebuilds them). */
export async function weeklyRuleOutdated(db: Db): Promise<boolean> {
	if ((await storedWeeklyRule(db)) === WEEKLY_RULE) return false;
	const built = await anyCategoryWeek(db);
	if (!built) await markWeeklyRule(db);
	return built;
}

async function markWeeklyRule(db: Db): Promise<void> {
	await saveWeeklyRule(db, WEEKLY_RULE);
}

interface Bucket {
	units: number;
	low: number;
	high: number;
	variance: number;
	/** Each listing adds to a bucket at most once per week, so a counter is enough. */
	listings: number;
	bucketed: boolean;
	/** Units spread over a snapshot gap (the week is an estimate when they are over a quarter). */
	spread: number;
}

/** Rebuilds the weekly aggregates of the given categories (all categories with listings when omitted). */
export async function refreshCategoryWeekly(db: Db, categoryIds?: number[]): Promise<number> {
	const ids = categoryIds ?? (await categoriesWithListings(db));
	const range = await snapshotRange(db);
	if (!range.first || !range.last) return 0;
	const weeks = weekRange(weekStart(range.first), weekStart(range.last));
	const weekIndex = new Map(weeks.map((w, i) => [w, i]));


	let written = 0;
	for (const categoryId of ids) {
		// marketplace|province → week → bucket
		const buckets = new Map<string, Map<string, Bucket>>();
		const add = (key: string, points: WeekPoint[]) => {
			let byWeek = buckets.get(key);
			if (!byWeek) buckets.set(key, (byWeek = new Map()));
			for (const p of points) {
				// Weeks this listing's snapshots do not cover say nothing (no row, not a zero).
				if (!p.observed) continue;
				let b = byWeek.get(p.weekStart);
				if (!b) byWeek.set(p.weekStart, (b = { units: 0, low: 0, high: 0, variance: 0, listings: 0, bucketed: false, spread: 0 }));
				b.units += p.units;
				b.low += p.low;
				b.high += p.high;
				b.variance += p.variance;
				b.listings++;
				b.bucketed ||= p.bucketed;
				if (p.interpolated) b.spread += p.units;
			}
		};
		// No ORDER BY (it cost a temporary sort of every snapshot): rows are gathered per listing
		// here and weeklyDemand sorts each listing's snapshots by date itself.
		const perListing = new Map<number, { key: string; marketplaceId: string; snaps: SoldSnapshot[] }>();
		for await (const batch of categorySoldSnapshots(db, categoryId))
			for (const [listingId, observedAt, sold, lowerBound, marketplaceId, provinceCode] of batch) {
				let entry = perListing.get(listingId);
				if (!entry) perListing.set(listingId, (entry = { key: `${marketplaceId}|${provinceCode}`, marketplaceId, snaps: [] }));
				entry.snaps.push({ observedAt, sold, lowerBound: lowerBound === 1 });
			}
		for (const { key, marketplaceId, snaps } of perListing.values()) {
			if (snaps.length < 2) continue;
			let first = snaps[0].observedAt;
			let last = first;
			for (const s of snaps) {
				if (s.observedAt < first) first = s.observedAt;
				if (s.observedAt > last) last = s.observedAt;
			}
			// Only the weeks this listing was observed in can hold its sales.
			const span = weeks.slice(weekIndex.get(weekStart(first)) ?? 0, (weekIndex.get(weekStart(last)) ?? weeks.length - 1) + 1);
			add(key, weeklyDemand(snaps, span, { marketplaceId }));
		}
		// IMMEDIATE: take the write lock first (waiting for it), so a server's small write between
		// our read and our write cannot fail this transaction with SQLITE_BUSY.
		await transaction(db, async (tx) => {
		const write = categoryWeeklyWriters(tx);
				await write.clear(categoryId);
				for (const [key, byWeek] of buckets) {
					const [marketplaceId, provinceCode] = key.split('|');
					for (const [week, b] of byWeek) {
						await write.week({
							categoryId,
							marketplaceId,
							provinceCode,
							weekStart: week,
							units: Math.round(b.units),
							unitsLow: b.low,
							unitsHigh: b.high,
							variance: b.variance,
							listings: b.listings,
							lowerBound: b.bucketed,
							interpolated: b.spread > INTERPOLATED_SHARE * b.units
						});
						written++;
					}
				}
				await write.flush();
			});
	}
	// A rebuild of every category leaves no table of an older rule behind.
	if (!categoryIds) await markWeeklyRule(db);
	await bumpMarketVersion(db);
	return written;
}
