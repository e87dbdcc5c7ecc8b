// Price position of a product among comparable listings, on unit prices (per kg, liter or
// buah; see units.ts). Marketplace prices are skewed (a few bulk packs and placeholder prices
// such as Rp1 or Rp999.999.999), so everything here works on ranks and on log prices rather
// than on means.
import { formatRupiah } from '../format';

const count = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** Fewer comparable listings than this: callers say "belum cukup data" instead of a position. */
export const MIN_COMPARABLE = 5;

/**
 * Percentile of an ascending array with linear interpolation between ranks (the common
 * "type 7" definition: p = 0 is the minimum, p = 1 the maximum). NaN for an empty array.
 */
export function percentile(sortedAsc: number[], p: number): number {
	const n = sortedAsc.length;
	if (n === 0 || Number.isNaN(p)) return NaN;
	const q = Math.min(1, Math.max(0, p));
	const pos = q * (n - 1);
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sortedAsc[lo] + (sortedAsc[hi] - sortedAsc[lo]) * (pos - lo);
}

/**
 * Weighted percentile: each value sits at the middle of its share of the total weight, and
 * we interpolate linearly between those points (clamped at both ends). With equal weights the
 * 0.5 point is the ordinary middle value. Values with zero, negative or non-finite weight do
 * not count (a listing that sold nothing says nothing about what buyers pay).
 * NaN when no weight is left.
 */
export function weightedPercentile(values: number[], weights: number[], p: number): number {
	const pairs: [number, number][] = [];
	for (let i = 0; i < values.length; i++) {
		const w = weights[i];
		if (Number.isFinite(values[i]) && Number.isFinite(w) && w > 0) pairs.push([values[i], w]);
	}
	if (pairs.length === 0 || Number.isNaN(p)) return NaN;
	pairs.sort((a, b) => a[0] - b[0]);
	const total = pairs.reduce((s, [, w]) => s + w, 0);
	const q = Math.min(1, Math.max(0, p));
	let cumulative = 0;
	const centres = pairs.map(([, w]) => {
		const c = (cumulative + w / 2) / total;
		cumulative += w;
		return c;
	});
	if (q <= centres[0]) return pairs[0][0];
	for (let i = 1; i < pairs.length; i++) {
		if (q <= centres[i]) {
			const t = (q - centres[i - 1]) / (centres[i] - centres[i - 1]);
			return pairs[i - 1][0] + (pairs[i][0] - pairs[i - 1][0]) * t;
		}
	}
	return pairs[pairs.length - 1][0];
}

