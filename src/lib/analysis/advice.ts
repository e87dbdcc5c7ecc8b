// Saran: the 2–4 suggestions of a product dashboard, computed once per dashboard and shown as
// the same list on every surface (the dashboard's card, the agent's explain view, the WhatsApp
// text, the print, tRPC). Before this engine each surface built its own subset and the page
// could say "Siapkan stok untuk Harbolnas" next to "Jangan tambah stok dulu" (issue 11, item 7).
//
// Three rules make the list consistent by construction (advice.test.ts checks them over
// generated inputs, with `contradictions` as the referee):
//   - at most one stock suggestion: demand direction and the coming season peak are decided
//     together; a peak yields to falling demand, and then both are said in one sentence;
//   - at most one price suggestion, judged per unit (per kg, liter or buah, against comparable
//     listings) but spoken per pack, in the producer's own pack words ("Naikkan harga ke sekitar
//     Rp47.500 per bungkus (3 × 250 gram)."), with the per-unit figures in its basis;
//   - data over 4 weeks old (freshness.ts) gives no price and no stock suggestion at all.
import { formatDate, formatNumber, formatRupiah } from '../format';
import type { DemandDirection as DemandCallDirection } from './demand-call';
import { MAX_WORDS, peakSentence, sellersThan, type PeakInput } from './narrate';
import { packPhrase, packPriceAt, roundPackPrice, soldByThePiece, type OwnPack } from './own-pack';
import { MIN_COMPARABLE, type PricePosition } from './prices';
import type { Aspect } from './reviews/types';
import { unitPrice } from './units';

/** Where demand is going, as decided by the one naik/stabil/turun call; null: not enough data. */
/** THE demand call's direction (demand-call.ts); null when there is nothing to say. */
export type DemandDirection = DemandCallDirection | null;

export type AdviceKind = 'harga' | 'stok' | 'keluhan' | 'data' | 'umum';

export interface Advice {
	kind: AdviceKind;
	/** One sentence, an action. */
	title: string;
	/** Why, in one or two short sentences. */
	why: string;
	/** The figures behind it (per-unit prices for price advice), one tap away. */
	basis?: string;
}

export interface AdviceInput {
	/** The data's date is over 4 weeks old (freshness.ts isStale): no price or stock advice. */
	stale: boolean;
	dataUntil: string | null;
	price?: {
		/** The producer's own price for one pack, and her pack. */
		own: number;
		pack: OwnPack;
		/** Display unit of the per-unit comparison: 'kg', 'liter' or 'buah'. */
		per: string;
		position: PricePosition | null;
		/** The range most buyers pay, per unit (prices.ts suggestPriceRange). */
		range: { low: number; high: number; soldWeighted?: boolean } | null;
	} | null;
	demand?: { direction: DemandDirection; sentence?: string | null } | null;
	/** The next calendar peak with the weeks from today to its day. */
	peak?: (PeakInput & { weeksUntil: number }) | null;
	topComplaint?: { aspect: Aspect | string; reviews: number } | null;
}

/** A theme needs at least this many different reviews before we speak about it. */
export const MIN_THEME_REVIEWS = 3;

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
	pedas: { title: 'Tulis tingkat pedas dengan jelas dan jaga tetap sama.', about: 'tingkat pedas' },
	kesegaran: { title: 'Kirim yang baru dibuat dan tulis cara menyimpannya.', about: 'makanan basi atau berjamur' },
	porsi: { title: 'Tulis berat isi dengan jujur dan isi kemasan penuh.', about: 'isi yang sedikit' },
	bocor: { title: 'Pakai wadah yang rapat dan segel sebelum dikirim.', about: 'kemasan bocor' },
	jahitan: { title: 'Periksa jahitan dan kancing sebelum dikirim.', about: 'jahitan' },
	anyaman: { title: 'Periksa kerapian anyaman sebelum dikirim.', about: 'anyaman' },
	kekuatan: { title: 'Pakai bahan yang lebih kuat di bagian yang mudah patah.', about: 'barang mudah patah' },
	kedaluwarsa: { title: 'Kirim stok yang baru dan tulis tanggal kedaluwarsa.', about: 'barang hampir atau sudah kedaluwarsa' },
	bahan: { title: 'Tulis jenis bahan dengan jujur dan pakai bahan yang sama.', about: 'bahan' },
	warna: { title: 'Pakai foto dengan warna asli, di cahaya siang.', about: 'warna tidak sama dengan foto' },
	pecah: { title: 'Bungkus berlapis dan beri tanda "pecah belah" agar tidak pecah di jalan.', about: 'barang pecah saat dikirim' }
};

