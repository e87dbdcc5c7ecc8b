// The producer's product dashboard: reads the product, its stored competitor set, their
// snapshots and reviews, and hands the numbers to the pure analysis core. Everything the
// page and the `product.dashboard` procedure show comes from here.
//
// It is computed in two parts. The market part (computeMarketPart) depends only on market data:
// the competitor set's prices, weekly demand, price history, review themes and alert inputs.
// It is the expensive part (tens of thousands of snapshots), so it is stored per product
// (product_market): rebuilt by refreshDerived in the same transaction as the competitor set it
// reads, built at start-up for any product without one; a request reads that row. The rest
// (assembleDashboard) depends on the producer's own price and on today's date, and is cheap.
// productDashboardLive skips the stored row: tests check both agree.
import { addDays, nextEvents, weeksUntil } from '$lib/analysis/calendar';
import { isStale } from '$lib/analysis/freshness';
import { demandCall, type DemandCall } from '$lib/analysis/demand-call';
import { addWeeks, weekRange, weekStart, weeklyDemand, type SoldSnapshot } from '$lib/analysis/demand';
import { advise } from '$lib/analysis/advice';
import { dataDateSentence } from '$lib/analysis/freshness';
import {
	comparedWithSentence,
	notEnoughDataSentence,
	soldSoFarSentence,
	peakSentence,
	pricePositionSentence,
	priceRangeSentence,
	ratingSentence
} from '$lib/analysis/narrate';
import { ownPack, packPhrase, soldByThePiece } from '$lib/analysis/own-pack';
import { MIN_COMPARABLE, percentile, pricePosition, priceStats, removeOutliers, suggestPriceRange, type PriceStats } from '$lib/analysis/prices';
import { closestSentence, leftOutLines, leftOutSentences, type LeftOutReason } from '$lib/analysis/narrate-competitors';
import { unitPrice } from '$lib/analysis/units';
import type { ProductDashboard } from '$lib/dashboard-types';
import { formatDate, formatDateRange, formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import { assertProduct } from '../auth/access';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { cached, tryCacheWrite } from '../db/statements';
import { alertInputs, alertsFromInputs, type AlertInputs } from './alerts';
import { refreshCompetitors } from '../derive/competitors';
import { getProduct, type ProductDetail } from '../db/products';
import { reviewHeadline, reviewSummary, type ReviewSummary } from '../derive/review-summary';
import { categoryDemand, competitorDemand, type StoredWeek } from '../db/weekly-demand';

/** Weeks shown in the demand chart, and the window behind "most bought" prices. */
const DEMAND_WEEKS = 26;
const SOLD_WEIGHT_WEEKS = 12;
// Data older than STALE_DAYS raises no alerts, gives no price or stock advice and is marked
// "data sudah lama": one rule for every surface, in analysis/freshness.ts.
export { STALE_DAYS } from '$lib/analysis/freshness';

const MARKETPLACE_NAMES: Record<string, string> = {
	shopee: 'Shopee',
	tokopedia: 'Tokopedia',
	lazada: 'Lazada',
	tiktok: 'TikTok Shop',
	blibli: 'Blibli',
	bukalapak: 'Bukalapak'
};

interface CompetitorRow {
	id: number;
	marketplaceId: string;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	lastSeenAt: string;
	soldCount: number | null;
	soldLowerBound: number;
}

interface SnapshotRow {
	listingId: number;
	observedAt: string;
	price: number;
	sold: number | null;
	lowerBound: number;
}

function competitorRows(db: Db, product: ProductDetail): CompetitorRow[] {
	const read = () =>
		cached(
			db,
			`select l.id, l.marketplace_id as marketplaceId, l.price, l.pack_quantity as packQuantity, l.unit, l.last_seen_at as lastSeenAt,
			        l.sold_count as soldCount, l.sold_lower_bound as soldLowerBound
			 from product_competitors pc join listings l on l.id = pc.listing_id
			 where pc.product_id = ? order by pc.rank`
		).all(product.id) as CompetitorRow[];
	let rows = read();
	if (rows.length === 0 && !cached(db, 'select 1 from competitor_sets where product_id = ?').get(product.id)) {
		// Never computed (a product added before its first refresh): compute and store it now —
		// unless an import holds the write lock: then this view shows too little data, not a frozen server.
		// A set built empty (no listing of the product's kind yet) is not rebuilt on every view.
		if (tryCacheWrite(db, () => refreshCompetitors(db, [product.id]))) rows = read();
	}
	return rows;
}

// Raw rows (arrays) are much cheaper to build than objects for tens of thousands of snapshots.
function readSnapshots(db: Db, productId: number, since: string): SnapshotRow[] {
	const rows = cached(
		db,
		`select s.listing_id, s.observed_at, s.price, s.sold_count, s.sold_lower_bound
		 from product_competitors pc join listing_snapshots s on s.listing_id = pc.listing_id
		 where pc.product_id = ? and s.observed_at >= ? order by s.listing_id, s.observed_at`
	)
		.raw(true)
		.all(productId, since) as [number, string, number, number | null, number][];
	return rows.map(([listingId, observedAt, price, sold, lowerBound]) => ({ listingId, observedAt, price, sold, lowerBound }));
}

/** The product's comparable listings, with placeholder and wholesale prices removed on log unit price. */
export function comparableListings(db: Db, product: ProductDetail) {
	const all = competitorRows(db, product).map((r) => ({ ...r, unitPrice: unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit }).value }));
	return removeOutliers(all, (r) => r.unitPrice);
}