function middle(values: number[]): number {
	return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** The MAD scale factor that makes it comparable to a standard deviation for normal data. */
const MAD_SCALE = 1.4826;
const MAD_K = 3;
/**
 * Smallest spread (in log price) the rule assumes. In a tight market (ten sellers at
 * Rp10.000) the MAD is 0 and every different price would be dropped; with this floor a
 * listing stays unless it is more than about e^(3·0.15) ≈ 1.57× away from the middle.
 */
export const MIN_LOG_SPREAD = 0.15;
const OUTLIER_MIN_ITEMS = 5;

/**
 * Splits items into kept and removed by a robust rule on log(value):
 * - always removed: value ≤ 0 or not a number;
 * - with at least 5 positive items: removed when under 1% or over 100× the middle value
 *   (placeholders like Rp1 or Rp999.999.999), or when |log v − middle| > 3 · max(1.4826·MAD, 0.15).
 * With fewer than 5 items there is too little to judge, so every positive item is kept.
 * Order is preserved in both lists.
 */
export function removeOutliers<T>(items: T[], value: (t: T) => number): { kept: T[]; removed: T[] } {
	const kept: T[] = [];
	const removed: T[] = [];
	const positive: { item: T; log: number; v: number }[] = [];
	for (const item of items) {
		const v = value(item);
		if (Number.isFinite(v) && v > 0) positive.push({ item, log: Math.log(v), v });
	}
	if (positive.length < OUTLIER_MIN_ITEMS) {
		for (const item of items) {
			const v = value(item);
			(Number.isFinite(v) && v > 0 ? kept : removed).push(item);
		}
		return { kept, removed };
	}
	const centre = middle(positive.map((p) => p.log));
	const mad = middle(positive.map((p) => Math.abs(p.log - centre))) * MAD_SCALE;
	const limit = MAD_K * Math.max(mad, MIN_LOG_SPREAD);
	const mid = Math.exp(centre);
	const keepIndex = new Set<number>();
	positive.forEach((p, i) => {
		const placeholder = p.v < mid * 0.01 || p.v > mid * 100;
		if (!placeholder && Math.abs(p.log - centre) <= limit) keepIndex.add(i);
	});
	// Walk the input again so duplicates and order survive exactly as given.
	let cursor = 0;
	for (const item of items) {
		const v = value(item);
		if (Number.isFinite(v) && v > 0) {
			(keepIndex.has(cursor) ? kept : removed).push(item);
			cursor++;
		} else {
			removed.push(item);
		}
	}
	return { kept, removed };
}

export interface PriceStats {
	n: number;
	min: number;
	max: number;
	p10: number;
	p25: number;
	median: number;
	p75: number;
	p90: number;
	/** Price the most units were bought at; null without sold counts. */
	soldWeightedMedian: number | null;
	soldWeightedP25: number | null;
	soldWeightedP75: number | null;
}

/**
 * Summary of unit prices (already cleaned by removeOutliers), rounded to whole Rupiah.
 * `sold[i]` is the sold count of `unitPrices[i]`; the sold-weighted values are null when
 * `sold` is missing, of a different length, or all zero. With n = 0 the plain values are NaN:
 * check `n` against MIN_COMPARABLE first.
 */
export function priceStats(unitPrices: number[], sold?: number[]): PriceStats {
	const sorted = unitPrices.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	const at = (p: number) => Math.round(percentile(sorted, p));
	let w25: number | null = null;
	let w50: number | null = null;
	let w75: number | null = null;
	if (sold && sold.length === unitPrices.length) {
		const w = (p: number) => {
			const v = weightedPercentile(unitPrices, sold, p);
			return Number.isNaN(v) ? null : Math.round(v);
		};
		w25 = w(0.25);
		w50 = w(0.5);
		w75 = w(0.75);
	}
	return {
		n: sorted.length,
		min: sorted.length ? sorted[0] : NaN,
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		p10: at(0.1),
		p25: at(0.25),
		median: at(0.5),
		p75: at(0.75),
		p90: at(0.9),
		soldWeightedMedian: w50,
		soldWeightedP25: w25,
		soldWeightedP75: w75
	};
}

export type PriceBand = 'lebih-murah' | 'sekitar' | 'lebih-mahal';

export interface PricePosition {
	/** Listings strictly cheaper than the producer's price. */
	cheaperCount: number;
	/** Listings strictly pricier than the producer's price. */
	pricierCount: number;
	n: number;
	/** Out of 10 sellers: cheaper ones for 'lebih-mahal' and 'sekitar', pricier ones for 'lebih-murah'. */
	outOf10: number;
	band: PriceBand;
}

/** Within this fraction of the middle price a producer is 'sekitar' whatever the ranks say. */
export const AROUND_MIDDLE = 0.05;
/** Neither side may hold more than this share of sellers for 'sekitar' by rank (the middle 30%). */
export const AROUND_SHARE = 0.65;

/**
 * Where `own` stands among competitor unit prices.
 * Band rule: 'sekitar' when own is within ±5% of the middle price, or when neither the cheaper
 * nor the pricier sellers are more than 65% of all (own sits between about the 35th and 65th
 * in 100). Otherwise 'lebih-mahal' when more sellers are cheaper than pricier, else 'lebih-murah'.
 * Ties (same price) count on neither side, so a market of equal prices reads 'sekitar'.
 */
export function pricePosition(own: number, unitPrices: number[]): PricePosition {
	const prices = unitPrices.filter((v) => Number.isFinite(v));
	const n = prices.length;
	const cheaperCount = prices.filter((v) => v < own).length;
	const pricierCount = prices.filter((v) => v > own).length;
	if (n === 0) return { cheaperCount, pricierCount, n, outOf10: 0, band: 'sekitar' };
	const mid = percentile([...prices].sort((a, b) => a - b), 0.5);
	const nearMiddle = mid > 0 && Math.abs(own / mid - 1) <= AROUND_MIDDLE;
	const middleRank = cheaperCount / n <= AROUND_SHARE && pricierCount / n <= AROUND_SHARE;
	let band: PriceBand;
	if (nearMiddle || middleRank) band = 'sekitar';
	else band = cheaperCount > pricierCount ? 'lebih-mahal' : 'lebih-murah';
	const share = band === 'lebih-murah' ? pricierCount / n : cheaperCount / n;
	return { cheaperCount, pricierCount, n, outOf10: Math.round(share * 10), band };
}

export interface SuggestedRange {
	low: number;
	high: number;
	/** Whether the range comes from sold-weighted prices (what buyers paid) or listed prices. */
	soldWeighted: boolean;
	reasons: string[];
}

const tidy = (v: number) => {
	// Three significant digits reads like a price a seller would set: 45.678 → 45.700.
	if (!(v > 0)) return Math.max(0, Math.round(v));
	const step = Math.max(1, 10 ** (Math.floor(Math.log10(v)) - 2));
	return Math.round(v / step) * step;
};

/**
 * A sensible price range: between the sold-weighted 25th and 75th in 100 (what most buyers
 * paid), falling back to the listed-price quarters. Reasons are short plain-Indonesian
 * sentences for the producer.
 */
export function suggestPriceRange(stats: PriceStats, own: number): SuggestedRange {
	const weighted = stats.soldWeightedP25 !== null && stats.soldWeightedP75 !== null;
	const a = weighted ? (stats.soldWeightedP25 as number) : stats.p25;
	const b = weighted ? (stats.soldWeightedP75 as number) : stats.p75;
	const low = tidy(Math.min(a, b));
	const high = tidy(Math.max(a, b));
	const reasons: string[] = [];
	if (stats.n < MIN_COMPARABLE) {
		reasons.push(`Baru ada ${count.format(stats.n)} produk serupa, jadi kisaran ini belum pasti.`);
	}
	reasons.push(
		weighted
			? 'Kebanyakan pembeli membayar di kisaran harga ini.'
			: 'Kebanyakan penjual memasang harga di kisaran ini.'
	);
	if (Number.isFinite(own) && own > 0 && Number.isFinite(low) && Number.isFinite(high)) {
		if (own > high) reasons.push(`Harga Anda ${formatRupiah(own)}, di atas kisaran ini.`);
		else if (own < low) reasons.push(`Harga Anda ${formatRupiah(own)}, di bawah kisaran ini.`);
		else reasons.push(`Harga Anda ${formatRupiah(own)} sudah masuk kisaran ini.`);
	}
	reasons.push(`Dihitung dari ${count.format(stats.n)} produk serupa.`);
	return { low, high, soldWeighted: weighted, reasons };
}
