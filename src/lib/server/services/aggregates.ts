// Weekly units sold per category × marketplace × province, summed from each listing's
// cumulative sold counter (see analysis/demand.ts). Dashboards and /tren read this table
// instead of walking millions of snapshots. Refreshed per category, so an import that
// touched three categories rebuilds three categories, not the market.
import { weekRange, weekStart, weeklyDemand, type SoldSnapshot, type WeekPoint } from '$lib/analysis/demand';
import type { Db } from '../db';

interface Bucket {
	units: number;
	listings: Set<number>;
	lowerBound: boolean;
	interpolated: boolean;
}

/** Rebuilds the weekly aggregates of the given categories (all categories with listings when omitted). */
export function refreshCategoryWeekly(db: Db, categoryIds?: number[]): number {
	const client = db.$client;
	const ids =
		categoryIds ??
		(client.prepare('select distinct category_id from listings where category_id is not null').pluck().all() as number[]);
	const range = client.prepare('select min(observed_at) as first, max(observed_at) as last from listing_snapshots').get() as {
		first: string | null;
		last: string | null;
	};
	if (!range.first || !range.last) return 0;
	const weeks = weekRange(weekStart(range.first), weekStart(range.last));

	const snapshotsOf = client.prepare(
		`select s.listing_id as listingId, s.observed_at as observedAt, s.sold_count as sold, s.sold_lower_bound as lowerBound,
		        l.marketplace_id as marketplaceId, coalesce(substr(l.region_code, 1, 2), '') as provinceCode
		 from listing_snapshots s join listings l on l.id = s.listing_id
		 where l.category_id = ? and s.sold_count is not null
		 order by s.listing_id, s.observed_at`
	);
	const del = client.prepare('delete from category_weekly_demand where category_id = ?');
	const ins = client.prepare(
		`insert into category_weekly_demand (category_id, marketplace_id, province_code, week_start, units, listings, lower_bound, interpolated)
		 values (?, ?, ?, ?, ?, ?, ?, ?)`
	);

	let written = 0;
	for (const categoryId of ids) {
		const buckets = new Map<string, Bucket>();
		const add = (listingId: number, key: string, points: WeekPoint[]) => {
			for (const p of points) {
				if (p.units === 0 && !p.interpolated) continue;
				const k = `${key}|${p.weekStart}`;
				let b = buckets.get(k);
				if (!b) buckets.set(k, (b = { units: 0, listings: new Set(), lowerBound: false, interpolated: false }));
				b.units += p.units;
				b.listings.add(listingId);
				b.lowerBound ||= p.lowerBound;
				b.interpolated ||= p.interpolated;
			}
		};
		let current: { id: number; key: string; snaps: SoldSnapshot[] } | null = null;
		const flush = () => {
			if (current && current.snaps.length > 1) add(current.id, current.key, weeklyDemand(current.snaps, weeks));
		};
		for (const row of snapshotsOf.iterate(categoryId) as Iterable<{
			listingId: number;
			observedAt: string;
			sold: number;
			lowerBound: number;
			marketplaceId: string;
			provinceCode: string;
		}>) {
			if (!current || current.id !== row.listingId) {
				flush();
				current = { id: row.listingId, key: `${row.marketplaceId}|${row.provinceCode}`, snaps: [] };
			}
			current.snaps.push({ observedAt: row.observedAt, sold: row.sold, lowerBound: Boolean(row.lowerBound) });
		}
		flush();
		client.transaction(() => {
			del.run(categoryId);
			for (const [k, b] of buckets) {
				const [marketplaceId, provinceCode, week] = k.split('|');
				ins.run(categoryId, marketplaceId, provinceCode, week, Math.round(b.units), b.listings.size, b.lowerBound ? 1 : 0, b.interpolated ? 1 : 0);
				written++;
			}
		})();
	}
	return written;
}