/** How the stored set was built: listings of the kind found, and those left out per reason (services/competitors.ts). */
export interface SetSummary {
	candidates: number;
	leftOut: Record<Exclude<LeftOutReason, 'outlier'>, number>;
}

function setSummary(db: Db, productId: number): SetSummary {
	const row = cached(db, 'select candidates, left_out as leftOut from competitor_sets where product_id = ?').get(productId) as
		| { candidates: number; leftOut: string }
		| undefined;
	const none = { 'no-size': 0, conflict: 0, 'other-unit': 0, removed: 0 };
	return row ? { candidates: row.candidates, leftOut: { ...none, ...(JSON.parse(row.leftOut) as SetSummary['leftOut']) } } : { candidates: 0, leftOut: none };
}

/** "Kata pembeli" of a product: the reviews of its comparable listings. */
export function productReviewSummary(db: Db, id: number) {
	const product = getProduct(db, id);
	if (!product) return null;
	return reviewSummary(db, comparableListings(db, product).kept.map((r) => r.id), product.categoryName);
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
const MARKET_PART_VERSION = 3;

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
	/** THE demand call of this product (services/trends-series competitorDemand → demandCall). */
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
export function computeMarketPart(db: Db, product: ProductDetail, today = new Date().toISOString().slice(0, 10)): MarketPart {
	const { kept, removed } = comparableListings(db, product);
	const keptIds = kept.map((r) => r.id);
	const dataUntil = kept.reduce<string | null>((max, r) => (max === null || r.lastSeenAt > max ? r.lastSeenAt : max), null);
	// Without any compared listing the category's weeks end at today: such a part depends on the
	// date, so marketPart recomputes it per request (it reads no snapshots then, so it is cheap).
	const endWeek = weekStart(dataUntil ?? today);

	// One read of the compared listings' snapshots for the last 13 months serves the price
	// history, the weekly demand and the sold weights.
	const since = addWeeks(endWeek, -56);
	const snapshots = keptIds.length ? readSnapshots(db, product.id, since) : [];
	const keptById = new Map(kept.map((r) => [r.id, r]));
	const weeks = weekRange(since, endWeek);
	const perListing = new Map<number, SoldSnapshot[]>();
	const marketplaceOf = new Map(kept.map((r) => [r.id, r.marketplaceId]));
	const monthly = new Map<string, number[]>();
	for (const s of snapshots) {
		const listing = keptById.get(s.listingId);
		if (!listing) continue;
		if (s.sold !== null) {
			let list = perListing.get(s.listingId);
			if (!list) perListing.set(s.listingId, (list = []));
			list.push({ observedAt: s.observedAt, sold: s.sold, lowerBound: Boolean(s.lowerBound) });
		}
		const month = s.observedAt.slice(0, 7);
		let prices = monthly.get(month);
		if (!prices) monthly.set(month, (prices = []));
		prices.push(unitPrice(s.price, { quantity: listing.packQuantity, unit: listing.unit }).value);
	}
	// Per listing only for the sold weights of "harga yang paling banyak dibeli".
	const weeklyByListing = new Map(
		[...perListing].map(([listingId, snaps]) => [listingId, weeklyDemand(snaps, weeks, { marketplaceId: marketplaceOf.get(listingId) })] as const)
	);
	const recentUnits = (listingId: number) =>
		(weeklyByListing.get(listingId) ?? []).slice(-SOLD_WEIGHT_WEEKS).reduce((sum, p) => sum + p.units, 0);

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
	const competitorAll = competitorDemand(db, product.id);
	const demand = demandCall(competitorAll);
	const competitorWeekly = lastWeeksUpTo(competitorAll, demand.lastWeek);
	const categoryAll = categoryDemand(db, product.categoryId);
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
		set: setSummary(db, product.id),
		dataUntil,
		unitPrices,
		stats,
		marketplaces,
		history,
		observedFrom,
		demandListings: perListing.size,
		soldSoFar,
		demand,
		competitorWeekly,
		categoryDemand: categoryCall,
		categoryWeekly,
		reviews: reviewSummary(db, keptIds, product.categoryName),
		alerts: alertInputs(db, product.id, keptIds, demand)
	};
}

