// The producer's product dashboard, as the page, the explain view, the print and the
// `product.dashboard` procedure show it. Reads only: the product, and its market part as the
// background writer stored it (derive/market-part.ts: the competitor set's prices, weekly demand,
// price history, review themes and alert inputs); then adds what depends on the producer's own
// price and on today's date (assembleDashboard: sentences, position, advice), which is cheap.
// A product whose market part is not built yet gets a dashboard that says so, and the writer is
// asked to build it. productDashboardLive computes the market part from the raw tables instead
// of reading it: tests check both agree.
import { advise } from '$lib/analysis/advice';
import { addDays, nextEvents, weeksUntil } from '$lib/analysis/calendar';
import { demandCall } from '$lib/analysis/demand-call';
import { dataDateSentence, isStale } from '$lib/analysis/freshness';
import {
	comparedWithSentence,
	notEnoughDataSentence,
	peakSentence,
	PREPARING_SENTENCE,
	pricePositionSentence,
	priceRangeSentence,
	soldSoFarSentence
} from '$lib/analysis/narrate';
import { closestSentence, leftOutLines, leftOutSentences } from '$lib/analysis/narrate-competitors';
import { ownPack, packPhrase, soldByThePiece } from '$lib/analysis/own-pack';
import { MIN_COMPARABLE, pricePosition, suggestPriceRange } from '$lib/analysis/prices';
import { unitPrice } from '$lib/analysis/units';
import type { ProductDashboard } from '$lib/dashboard-types';
import { formatDate, formatDateRange, formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import { assertProduct } from '../auth/access';
import type { Db } from '../db';
import { getProduct, type ProductDetail } from '../db/products';
import { computeMarketPart, type MarketPart } from '../derive/market-part';
import { reviewHeadline, reviewSummary } from '../derive/review-summary';
import { NotFoundError } from '../errors';
import { alertsFromInputs } from './alerts';
import { marketPart } from './market';

// Data older than STALE_DAYS raises no alerts, gives no price or stock advice and is marked
// "data sudah lama": one rule for every surface, in analysis/freshness.ts.
export { STALE_DAYS } from '$lib/analysis/freshness';

/** "Kata pembeli" of a product the actor may see, as its dashboard shows it (NotFoundError otherwise). */
export async function reviewSummaryFor(db: Db, actor: Actor, id: number): Promise<ProductDashboard['reviews']> {
	return (await dashboardFor(db, actor, id)).reviews;
}

/** The dashboard, reading the stored market part (the request path); a preparing one while it has none. */
export async function productDashboard(db: Db, id: number, today = new Date().toISOString().slice(0, 10)): Promise<ProductDashboard | null> {
	const product = await getProduct(db, id);
	if (!product) return null;
	const market = await marketPart(db, product, today);
	return market ? assembleDashboard(product, market, today) : (await preparingDashboard(db, product, today));
}

/** The dashboard for an actor who may see the product; NotFoundError otherwise (auth/access.ts). */
export async function dashboardFor(db: Db, actor: Actor, id: number, today?: string): Promise<ProductDashboard> {
	await assertProduct(db, actor, id);
	const dashboard = await productDashboard(db, id, today);
	if (!dashboard) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return dashboard;
}

/** The dashboard computed from the raw tables on every call: the straightforward reference. */
export async function productDashboardLive(db: Db, id: number, today = new Date().toISOString().slice(0, 10)): Promise<ProductDashboard | null> {
	const product = await getProduct(db, id);
	if (!product) return null;
	return assembleDashboard(product, await computeMarketPart(db, product, today), today);
}

/** A market part with nothing in it: what a dashboard is assembled from while its own is being built. */
async function emptyPart(db: Db): Promise<MarketPart> {
	const call = demandCall([]);
	return {
		compared: 0,
		removed: 0,
		set: { candidates: 0, leftOut: { 'no-size': 0, conflict: 0, 'other-unit': 0, removed: 0 } },
		dataUntil: null,
		unitPrices: [],
		stats: null,
		marketplaces: [],
		history: [],
		observedFrom: null,
		demandListings: 0,
		soldSoFar: null,
		demand: call,
		competitorWeekly: [],
		categoryDemand: call,
		categoryWeekly: [],
		reviews: await reviewSummary(db, []),
		alerts: { dataUntil: null, now: [], then: [], demand: null, complaint: null }
	};
}

/**
 * The dashboard of a product whose market part the writer has not built yet: the product as it
 * is, every card saying the summary is being prepared, no numbers, no alerts, and one Saran:
 * come back in a moment. Nothing is computed from market data, so nothing can contradict it later.
 */
async function preparingDashboard(db: Db, product: ProductDetail, today: string): Promise<ProductDashboard> {
	const d = assembleDashboard(product, await emptyPart(db), today);
	return {
		...d,
		preparing: true,
		dataNote: PREPARING_SENTENCE,
		price: { ...d.price, headline: [PREPARING_SENTENCE], basis: '' },
		demand: { ...d.demand, headline: [PREPARING_SENTENCE], basis: '' },
		reviews: { ...d.reviews, headline: [PREPARING_SENTENCE], basis: '' },
		advice: [{ kind: 'data', title: 'Buka lagi halaman ini sebentar lagi.', why: 'Data pasar produk ini sedang dihitung.' }],
		alerts: []
	};
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
