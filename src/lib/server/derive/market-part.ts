// A product dashboard's market part: everything of it that depends on market data only — the
// competitor set's prices, weekly demand, price history, review themes and alert inputs. It is the
// expensive part (tens of thousands of snapshots), so it is built here and stored per product
// (product_market): by refreshDerived in the same transaction as the competitor set it reads,
// and by the background writer for any product without a current one. A request reads that row
// (read/dashboard.ts) and adds the producer's own price and today's date.
import { demandCall, type DemandCall } from '$lib/analysis/demand-call';
import { addWeeks, weekRange, weekStart, type WeekPoint } from '$lib/analysis/demand';
import { percentile, priceStats, type PriceStats } from '$lib/analysis/prices';
import type { LeftOutReason } from '$lib/analysis/narrate-competitors';
import { unitPrice } from '$lib/analysis/units';
import type { Db } from '../db';
import { allProductIds, getProduct, type ProductDetail } from '../db/products';
import { competitorSetBuilt, competitorSetCount, competitorSnapshotsSince, saveMarketPart } from '../db/queries/derive/market-part';
import { categoryDemand, competitorDemand, type StoredWeek } from '../db/weekly-demand';
import { alertInputs, type AlertInputs } from './alert-inputs';
import { keptCompetitors, listingWeeklyDemand } from './competitor-weekly';
import { reviewSummary, type ReviewSummary } from './review-summary';
import { transaction } from '../db/run';

/** Weeks shown in the demand chart, and the window behind "most bought" prices. */
const DEMAND_WEEKS = 26;
const SOLD_WEIGHT_WEEKS = 12;

const MARKETPLACE_NAMES: Record<string, string> = {
	shopee: 'Shopee',
	tokopedia: 'Tokopedia',
	lazada: 'Lazada',
	tiktok: 'TikTok Shop',
	blibli: 'Blibli',
	bukalapak: 'Bukalapak'
};

interface SnapshotRow {
	listingId: number;
	observedAt: string;
	price: number;
	sold: number | null;
}

async function readSnapshots(db: Db, productId: number, since: string): Promise<SnapshotRow[]> {
	return await competitorSnapshotsSince(db, productId, since);
}

/** How the stored set was built: listings of the kind found, and those left out per reason (derive/competitors.ts). */
export interface SetSummary {
	candidates: number;
	leftOut: Record<Exclude<LeftOutReason, 'outlier'>, number>;
}

async function setSummary(db: Db, productId: number): Promise<SetSummary> {
	const row = await competitorSetBuilt(db, productId);
	const none = { 'no-size': 0, conflict: 0, 'other-unit': 0, removed: 0 };
	return row ? { candidates: row.candidates, leftOut: { ...none, ...(JSON.parse(row.leftOut) as SetSummary['leftOut']) } } : { candidates: 0, leftOut: none };
}

/** The last DEMAND_WEEKS weeks of a series ending at `last` (its last observed week). */
function lastWeeksUpTo(series: StoredWeek[], last: string | null): StoredWeek[] {
	if (last === null) return [];
	const end = series.findIndex((w) => w.weekStart === last) + 1;
	return series.slice(Math.max(0, end - DEMAND_WEEKS), end);
}

/** Bumped when MarketPart's shape or meaning changes: stored rows of another version are rebuilt. */
// 2: the review part counts star ratings without texts and "tidak jelas" reviews apart.
// 3: weekly demand as intervals (low/high, bucket variance), weeks ending at the last observed one.
export const MARKET_PART_VERSION = 3;

/** Everything of a dashboard that depends on market data only (see the file comment). */
export interface MarketPart {
	compared: number;
	/** Price outliers among the stored set. */
	removed: number;
	/** Listings of the product's kind, and those left out before prices were compared. */
	set: SetSummary;
	dataUntil: string | null;
	/** The kept competitors' unit prices, in rank order. */
	unitPrices: number[];
	stats: PriceStats | null;
	marketplaces: string[];
	history: { month: string; middle: number; n: number }[];
	observedFrom: string | null;
	/** Listings with a sold counter in the window. */
	demandListings: number;
	/** The compared listings' latest counters added up: what is known without weekly history. */
	soldSoFar: { count: number; lowerBound: boolean; listings: number } | null;
	/** THE demand call of this product (db/weekly-demand competitorDemand → demandCall). */
	demand: DemandCall;
	/** The competitor set's last DEMAND_WEEKS weeks up to its last observed week (the chart's bars). */
	competitorWeekly: StoredWeek[];
	/** The category's call (the same as /tren's) and its weeks matching competitorWeekly. */
	categoryDemand: DemandCall;
	categoryWeekly: { weekStart: string; units: number; observed: boolean }[];
	reviews: ReviewSummary;
	alerts: AlertInputs;
}