/** What a stored market part was built from: the competitor set (count and id sum) and the category. */
function marketSignature(db: Db, product: ProductDetail): string {
	const set = cached(db, 'select count(*) as n, coalesce(sum(listing_id), 0) as s from product_competitors where product_id = ?').get(product.id) as {
		n: number;
		s: number;
	};
	// What was left out belongs to the card too: an agent's removal or a new listing without a size changes it.
	const built = cached(db, 'select candidates, left_out from competitor_sets where product_id = ?').raw(true).get(product.id) as [number, string] | undefined;
	return `${MARKET_PART_VERSION}:${product.categoryId}:${product.unitFamily}:${set.n}:${set.s}:${built?.join(':') ?? ''}`;
}

const UPSERT_MARKET = `insert into product_market (product_id, signature, data, built_at) values (?, ?, ?, ?)
	on conflict(product_id) do update set signature = excluded.signature, data = excluded.data, built_at = excluded.built_at`;

function storeMarketPart(db: Db, product: ProductDetail, today: string, onRequest: boolean): MarketPart {
	// The set may be computed for the first time inside computeMarketPart: sign after it.
	const part = computeMarketPart(db, product, today);
	const args = [product.id, marketSignature(db, product), JSON.stringify(part), new Date().toISOString()];
	if (!onRequest) {
		cached(db, UPSERT_MARKET).run(...args);
		return part;
	}
	// On a request the row is only a cache: while an import or refresh holds the write lock, answer
	// with the computed part at once rather than wait for the lock or fail the page.
	tryCacheWrite(db, () => cached(db, UPSERT_MARKET).run(...args));
	return part;
}

/** The stored market part of a product, rebuilt first when it is missing or its competitor set changed. */
export function marketPart(db: Db, product: ProductDetail, today: string): MarketPart {
	const row = cached(db, 'select signature, data from product_market where product_id = ?').get(product.id) as
		| { signature: string; data: string }
		| undefined;
	const part = row && row.signature === marketSignature(db, product) ? (JSON.parse(row.data) as MarketPart) : storeMarketPart(db, product, today, true);
	return part.dataUntil === null ? computeMarketPart(db, product, today) : part;
}

/** Whether a request would read this product's stored market part as it is (false: it would recompute it). */
export function storedMarketPartIsCurrent(db: Db, productId: number): boolean {
	const product = getProduct(db, productId);
	const signature = cached(db, 'select signature from product_market where product_id = ?').pluck().get(productId) as string | undefined;
	return product !== null && signature === marketSignature(db, product);
}

/** Rebuilds the stored market parts of these products (all when omitted); refreshDerived calls it. */
export function refreshProductMarket(db: Db, productIds?: number[]): number {
	const ids = productIds ?? (db.$client.prepare('select id from products order by id').pluck().all() as number[]);
	let built = 0;
	const run = db.$client.transaction((chunk: number[]) => {
		for (const id of chunk) {
			const product = getProduct(db, id);
			if (!product) continue;
			storeMarketPart(db, product, new Date().toISOString().slice(0, 10), false);
			built++;
		}
	});
	// Small transactions: a long refresh never holds the write lock for long.
	for (let i = 0; i < ids.length; i += 50) run.immediate(ids.slice(i, i + 50));
	return built;
}