const FALLBACK: Advice[] = [
	{ kind: 'umum', title: 'Catat harga dan penjualan Anda setiap minggu.', why: 'Dengan data rutin, saran harga dan stok jadi lebih tepat.' },
	{ kind: 'umum', title: 'Perjelas foto dan deskripsi produk.', why: 'Pembeli lebih percaya pada produk yang terlihat jelas.' }
];

/**
 * How many of 10 sellers, but never "10 dari 10" or "0 dari 10" unless it is literally
 * everyone or no one (the same wording as the price card's headline).
 */
function shareOfSellers(count: number, n: number, outOf10: number): string {
	if (n > 0 && count === n) return 'semua';
	return `${Math.min(9, Math.max(1, Math.round(outOf10)))} dari 10`;
}

function priceBasis(p: NonNullable<AdviceInput['price']>, suggested: number | null): string {
	const { per, range, pack } = p;
	const ownUnit = unitPrice(p.own, pack).value;
	const parts = [`Harga Anda ${formatRupiah(p.own)} per ${packPhrase(pack)}.`];
	if (!soldByThePiece(pack)) parts.push(`Itu sama dengan ${formatRupiah(ownUnit)} per ${per}.`);
	if (range) {
		const spread = `${formatRupiah(range.low)}–${formatRupiah(range.high)} per ${per}`;
		parts.push(range.soldWeighted === false ? `Kebanyakan penjual memasang ${spread}.` : `Kebanyakan pembeli membayar ${spread}.`);
	}
	if (suggested !== null && !soldByThePiece(pack)) {
		parts.push(`${formatRupiah(suggested)} per ${pack.word} sama dengan ${formatRupiah(unitPrice(suggested, pack).value)} per ${per}.`);
	}
	if (p.position) parts.push(`Dibandingkan dengan ${formatNumber(p.position.n)} produk serupa.`);
	return parts.join(' ');
}

function priceAdvice(p: AdviceInput['price']): Advice | null {
	if (!p || !p.position || p.position.n < MIN_COMPARABLE || !(p.own > 0)) return null;
	const { position, range, pack } = p;
	const ownUnit = unitPrice(p.own, pack).value;
	if (position.band === 'lebih-mahal') {
		const why = sellersThan(shareOfSellers(position.cheaperCount, position.n, position.outOf10), 'lebih murah', 'penjual serupa');
		if (range && ownUnit > range.high) {
			const to = roundPackPrice(packPriceAt(range.high, pack), 'down');
			return { kind: 'harga', title: `Turunkan harga ke sekitar ${formatRupiah(to)} per ${packPhrase(pack)}.`, why, basis: priceBasis(p, to) };
		}
		return { kind: 'harga', title: 'Jangan naikkan harga dulu.', why, basis: priceBasis(p, null) };
	}
	if (position.band === 'lebih-murah') {
		const why = sellersThan(shareOfSellers(position.pricierCount, position.n, position.outOf10), 'lebih mahal', 'penjual serupa');
		if (range && ownUnit < range.low) {
			const to = roundPackPrice(packPriceAt(range.low, pack), 'up');
			return { kind: 'harga', title: `Naikkan harga ke sekitar ${formatRupiah(to)} per ${packPhrase(pack)}.`, why, basis: priceBasis(p, to) };
		}
		return { kind: 'harga', title: 'Harga Anda masih bisa naik sedikit.', why, basis: priceBasis(p, null) };
	}
	return { kind: 'harga', title: 'Pertahankan harga Anda sekarang.', why: 'Harga Anda sudah sama dengan kebanyakan penjual.', basis: priceBasis(p, null) };
}

/** When a peak is close enough to act on: from 4 weeks before its lead time to its day. */
function peakNear(peak: AdviceInput['peak']): peak is NonNullable<AdviceInput['peak']> {
	return !!peak && peak.weeksUntil >= 0 && peak.weeksUntil <= peak.weeksBefore + 4;
}

/** One stock suggestion from demand and the coming peak together, or none. */
function stockAdvice(input: AdviceInput): Advice | null {
	const direction = input.demand?.direction ?? null;
	const demandWhy = input.demand?.sentence ? `Penjualan produk serupa: ${input.demand.sentence.charAt(0).toLowerCase()}${input.demand.sentence.slice(1)}` : null;
	const peak = peakNear(input.peak) ? input.peak : null;
	const peakWhy = peak ? peakSentence(peak) : null;
	const why = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ');
	if (direction === 'turun') {
		// The season yields to what buyers do now; both are said, in one sentence.
		if (peak) return { kind: 'stok', title: `Jangan tambah stok dulu, walau ${peak.name} sudah dekat.`, why: why(demandWhy, peakWhy) };
		return { kind: 'stok', title: 'Jangan tambah stok dulu, permintaan sedang turun.', why: why(demandWhy) };
	}
	if (direction === 'naik') {
		if (peak) return { kind: 'stok', title: `Tambah stok untuk ${peak.name}, permintaan sudah naik.`, why: why(demandWhy, peakWhy) };
		return { kind: 'stok', title: 'Tambah stok, permintaan sedang naik.', why: why(demandWhy) };
	}
	if (peak) {
		const title = peak.weeksUntil <= peak.weeksBefore ? `Siapkan stok untuk ${peak.name} mulai sekarang.` : `Mulai rencanakan stok untuk ${peak.name}.`;
		return { kind: 'stok', title, why: why(peakWhy, demandWhy) };
	}
	if (direction === 'stabil') return { kind: 'stok', title: 'Jaga stok seperti biasa.', why: why(demandWhy) };
	return null;
}

