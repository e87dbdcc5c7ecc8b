// Plain-Indonesian sentences for the product dashboard. The readers are producers, agents and
// co-op staff, many reading on a phone: every sentence stays at 15 words or fewer, numbers are
// written the Indonesian way (Rp25.000, 1.234), shares as "8 dari 10", and no statistics
// words (see JARGON_WORDS) appear. narrate.test.ts checks all of that over many inputs.
import { formatDate, formatDayMonth, formatNumber } from '../format';
import type { DemandDirection } from './demand-call';
import { formatRupiah } from './money';
import { MIN_COMPARABLE, type PricePosition } from './prices';
import type { Aspect } from './reviews/types';

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
	'korelasi'
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

/** "Baru ada 3 produk serupa, belum cukup data." */
export function notEnoughDataSentence(n: number): string {
	if (!(n > 0)) return 'Belum ada produk serupa untuk dibandingkan.';
	return `Baru ada ${whole(n)} produk serupa, belum cukup data.`;
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
 * ["Harga Anda Rp60.000 per buah.", "Lebih mahal dari 8 dari 10 penjual."]
 * With fewer than MIN_COMPARABLE listings the second sentence says there is not enough data.
 */
export function pricePositionSentence(input: {
	ownPrice: number;
	per: string;
	position: PricePosition;
}): string[] {
	const { ownPrice, per, position } = input;
	const first = `Harga Anda ${formatRupiah(ownPrice)} per ${per}.`;
	if (position.n < MIN_COMPARABLE) return [first, notEnoughDataSentence(position.n)];
	if (position.band === 'sekitar') return [first, 'Sekitar harga tengah penjual lain.'];
	if (position.band === 'lebih-mahal') {
		return [first, `Lebih mahal dari ${shareOfSellers(position.cheaperCount, position.n, position.outOf10)} penjual.`];
	}
	return [first, `Lebih murah dari ${shareOfSellers(position.pricierCount, position.n, position.outOf10)} penjual.`];
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

/** "Rata-rata bintang pesaing 4,6 dari 5 (1.234 ulasan)." */
export function ratingSentence(avg: number, n: number): string {
	if (!(n > 0) || !Number.isFinite(avg)) return 'Belum ada ulasan dari pesaing.';
	return `Rata-rata bintang pesaing ${formatNumber(Math.round(avg * 10) / 10, 1)} dari 5 (${whole(n)} ulasan).`;
}

/** What to do about the most common complaint, per review aspect (reviews/types.ts). */
const COMPLAINT: Record<Aspect, { title: string; about: string }> = {
	kualitas: { title: 'Periksa mutu barang sebelum dikirim.', about: 'mutu barang' },
	kemasan: { title: 'Perkuat kemasan agar barang tidak rusak di jalan.', about: 'kemasan' },
	pengiriman: { title: 'Kirim pesanan lebih cepat dan kabari nomor resi.', about: 'pengiriman' },
	kesesuaian: { title: 'Pastikan foto dan deskripsi sama dengan barang asli.', about: 'barang tidak sesuai foto' },
	harga: { title: 'Jelaskan kelebihan produk agar harga terasa pantas.', about: 'harga' },
	pelayanan: { title: 'Balas pesan pembeli lebih cepat dan ramah.', about: 'pelayanan penjual' },
	ukuran: { title: 'Tulis ukuran yang jelas di deskripsi produk.', about: 'ukuran' },
	rasa: { title: 'Jaga rasa tetap sama di setiap produksi.', about: 'rasa' },
	kedaluwarsa: { title: 'Kirim stok yang baru dan tulis tanggal kedaluwarsa.', about: 'barang hampir atau sudah kedaluwarsa' },
	bahan: { title: 'Tulis jenis bahan dengan jujur dan pakai bahan yang sama.', about: 'bahan' },
	warna: { title: 'Pakai foto dengan warna asli, di cahaya siang.', about: 'warna tidak sama dengan foto' },
	pecah: { title: 'Bungkus berlapis dan beri tanda "pecah belah" agar tidak pecah di jalan.', about: 'barang pecah saat dikirim' }
};

/** A theme needs at least this many different reviews before we speak about it. */
export const MIN_THEME_REVIEWS = 3;

/**
 * Input for `suggestions`. Every part is optional; a missing part simply yields no
 * suggestion of that kind.
 * - ownPrice, per, position, range: the producer's unit price, display unit ('kg', 'liter',
 *   'buah'), pricePosition() and suggestPriceRange() results. Skipped when position.n < MIN_COMPARABLE.
 * - demand, demandSentence: THE demand call of the competitor set (analysis/demand-call.ts):
 *   its direction (null: nothing to say, or data too old) and its sentence, said as the reason.
 * - peak: the next calendar peak with `weeksUntil` (weeks from today to the day); suggested
 *   when 0 ≤ weeksUntil ≤ weeksBefore + 4, i.e. when it is time to prepare stock.
 * - topComplaint: the most frequent complaint theme among competitors' reviews with the number
 *   of different reviews; needs at least MIN_THEME_REVIEWS.
 */
export interface SuggestionInput {
	ownPrice?: number | null;
	per?: string;
	position?: PricePosition | null;
	range?: { low: number; high: number } | null;
	demand?: DemandDirection | null;
	demandSentence?: string;
	peak?: (PeakInput & { weeksUntil: number }) | null;
	topComplaint?: { aspect: Aspect | string; reviews: number } | null;
}

export interface Suggestion {
	title: string;
	why: string;
}

function priceSuggestion(input: SuggestionInput): Suggestion | null {
	const { position, range, ownPrice } = input;
	const per = input.per ?? 'buah';
	if (!position || position.n < MIN_COMPARABLE || !(ownPrice && ownPrice > 0)) return null;
	if (position.band === 'lebih-mahal') {
		const why = `Harga Anda lebih mahal dari ${shareOfSellers(position.cheaperCount, position.n, position.outOf10)} penjual serupa.`;
		if (range && ownPrice > range.high) {
			return { title: `Coba turunkan harga mendekati ${formatRupiah(range.high)} per ${per}.`, why };
		}
		return { title: 'Jangan naikkan harga dulu.', why };
	}
	if (position.band === 'lebih-murah') {
		const why = `Harga Anda lebih murah dari ${shareOfSellers(position.pricierCount, position.n, position.outOf10)} penjual serupa.`;
		if (range && ownPrice < range.low) {
			return { title: `Anda bisa naikkan harga mendekati ${formatRupiah(range.low)} per ${per}.`, why };
		}
		return { title: 'Harga Anda masih bisa naik sedikit.', why };
	}
	return { title: 'Pertahankan harga Anda sekarang.', why: 'Harga Anda sudah sekitar harga tengah penjual lain.' };
}

function peakSuggestion(input: SuggestionInput): Suggestion | null {
	const peak = input.peak;
	if (!peak || !(peak.weeksUntil >= 0) || peak.weeksUntil > peak.weeksBefore + 4) return null;
	const title =
		peak.weeksUntil <= peak.weeksBefore
			? `Siapkan stok untuk ${peak.name} mulai sekarang.`
			: `Mulai rencanakan stok untuk ${peak.name}.`;
	return { title, why: peakSentence(peak) };
}

function demandSuggestion(input: SuggestionInput): Suggestion | null {
	const direction = input.demand;
	if (!direction) return null;
	const sentence = input.demandSentence ?? '';
	const why = `Penjualan produk serupa ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
	if (direction === 'naik') return { title: 'Tambah stok, permintaan sedang naik.', why };
	if (direction === 'turun') return { title: 'Jangan tambah stok dulu, permintaan sedang turun.', why };
	return { title: 'Jaga stok seperti biasa.', why };
}

function complaintSuggestion(input: SuggestionInput): Suggestion | null {
	const c = input.topComplaint;
	if (!c || !(c.reviews >= MIN_THEME_REVIEWS)) return null;
	const key = c.aspect === 'pelayanan penjual' ? 'pelayanan' : c.aspect;
	const known = Object.hasOwn(COMPLAINT, key) ? COMPLAINT[key as Aspect] : undefined;
	const about = known?.about ?? c.aspect;
	return {
		title: known?.title ?? `Perhatikan soal ${c.aspect} yang sering dikeluhkan.`,
		why: `Pembeli produk serupa paling sering mengeluhkan ${about} (${whole(c.reviews)} ulasan).`
	};
}

const FALLBACK: Suggestion[] = [
	{
		title: 'Catat harga dan penjualan Anda setiap minggu.',
		why: 'Dengan data rutin, saran harga dan stok jadi lebih tepat.'
	},
	{
		title: 'Perjelas foto dan deskripsi produk.',
		why: 'Pembeli lebih percaya pada produk yang terlihat jelas.'
	}
];

/**
 * Two to four suggestions, most useful first: price, then an upcoming peak, then demand,
 * then the top complaint of competitors' buyers. When the data supports fewer than two, general
 * advice fills up to two so the card is never empty.
 */
export function suggestions(input: SuggestionInput): Suggestion[] {
	const out = [priceSuggestion(input), peakSuggestion(input), demandSuggestion(input), complaintSuggestion(input)].filter(
		(s): s is Suggestion => s !== null
	);
	for (const f of FALLBACK) if (out.length < 2) out.push(f);
	return out.slice(0, 4);
}