/** The market part, computed from the stored competitor set, snapshots, aggregates and reviews. */
export async function computeMarketPart(db: Db, product: ProductDetail, today = new Date().toISOString().slice(0, 10)): Promise<MarketPart> {
	const { kept, removed } = await keptCompetitors(db, product.id);
	const keptIds = kept.map((r) => r.id);
	const dataUntil = kept.reduce<string | null>((max, r) => (max === null || r.lastSeenAt > max ? r.lastSeenAt : max), null);
	// Without any compared listing the category's weeks end at today: such a part depends on the
	// date, so the dashboard recomputes it per read (it reads no snapshots then, so it is cheap).
	const endWeek = weekStart(dataUntil ?? today);

	// One read of the compared listings' snapshots for the last 13 months serves the price history
	// and the count of listings with a sold counter.
	const since = addWeeks(endWeek, -56);
	const snapshots = keptIds.length ? (await readSnapshots(db, product.id, since)) : [];
	const keptById = new Map(kept.map((r) => [r.id, r]));
	const withCounter = new Set<number>();
	const monthly = new Map<string, number[]>();
	for (const s of snapshots) {
		const listing = keptById.get(s.listingId);
		if (!listing) continue;
		if (s.sold !== null) withCounter.add(s.listingId);
		const month = s.observedAt.slice(0, 7);
		let prices = monthly.get(month);
		if (!prices) monthly.set(month, (prices = []));
		prices.push(unitPrice(s.price, { quantity: listing.packQuantity, unit: listing.unit }).value);
	}
	// The sold weights of "harga yang paling banyak dibeli": each listing's sales over the last
	// SOLD_WEIGHT_WEEKS weeks, by the one computation of competitor demand (competitor-weekly.ts).
	const weightWeeks = weekRange(addWeeks(endWeek, -(SOLD_WEIGHT_WEEKS - 1)), endWeek);
	const weeklyByListing = keptIds.length ? await listingWeeklyDemand(db, keptIds, weightWeeks) : new Map<number, WeekPoint[]>();
	const recentUnits = (listingId: number) => (weeklyByListing.get(listingId) ?? []).reduce((sum, p) => sum + p.units, 0);

	const unitPrices = kept.map((r) => r.unitPrice);
	const stats = kept.length ? priceStats(unitPrices, kept.map((r) => recentUnits(r.id))) : null;
	const marketplaces = [...new Set(kept.map((r) => MARKETPLACE_NAMES[r.marketplaceId] ?? r.marketplaceId))].sort();
	const months = [...monthly.keys()].sort().slice(-12);
	const history = months.map((month) => {
		const prices = monthly.get(month)!.sort((a, b) => a - b);
		return { month, middle: Math.round(percentile(prices, 0.5)), n: prices.length };
	});
	const observedFrom = snapshots.length ? snapshots.reduce((m, s) => (s.observedAt < m ? s.observedAt : m), snapshots[0].observedAt) : null;

	// Demand: the one stored series of the competitor set (the same every surface reads), its call
	// on the whole series, and its last weeks for the chart; the category likewise, as /tren has it.
	const competitorAll = await competitorDemand(db, product.id);
	const demand = demandCall(competitorAll);
	const competitorWeekly = lastWeeksUpTo(competitorAll, demand.lastWeek);
	const categoryAll = await categoryDemand(db, product.categoryId);
	const categoryCall = demandCall(categoryAll);
	const categoryByWeek = new Map(categoryAll.map((w) => [w.weekStart, w]));
	// The category line follows the bars' weeks; without bars (no history yet), its own last weeks.
	const axis = competitorWeekly.length ? competitorWeekly : lastWeeksUpTo(categoryAll, categoryCall.lastWeek);
	const categoryWeekly = axis.map((w) => {
		const c = categoryByWeek.get(w.weekStart);
		return { weekStart: w.weekStart, units: c?.units ?? 0, observed: c?.observed ?? false };
	});
	const counters = kept.filter((r) => r.soldCount !== null);
	const soldSoFar = counters.length
		? { count: counters.reduce((sum, r) => sum + (r.soldCount ?? 0), 0), lowerBound: counters.some((r) => r.soldLowerBound), listings: counters.length }
		: null;

	return {
		compared: kept.length,
		removed: removed.length,
		set: await setSummary(db, product.id),
		dataUntil,
		unitPrices,
		stats,
		marketplaces,
		history,
		observedFrom,
		demandListings: withCounter.size,
		soldSoFar,
		demand,
		competitorWeekly,
		categoryDemand: categoryCall,
		categoryWeekly,
		reviews: await reviewSummary(db, keptIds, product.categoryName),
		alerts: await alertInputs(db, product.id, keptIds, demand)
	};
}

/** What a stored market part was built from: the competitor set (count and id sum) and the category. */
export async function marketSignature(db: Db, product: ProductDetail): Promise<string> {
	const set = await competitorSetCount(db, product.id);
	// What was left out belongs to the card too: an agent's removal or a new listing without a size changes it.
	const built = await competitorSetBuilt(db, product.id);
	return `${MARKET_PART_VERSION}:${product.categoryId}:${product.unitFamily}:${set.n}:${set.s}:${built ? `${built.candidates}:${built.leftOut}` : ''}`;
}

/** Rebuilds the stored market parts of these products (all when omitted); refreshDerived calls it. */
export async function refreshProductMarket(db: Db, productIds?: number[]): Promise<number> {
	const ids = productIds ?? (await allProductIds(db));
	const today = new Date().toISOString().slice(0, 10);
	let built = 0;
	const run = async (db: Db, chunk: number[]) => {
		for (const id of chunk) {
			const product = await getProduct(db, id);
			if (!product) continue;
			const part = await computeMarketPart(db, product, today);
			await saveMarketPart(db, { productId: product.id, signature: await marketSignature(db, product), data: JSON.stringify(part), builtAt: new Date().toISOString() });
			built++;
		}
	};
	// Small transactions: a long refresh never holds the write lock for long.
	for (let i = 0; i < ids.length; i += 50) await transaction(db, async (tx) => run(tx, ids.slice(i, i + 50)));
	return built;
}