function complaintAdvice(c: AdviceInput['topComplaint']): Advice | null {
	if (!c || !(c.reviews >= MIN_THEME_REVIEWS)) return null;
	const key = c.aspect === 'pelayanan penjual' ? 'pelayanan' : c.aspect;
	const known = Object.hasOwn(COMPLAINT, key) ? COMPLAINT[key as Aspect] : undefined;
	return {
		kind: 'keluhan',
		title: known?.title ?? `Perhatikan soal ${c.aspect} yang sering dikeluhkan.`,
		why: `Pembeli produk serupa paling sering mengeluhkan ${known?.about ?? c.aspect} (${formatNumber(c.reviews)} ulasan).`
	};
}

function staleAdvice(dataUntil: string | null): Advice {
	return {
		kind: 'data',
		title: 'Perbarui data pasar dulu, data ini sudah lama.',
		why: `${dataUntil ? `Data per ${formatDate(dataUntil)}, lebih dari 4 minggu lalu.` : 'Data sudah lebih dari 4 minggu.'} Saran harga dan stok menunggu data baru.`
	};
}

/**
 * Two to four suggestions, most useful first: price, stock, the top complaint of competitors'
 * buyers; general advice fills up to two so the card is never empty. Old data: a request for
 * new data instead of price and stock advice.
 */
export function advise(input: AdviceInput): Advice[] {
	const out = (
		input.stale ? [staleAdvice(input.dataUntil), complaintAdvice(input.topComplaint)] : [priceAdvice(input.price), stockAdvice(input), complaintAdvice(input.topComplaint)]
	).filter((a): a is Advice => a !== null);
	for (const f of FALLBACK) if (out.length < 2) out.push(f);
	return out.slice(0, 4);
}

type Stance = 'more' | 'less' | 'keep';

/** What a sentence tells the producer to do with stock, read from its words (not its kind). */
export function stockStance(text: string): Stance | null {
	const t = text.toLowerCase();
	if (/jangan tambah stok|tahan stok|kurangi stok/.test(t)) return 'less';
	if (/(siapkan|tambah|rencanakan|perbanyak) stok/.test(t)) return 'more';
	if (/jaga stok/.test(t)) return 'keep';
	return null;
}

/** What a sentence tells the producer to do with the price. */
export function priceStance(text: string): 'up' | 'down' | 'keep' | null {
	const t = text.toLowerCase();
	if (/jangan naikkan harga|pertahankan harga/.test(t)) return 'keep';
	if (/naikkan harga|harga anda masih bisa naik/.test(t)) return 'up';
	if (/turunkan harga/.test(t)) return 'down';
	return null;
}

/**
 * Everything wrong with a list of suggestions, as short English reasons (empty: consistent).
 * Judged on the titles' words, so a list built by any code can be checked: two stock or two
 * price directions, a stock or price suggestion from old data, a sentence over 15 words, a
 * repeated suggestion, fewer than 2 or more than 4.
 */
export function contradictions(list: Advice[], opts: { stale?: boolean } = {}): string[] {
	const problems: string[] = [];
	if (list.length < 2 || list.length > 4) problems.push(`${list.length} suggestions`);
	const stock = list.map((a) => stockStance(a.title)).filter((s): s is Stance => s !== null);
	const price = list.map((a) => priceStance(a.title)).filter((s) => s !== null);
	if (new Set(stock).size > 1) problems.push(`stock says ${[...new Set(stock)].join(' and ')}`);
	if (stock.length > 1) problems.push('more than one stock suggestion');
	if (new Set(price).size > 1 || price.length > 1) problems.push(`price says ${price.join(' and ')}`);
	if (opts.stale && (stock.length || price.length)) problems.push('price or stock advice from old data');
	if (new Set(list.map((a) => a.title)).size < list.length) problems.push('a suggestion repeated');
	for (const a of list) {
		const words = a.title.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
		if (words > MAX_WORDS) problems.push(`title over ${MAX_WORDS} words: ${a.title}`);
	}
	return problems;
}