/** The dashboard, reading the stored market part (the request path). */
export function productDashboard(db: Db, id: number, today = new Date().toISOString().slice(0, 10)): ProductDashboard | null {
	const product = getProduct(db, id);
	if (!product) return null;
	return assembleDashboard(product, marketPart(db, product, today), today);
}

/** The dashboard for an actor who may see the product; NotFoundError otherwise (auth/access.ts). */
export function dashboardFor(db: Db, actor: Actor, id: number, today?: string): ProductDashboard {
	assertProduct(db, actor, id);
	const dashboard = productDashboard(db, id, today);
	if (!dashboard) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return dashboard;
}

/** The dashboard computed from the raw tables on every call: the straightforward reference. */
export function productDashboardLive(db: Db, id: number, today = new Date().toISOString().slice(0, 10)): ProductDashboard | null {
	const product = getProduct(db, id);
	if (!product) return null;
	return assembleDashboard(product, computeMarketPart(db, product, today), today);
}

/** The market part plus the producer's own price and today's date: sentences, position, advice. */
export function assembleDashboard(product: ProductDetail, market: MarketPart, today: string): ProductDashboard {
	const own = unitPrice(product.price, { quantity: product.packQuantity, unit: product.unit });
	// Judged per unit, spoken in the producer's own pack (analysis/own-pack.ts).
	const pack = ownPack(product.name, product.packQuantity, product.unit);
	const { dataUntil, unitPrices, stats, marketplaces, history, observedFrom, competitorWeekly, categoryWeekly } = market;
	const stale = isStale(dataUntil, today);

	// --- Harga pasar
	const enough = market.compared >= MIN_COMPARABLE;
	const position = enough ? pricePosition(own.value, unitPrices) : null;
	const range = enough && stats ? suggestPriceRange(stats, own.value) : null;
	const family = product.unitFamily;
	const leftOut = leftOutLines({ ...market.set.leftOut, outlier: market.removed }, family);
	const sized = market.set.candidates - Object.values(market.set.leftOut).reduce((a, b) => a + b, 0);
	const priceBasis = [
		comparedWithSentence(market.compared, marketplaces.length),
		closestSentence(market.compared + market.removed, sized),
		...leftOutSentences(leftOut),
		`Harga per ${own.per}, dari judul dan isi kemasan.`,
		dataUntil ? `Data per ${formatDate(dataUntil)}.` : '',
		marketplaces.length ? `Sumber: ${marketplaces.join(', ')}.` : ''
	]
		.filter(Boolean)
		.join(' ');

	// --- Permintaan: THE call (market.demand) and nothing else speaks of demand.
	const call = market.demand;
	const shownWeeks = competitorWeekly;
	const hasHistory = call.reason !== 'no-history';
	const peakEvent = nextEvents(today, 6).find((e) => e.leadWeeks > 0) ?? null;
	const nextPeak = peakEvent
		? {
				name: peakEvent.name,
				date: peakEvent.date,
				weeksAway: weeksUntil(today, peakEvent.date),
				leadWeeks: peakEvent.leadWeeks,
				sentence: peakSentence({ name: peakEvent.name, date: peakEvent.date, weeksBefore: peakEvent.leadWeeks, today })
			}
		: null;
	const interpolatedWeeks = shownWeeks.filter((w) => w.observed && w.interpolated).length;
	const seen = shownWeeks.filter((w) => w.observed);
	const demandBasis = [
		hasHistory
			? `Dihitung dari angka "terjual" ${formatNumber(market.demandListings)} produk serupa, dicatat tiap minggu.`
			: `Tiap produk serupa baru dicatat sekali, jadi penjualan per minggu belum diketahui.`,
		seen.length ? `Minggu ${formatDateRange(seen[0].weekStart, addDays(seen[seen.length - 1].weekStart, 6))}.` : '',
		interpolatedWeeks ? `${interpolatedWeeks} minggu tanpa catatan lengkap diisi dengan perkiraan (batang abu-abu).` : '',
		seen.some((w) => w.bucketed)
			? 'Sebagian toko hanya menulis angka bulat seperti "1 rb+". Penjualannya kami sebar rata di antara perubahan angka itu.'
			: '',
		call.bucketed && call.direction === 'stabil' ? 'Karena angka bulat itu, perubahan kecil belum kami sebut naik atau turun.' : '',
		// The category's call as /tren words it, after a dash: its own sentence may hold a colon.
		market.categoryDemand.direction !== null ? `Seluruh ${product.categoryName} — ${market.categoryDemand.sentence}` : ''
	]
		.filter(Boolean)
		.join(' ');
	const headline = hasHistory || !market.soldSoFar ? [call.sentence] : [call.sentence, soldSoFarSentence(market.soldSoFar)];

	// --- Kata pembeli
	const reviews = market.reviews;

	// --- Saran: computed once here (analysis/advice.ts); every surface shows this list.
	const topComplaint = reviews.complaints[0];
	const advice = advise({
		stale,
		dataUntil,
		price: { own: product.price, pack, per: own.per, position, range },
		// THE naik/stabil/turun call (demand-call.ts), the same every surface shows.
		demand: { direction: call.direction, sentence: call.sentence },
		peak: nextPeak
			? { name: nextPeak.name, date: nextPeak.date, weeksBefore: nextPeak.leadWeeks, today, weeksUntil: nextPeak.weeksAway }
			: null,
		topComplaint: topComplaint ? { aspect: topComplaint.aspect, reviews: topComplaint.count } : null
	});

	return {
		product: {
			id: product.id,
			name: product.name,
			producerName: product.producerName,
			villageName: product.villageName,
			regencyName: product.regencyName,
			categoryId: product.categoryId,
			categoryName: product.categoryName,
			price: product.price,
			packQuantity: product.packQuantity,
			unit: product.unit,
			isDemo: product.isDemo
		},
		dataUntil,
		stale,
		dataNote: dataDateSentence(dataUntil, stale),
		pack: packPhrase(pack),
		price: {
			enough,
			headline:
				enough && position
					? pricePositionSentence({
							ownPrice: own.value,
							per: own.per,
							position,
							pack: soldByThePiece(pack) ? null : { price: product.price, phrase: packPhrase(pack) }
						})
					: [notEnoughDataSentence(market.compared)],
			ownUnitPrice: own.value,
			per: own.per,
			compared: market.compared,
			removed: market.removed,
			leftOut,
			marketplaces,
			position: position ? { band: position.band, outOf10: position.outOf10, cheaperCount: position.cheaperCount, pricierCount: position.pricierCount } : null,
			middle: stats && enough ? stats.median : null,
			range: range ? { low: range.low, high: range.high } : null,
			mostBought: stats?.soldWeightedMedian ?? null,
			basis: [range ? priceRangeSentence(range, own.per) : '', priceBasis, observedFrom ? `Riwayat harga sejak ${formatDate(observedFrom)}.` : '']
				.filter(Boolean)
				.join(' '),
			unitPrices,
			history
		},
		demand: {
			direction: call.direction,
			headline,
			change: call.change,
			recent: call.recent,
			previous: call.previous,
			history: hasHistory,
			soldSoFar: market.soldSoFar,
			weeks: shownWeeks.map((w) => ({
				weekStart: w.weekStart,
				units: Math.round(w.units),
				low: Math.floor(w.low),
				high: Math.ceil(w.high),
				observed: w.observed,
				interpolated: w.interpolated,
				bucketed: w.bucketed
			})),
			category: categoryWeekly,
			categoryDirection: market.categoryDemand.direction,
			categorySentence: market.categoryDemand.sentence,
			nextPeak,
			interpolatedWeeks,
			basis: demandBasis
		},
		reviews: {
			...reviews,
			headline: [reviewHeadline(reviews)]
		},
		advice,
		alerts: alertsFromInputs(
			{ id: product.id, name: product.name, producerId: product.producerId, producerName: product.producerName, price: product.price, packQuantity: product.packQuantity, unit: product.unit },
			market.alerts,
			today
		).alerts
	};
}
