// Plain-Indonesian sentences for the product dashboard. The readers are producers, agents and
// co-op staff, many reading on a phone: every sentence stays at 15 words or fewer, numbers are
// written the Indonesian way (Rp25.000, 1.234), shares as "8 dari 10", and no statistics
// words (see JARGON_WORDS) appear. narrate.test.ts checks all of that over many inputs.
import { formatDate, formatDayMonth, formatNumber, formatRupiah } from '../format';
import type { DemandDirection } from './demand-call';
import { MIN_COMPARABLE, type PricePosition } from './prices';

/** Words a producer should never have to read. Matched case-insensitively as word parts. */
export const JARGON_WORDS: string[] = [
	'median',
	'persentil',
	'kuartil',
	'distribusi',
	'deviasi',
	'regresi',
	'signifikan',
	'sentimen',
	'percentile',
	'quartile',
	'outlier',
	'varians',
	'korelasi',
	// Words a reader with primary-school Bahasa stumbles on (issue 13).
	'sebaran',
	'harga tengah',
	'kemungkinan'
];

export const MAX_WORDS = 15;

/** Words in a sentence: whitespace-separated tokens holding a letter or digit ("Rp45.000–Rp70.000" is one). */
export function wordCount(s: string): number {
	return s
		.trim()
		.split(/\s+/)
		.filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

/** Splits text into sentences at ". ", "! " or "? " (a dot inside "Rp25.000" does not split). */
export function splitSentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Jargon words found in the text (empty when the text is plain). */
export function jargonIn(text: string): string[] {
	const lower = text.toLowerCase();
	return JARGON_WORDS.filter((w) => lower.includes(w));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const whole = (n: number) => formatNumber(n, 0);

/** What every surface says while a product's market summary is still being built (never computed on a request). */
export const PREPARING_SENTENCE = 'Ringkasan pasar produk ini sedang disiapkan. Buka lagi sebentar.';

/** "Baru ada 3 produk serupa, belum cukup data." */
export function notEnoughDataSentence(n: number): string {
	if (!(n > 0)) return 'Belum ada produk serupa untuk dibandingkan.';
	return `Baru ada ${whole(n)} produk serupa, belum cukup data.`;
}

/** The price card's words for a price in the middle of the market. */
export const SAME_AS_MOST = 'Harga Anda sama dengan kebanyakan penjual.';

/** "9 dari 10 penjual lebih mahal dari Anda.", "Semua penjual lebih murah dari Anda." */
export function sellersThan(share: string, than: 'lebih murah' | 'lebih mahal', who = 'penjual'): string {
	return `${capitalise(share)} ${who} ${than} dari Anda.`;
}

/**
 * How many of 10 sellers, but never "10 dari 10" or "0 dari 10" unless it is literally
 * everyone or no one: rounding 9,6 up to 10 would hide the one seller on the other side.
 */
function shareOfSellers(count: number, n: number, outOf10: number): string {
	if (n > 0 && count === n) return 'semua';
	return `${Math.min(9, Math.max(1, Math.round(outOf10)))} dari 10`;
}

/**
 * ["Harga Anda Rp60.000 per buah.", "8 dari 10 penjual lebih murah dari Anda."] — the sellers are
 * the subject ("9 dari 10 penjual lebih mahal dari Anda"), not "lebih murah dari 9 dari 10
 * penjual", which readers took the wrong way round (issue 13).
 * With `pack` (the producer's own pack, when it is not one piece) the price she set comes first
 * and the unit price it is compared by second: "Harga Anda Rp33.900 per bungkus (3 × 250 gram),
 * atau Rp45.200 per kg." With fewer than MIN_COMPARABLE listings the second sentence says there
 * is not enough data.
 */
export function pricePositionSentence(input: {
	ownPrice: number;
	per: string;
	position: PricePosition;
	pack?: { price: number; phrase: string } | null;
}): string[] {
	const { ownPrice, per, position, pack } = input;
	const first = pack
		? `Harga Anda ${formatRupiah(pack.price)} per ${pack.phrase}, atau ${formatRupiah(ownPrice)} per ${per}.`
		: `Harga Anda ${formatRupiah(ownPrice)} per ${per}.`;
	if (position.n < MIN_COMPARABLE) return [first, notEnoughDataSentence(position.n)];
	if (position.band === 'sekitar') return [first, SAME_AS_MOST];
	if (position.band === 'lebih-mahal') return [first, sellersThan(shareOfSellers(position.cheaperCount, position.n, position.outOf10), 'lebih murah')];
	return [first, sellersThan(shareOfSellers(position.pricierCount, position.n, position.outOf10), 'lebih mahal')];
}

/**
 * "Kebanyakan pembeli membayar Rp45.000–Rp70.000 per buah." When the range comes from listed
 * prices instead of sold-weighted ones, it speaks of sellers ("Kebanyakan penjual memasang …").
 * `soldWeighted` defaults to the range's own flag, else true.
 */
export function priceRangeSentence(
	range: { low: number; high: number; soldWeighted?: boolean },
	per: string,
	soldWeighted = range.soldWeighted ?? true
): string {
	const price =
		Math.round(range.low) === Math.round(range.high)
			? `sekitar ${formatRupiah(range.low)}`
			: `${formatRupiah(range.low)}–${formatRupiah(range.high)}`;
	return soldWeighted
		? `Kebanyakan pembeli membayar ${price} per ${per}.`
		: `Kebanyakan penjual memasang harga ${price} per ${per}.`;
}

/** "Dibandingkan dengan 143 produk serupa dari 4 marketplace." A single named marketplace is named. */
export function comparedWithSentence(n: number, marketplaces: number | string[]): string {
	const base = `Dibandingkan dengan ${whole(n)} produk serupa`;
	if (Array.isArray(marketplaces)) {
		const names = [...new Set(marketplaces.filter(Boolean))];
		if (names.length === 0) return `${base}.`;
		if (names.length === 1) return `${base} dari ${names[0]}.`;
		return `${base} dari ${names.length} marketplace.`;
	}
	return marketplaces > 0 ? `${base} dari ${whole(marketplaces)} marketplace.` : `${base}.`;
}

/**
 * "Produk serupa sudah terjual 64,3 rb+ sejauh ini." — what is known of demand before there is any
 * weekly history: the compared listings' lifetime counters added up ("+" when any was bucketed).
 */
export function soldSoFarSentence(sold: { count: number; lowerBound: boolean }): string {
	const n = Math.max(0, Math.round(sold.count));
	// Rounded down the way marketplaces print buckets: "64,3 rb+", "1,2 jt+" (never above the truth).
	const shown = !sold.lowerBound || n < 1000 ? whole(n) : n < 1e6 ? `${formatNumber(Math.floor(n / 100) / 10, 1)} rb` : `${formatNumber(Math.floor(n / 1e5) / 10, 1)} jt`;
	return `Produk serupa sudah terjual ${shown}${sold.lowerBound ? '+' : ''} sejauh ini.`;
}

export interface PeakInput {
	/** "Lebaran", "Harbolnas 12.12", "Tahun ajaran baru" */
	name: string;
	/** YYYY-MM-DD */
	date: string;
	/** How many weeks before the day demand usually starts to rise. */
	weeksBefore: number;
	/** YYYY-MM-DD; when given, the year is said as "tahun ini" / "tahun depan". */
	today?: string;
}

/**
 * "Lebaran tahun ini jatuh 20 Maret: biasanya permintaan naik sejak 6 minggu sebelumnya."
 * Without `today` the year is written out ("jatuh 20 Maret 2026"). Split in two sentences
 * when one would exceed 15 words.
 */
export function peakSentence(input: PeakInput): string {
	const { name, date, weeksBefore, today } = input;
	const year = Number(date.slice(0, 4));
	const thisYear = today ? Number(today.slice(0, 4)) : NaN;
	let when: string;
	if (year === thisYear) when = `tahun ini jatuh ${formatDayMonth(date)}`;
	else if (year === thisYear + 1) when = `tahun depan jatuh ${formatDayMonth(date)}`;
	else when = `jatuh ${formatDate(date)}`;
	const head = `${name} ${when}`;
	const tail =
		weeksBefore > 0
			? `biasanya permintaan naik sejak ${whole(weeksBefore)} minggu sebelumnya.`
			: 'biasanya permintaan naik menjelang hari itu.';
	const one = `${head}: ${tail}`;
	return wordCount(one) <= MAX_WORDS ? one : `${head}. ${capitalise(tail)}`;
}

/** "Rata-rata bintang pesaing 4,6 dari 5 (1.234 penilaian)." */
export function ratingSentence(avg: number, n: number): string {
	if (!(n > 0) || !Number.isFinite(avg)) return 'Belum ada ulasan dari pesaing.';
	// n counts star ratings, with or without a text: "penilaian", not "pembeli" or "ulasan"
	return `Rata-rata bintang pesaing ${formatNumber(Math.round(avg * 10) / 10, 1)} dari 5 (${whole(n)} penilaian).`;
}

// Saran (the suggestions) are made in advice.ts, from these sentences and the dashboard's numbers.
