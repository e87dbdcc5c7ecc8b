// The demo producers' sales books and capacities (issue 14), generated with the market: each
// member product sells a share of what its comparable listings sell (0,8 to 6 of every 100), week
// by week on its leaf's own demand shape — the same Lebaran, Harbolnas and school weeks and the
// same good and bad weeks as the market — with noise of its own. Most products recorded every
// week for months; some never did, some only began a few weeks ago (the plan then falls back on
// the co-op's share), some stopped a while ago (the agent's list of who has not recorded sales
// for a month), and a few weeks here and there were missed. Capacity is what the member can make
// in a week: for most above their usual sales, for some barely above, so a Lebaran plan finds
// members who must start now or cannot meet the season. Deterministic: a fork of the seed's rng.
import type { Db } from '../db';
import type { Rng } from './prng';

export interface MadeProduct {
	productId: number;
	cooperativeId: number;
	/** The leaf (category slug) whose weekly demand shape it shares. */
	leaf: string;
	/** Its comparable listings, as the seed found them (derive/competitors.ts's rule). */
	comparable: number[];
}

export interface SalesSeedInput {
	/** The observation Mondays; sales week i runs from dates[i] to dates[i + 1]. */
	dates: string[];
	/** Per leaf, the demand multiplier of each sales week (season.ts leafWeekFactors). */
	leafFactors: Map<string, Float64Array>;
	products: MadeProduct[];
	/** The instant written as recorded_at (the seed's `now`, so two seeds compare equal). */
	recordedAt: string;
}

const SHARES = [0.8, 1.5, 2.5, 4, 6];
// Capacity over the member's usual weekly sales: tight (cannot meet a Lebaran plan in time),
// just enough if she starts now, comfortable, plenty.
const CAPACITY = [1.2, 1.6, 2.2, 3.5];

/** Writes the sales books and member capacities; returns how many weeks were recorded. */
export function seedDemoSales(db: Db, rng: Rng, input: SalesSeedInput): number {
	const client = db.$client;
	const { dates, leafFactors, products, recordedAt } = input;
	const weeks = dates.length - 1;
	// The comparable listings' units per week, from their counters' first and last snapshots (a
	// bucketed counter makes it a lower bound, which is what the market looks like to the app too).
	const rate = client.prepare(
		`select coalesce(sum((s2.sold_count - s1.sold_count) * 1.0 / max(1, (julianday(s2.observed_at) - julianday(s1.observed_at)) / 7)), 0)
		 from (select listing_id, min(observed_at) as first, max(observed_at) as last from listing_snapshots
		       where listing_id in (select value from json_each(?)) group by listing_id) span
		 join listing_snapshots s1 on s1.listing_id = span.listing_id and s1.observed_at = span.first
		 join listing_snapshots s2 on s2.listing_id = span.listing_id and s2.observed_at = span.last
		 where s1.sold_count is not null and s2.sold_count is not null`
	);
	const marketRates = new Map<string, number>();
	const insertSale = client.prepare(`insert into sales (product_id, week_start, units, source, recorded_at) values (?, ?, ?, 'demo', ?)`);
	const insertCapacity = client.prepare(
		`insert into coop_member_plans (cooperative_id, product_id, capacity_per_week, share_pct, updated_at) values (?, ?, ?, null, ?)`
	);
	// The demo co-ops' own guess for a member without a sales book: 2 of every 100, about what their
	// members sell (the app's default of 5 is meant for a co-op that has not thought about it yet).
	const settings = client.prepare(
		`insert or ignore into coop_settings (cooperative_id, lead_time_weeks, market_share_pct, run_weeks, buy_days_before, updated_at) values (?, 3, 2, 6, 7, ?)`
	);
	for (const coopId of new Set(products.map((p) => p.cooperativeId))) settings.run(coopId, recordedAt);
	let recorded = 0;
	for (const p of products) {
		const r = rng.fork(p.productId);
		const key = p.comparable.join(',');
		let market = marketRates.get(key);
		if (market === undefined) marketRates.set(key, (market = rate.pluck().get(JSON.stringify(p.comparable)) as number));
		const factors = leafFactors.get(p.leaf)!;
		const mean = factors.reduce((a, b) => a + b, 0) / Math.max(1, factors.length);
		// The member's usual week: her share of the market's usual week (a slow craft sells one every few weeks).
		const usual = Math.max(0.3, ((r.pick(SHARES) / 100) * market) / Math.max(mean, 1e-9));
		insertCapacity.run(p.cooperativeId, p.productId, Math.max(1, Math.round(usual * r.weighted(CAPACITY, [0.25, 0.3, 0.3, 0.15]))), recordedAt);

		// Which weeks she recorded: [from, to), last complete week excluded from `to` when she stopped.
		const kind = r.weighted(['none', 'short', 'stopped', 'steady'] as const, [0.12, 0.08, 0.1, 0.7]);
		if (kind === 'none') continue;
		const from = kind === 'short' ? weeks - r.int(3, 7) : r.int(0, 55);
		const to = kind === 'stopped' ? weeks - r.int(6, 10) : weeks;
		for (let i = Math.max(0, from); i < to; i++) {
			if (r.chance(0.04)) continue; // a week she forgot
			const units = Math.max(0, Math.round(usual * factors[i] * Math.exp(r.normal(0, 0.2))));
			insertSale.run(p.productId, dates[i], units, recordedAt);
			recorded++;
		}
	}
	return recorded;
}
