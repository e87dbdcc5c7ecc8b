// Competitor weekly demand, computed in this one place: each competitor listing's weekly sales
// from its cumulative sold counter (analysis/demand.ts weeklyDemand), read from its snapshots in
// one ordered pass. refreshCompetitorWeekly sums them per product into competitor_weekly_demand
// (the series every surface's demand call reads, db/weekly-demand.ts); the market part takes the
// same per-listing weeks for the sold weights behind "harga yang paling banyak dibeli".
import { removeOutliers } from '$lib/analysis/prices';
import { sumWeekly, weekRange, weeklyDemand, type SoldSnapshot, type WeekPoint } from '$lib/analysis/demand';
import { unitPrice } from '$lib/analysis/units';
import type { Db } from '../db';
import { allProductIds } from '../db/products';
import { competitorListings, competitorWeeklyWriters, soldSnapshotsOf } from '../db/queries/derive/competitor-weekly';
import { marketWeeks } from '../db/weekly-demand';
import { transaction } from '../db/run';

export interface CompetitorListing {
	id: number;
	marketplaceId: string;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	lastSeenAt: string;
	soldCount: number | null;
	soldLowerBound: boolean;
	unitPrice: number;
}

/**
 * The product's comparable listings: its stored competitor set minus placeholder and wholesale
 * prices (removeOutliers on log unit price), in rank order. The one rule the dashboard, the
 * weekly series and the alerts compare with.
 */
export async function keptCompetitors(db: Db, productId: number): Promise<{ kept: CompetitorListing[]; removed: CompetitorListing[] }> {
	const priced = (await competitorListings(db, productId)).map((r) => ({ ...r, unitPrice: unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit }).value }));
	return removeOutliers(priced, (r) => r.unitPrice);
}

/**
 * Each listing's weekly demand over `weeks`, from all its sold snapshots (listings with fewer
 * than two have no weekly history and are left out). The marketplace picks each counter's bucket
 * ladder. One ordered pass, in chunks to stay under SQLite's parameter limit.
 */
export async function listingWeeklyDemand(db: Db, listingIds: number[], weeks: string[]): Promise<Map<number, WeekPoint[]>> {
	const out = new Map<number, WeekPoint[]>();
	const ids = [...new Set(listingIds)].sort((a, b) => a - b);
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		let current: { id: number; marketplaceId: string; snaps: SoldSnapshot[] } | null = null;
		const flush = () => {
			if (current && current.snaps.length > 1) out.set(current.id, weeklyDemand(current.snaps, weeks, { marketplaceId: current.marketplaceId }));
		};
		for await (const batch of soldSnapshotsOf(db, chunk))
			for (const [listingId, observedAt, sold, lowerBound, marketplaceId] of batch) {
				if (!current || current.id !== listingId) {
					flush();
					current = { id: listingId, marketplaceId, snaps: [] };
				}
				current.snaps.push({ observedAt, sold, lowerBound: Boolean(lowerBound) });
			}
		flush();
	}
	return out;
}

/**
 * Rebuilds competitor_weekly_demand for the given products (all products when omitted), over the
 * market's observed span. Products of one category share most of their listings, so each
 * listing's weekly demand is computed once per call and summed into every set it belongs to.
 */
export async function refreshCompetitorWeekly(db: Db, productIds?: number[]): Promise<number> {
	const ids = productIds ?? (await allProductIds(db));
	if (ids.length === 0) return 0;
	const span = await marketWeeks(db);
	const weeks = span ? weekRange(span.first, span.last) : [];
	// One product after another: `db` may be a transaction, one PostgreSQL connection, which takes
	// one query at a time.
	const kept = new Map<number, number[]>();
	for (const id of ids) kept.set(id, (await keptCompetitors(db, id)).kept.map((r) => r.id));
	const perListing = await listingWeeklyDemand(db, [...kept.values()].flat(), weeks);

	let written = 0;
	await transaction(db, async (tx) => {
		const write = competitorWeeklyWriters(tx);
			for (const [productId, listingIds] of kept) {
				const series = listingIds.map((id) => perListing.get(id)).filter((s): s is WeekPoint[] => s !== undefined);
				await write.clear(productId);
				for (const p of series.length ? sumWeekly(series) : []) {
					// Only weeks the snapshots cover get a row: no row is no bar, not a zero.
					if (p.observed === false) continue;
					await write.week({
						productId,
						weekStart: p.weekStart,
						units: Math.round(p.units),
						unitsLow: p.low,
						unitsHigh: p.high,
						variance: p.variance,
						listings: p.listings ?? 0,
						lowerBound: Boolean(p.bucketed),
						interpolated: Boolean(p.interpolated)
					});
					written++;
				}
			}
			await write.flush();
		});
	return written;
}
