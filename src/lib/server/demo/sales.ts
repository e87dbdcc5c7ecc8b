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
import { insertDemoCoopSettingsIfMissing, prepareInsertDemoSale, prepareInsertMemberCapacity, weeklyUnitsOfListings } from '../db/queries/demo/sales';
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
export async function seedDemoSales(db: Db, rng: Rng, input: SalesSeedInput): Promise<number> {
	const { dates, leafFactors, products, recordedAt } = input;
	const weeks = dates.length - 1;
	const marketRates = new Map<string, number>();
	const insertSale = prepareInsertDemoSale(db);
	const insertCapacity = prepareInsertMemberCapacity(db);
	// The demo co-ops' own guess for a member without a sales book: 2 of every 100, about what their
	// members sell (the app's default of 5 is meant for a co-op that has not thought about it yet).
	for (const coopId of new Set(products.map((p) => p.cooperativeId))) await insertDemoCoopSettingsIfMissing(db, coopId, recordedAt);
	let recorded = 0;
	for (const p of products) {
		const r = rng.fork(p.productId);
		const key = p.comparable.join(',');
		let market = marketRates.get(key);
		// The comparable listings' units per week, from their counters' first and last snapshots (a
		// bucketed counter makes it a lower bound, which is what the market looks like to the app too).
		if (market === undefined) marketRates.set(key, (market = await weeklyUnitsOfListings(db, p.comparable)));
		const factors = leafFactors.get(p.leaf)!;
		const mean = factors.reduce((a, b) => a + b, 0) / Math.max(1, factors.length);
		// The member's usual week: her share of the market's usual week (a slow craft sells one every few weeks).
		const usual = Math.max(0.3, ((r.pick(SHARES) / 100) * market) / Math.max(mean, 1e-9));
		await insertCapacity.run({
			cooperativeId: p.cooperativeId,
			productId: p.productId,
			capacityPerWeek: Math.max(1, Math.round(usual * r.weighted(CAPACITY, [0.25, 0.3, 0.3, 0.15]))),
			updatedAt: recordedAt
		});

		// Which weeks she recorded: [from, to), last complete week excluded from `to` when she stopped.
		const kind = r.weighted(['none', 'short', 'stopped', 'steady'] as const, [0.12, 0.08, 0.1, 0.7]);
		if (kind === 'none') continue;
		const from = kind === 'short' ? weeks - r.int(3, 7) : r.int(0, 55);
		const to = kind === 'stopped' ? weeks - r.int(6, 10) : weeks;
		for (let i = Math.max(0, from); i < to; i++) {
			if (r.chance(0.04)) continue; // a week she forgot
			const units = Math.max(0, Math.round(usual * factors[i] * Math.exp(r.normal(0, 0.2))));
			await insertSale.run({ productId: p.productId, weekStart: dates[i], units, recordedAt });
			recorded++;
		}
	}
	return recorded;
}
