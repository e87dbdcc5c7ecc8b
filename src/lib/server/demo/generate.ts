// Pure generation of demo rows: titles, prices, a listing's weekly history and its reviews.
// Nothing here touches the database; seed.ts decides ids and writes.
import { readPackSize, type PackStatus } from '../../analysis/units';
import type { UnitFamily } from '../category-tree';
import type { Leaf, ThemeGroup } from './catalog';
import { GENERAL_THEMES, GROUP_THEMES, NEGATIVE_CLOSERS, POSITIVE_CLOSERS, POSITIVE_OPENERS, SHORT_REVIEWS, type Theme } from './phrases';
import type { Rng } from './prng';

// ---------------------------------------------------------------------------------------
// Titles

interface Option {
	text: string;
	mult: number;
	/** The true kind of product (first slot: 'Vas Bunga Keramik#vas-keramik'). */
	kind?: string;
}

const slotCache = new Map<string, Option[]>();

function options(spec: string): Option[] {
	let cached = slotCache.get(spec);
	if (!cached) {
		cached = spec.split('|').map((o) => {
			const [named, mult] = o.split('@');
			const [text, kind] = named.split('#');
			return { text: text.trim(), mult: mult ? Number(mult) : 1, kind: kind?.trim() };
		});
		slotCache.set(spec, cached);
	}
	return cached;
}

export interface TitleDraft {
	title: string;
	/** Product-type price multiplier (a guci costs more than a celengan). */
	priceMult: number;
	/** The pack quantity the title states, in base units (1 when it states none). */
	intendedQty: number;
	/** What the pack really holds, in base units: prices the listing (a jar without a weight in its title still holds 200 g). */
	realQty: number;
	/** The true kind of product ('vas-keramik', 'sambal', 'bawang-goreng'): what competitor sets are scored against. */
	truth: string;
	/** Words of the product type (the first slot: "pot gerabah", "kopi arabika"). */
	typeWords: string[];
	/** Other descriptive words of the name, without pack and marketing parts. */
	coreWords: string[];
}

const TAGS = ['[READY STOCK]', 'PROMO', 'COD', 'TERMURAH', 'BISA COD', 'NEW', 'SALE', 'Grosir'];

/**
 * A marketplace-style title for a leaf. `clean` leaves out tags and marketing words (for a
 * producer's own product name); `wholesale` uses the leaf's big grosir pack.
 */
export function makeTitle(rng: Rng, leaf: Leaf, opts: { clean?: boolean; wholesale?: boolean } = {}): TitleDraft {
	const parts: string[] = [];
	const core: string[] = [];
	let mult = 1;
	let truth = '';
	leaf.slots.forEach(([p, spec], i) => {
		const isExtra = i === leaf.slots.length - 1 && leaf.slots.length > 3 && p < 0.5;
		if (opts.clean && isExtra) return;
		if (i > 0 && !rng.chance(p)) return;
		const o = rng.pick(options(spec));
		if (i === 0) {
			if (!o.kind) throw new Error(`demo catalog: ${leaf.slug} option "${o.text}" has no #kind`);
			truth = o.kind;
		}
		parts.push(o.text);
		if (!isExtra) core.push(o.text);
		mult *= o.mult;
	});
	let pack: string;
	let qty: number;
	let real: number;
	if (opts.wholesale) [pack, qty] = leaf.kindWholesale?.[truth] ?? leaf.wholesale;
	else {
		// A producer's own product always states its content; market listings may not.
		const packs = (leaf.kindPacks?.[truth] ?? leaf.packs).filter((p) => !opts.clean || p[3] === undefined);
		const chosen = rng.weighted(packs, packs.map((p) => p[2]));
		pack = chosen[0];
		qty = chosen[1];
		real = chosen[3] ?? qty;
	}
	real ??= qty;
	if (pack) {
		// Usually at the end, sometimes before the marketing words.
		if (parts.length > 2 && rng.chance(0.25)) parts.splice(parts.length - 1, 0, pack);
		else parts.push(pack);
	}
	if (!opts.clean) {
		if (rng.chance(0.06)) parts.unshift(rng.pick(TAGS));
		if (rng.chance(0.08)) parts[opts.wholesale ? 0 : 0] = parts[0].toUpperCase();
		if (rng.chance(0.05) && parts.length > 2) parts.splice(1, 0, '-');
	}
	const words = (texts: string[]) =>
		texts
			.join(' ')
			.toLowerCase()
			.split(/[^a-z]+/)
			.filter((w) => w.length >= 3 && !STOPWORDS.has(w));
	return {
		title: parts.join(' ').replace(/\s+/g, ' ').trim(),
		priceMult: mult,
		intendedQty: qty,
		realQty: real,
		truth,
		typeWords: words(core.slice(0, 1)),
		coreWords: words(core.slice(1))
	};
}

const STOPWORDS = new Set(['isi', 'set', 'pcs', 'gram', 'ukuran', 'diameter', 'tinggi', 'size', 'dan', 'inch', 'meter', 'panjang', 'all', 'mini', 'jumbo', 'besar', 'kecil', 'sedang']);

export interface PackFields {
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	unitFamily: UnitFamily;
	packStatus: PackStatus;
}

/** Pack fields exactly as the ingest pipeline would derive them from a title. */
export function packFields(title: string): PackFields {
	const { pack: p, status } = readPackSize(title);
	return p
		? { packQuantity: p.quantity, unit: p.unit, unitFamily: p.family, packStatus: status }
		: { packQuantity: 1, unit: 'pcs', unitFamily: 'count', packStatus: status };
}

// ---------------------------------------------------------------------------------------
// Money

/** Rounds like sellers do: Rp24.900 ("charm") or Rp25.000 / Rp25.500. */
export function roundPrice(p: number, charm: boolean): number {
	if (p < 1000) return Math.max(100, Math.round(p / 50) * 50);
	if (p < 10_000) return charm ? Math.max(900, Math.ceil(p / 500) * 500 - 100) : Math.round(p / 100) * 100;
	if (p < 1_000_000) return charm ? Math.ceil(p / 1000) * 1000 - 100 : Math.round(p / 500) * 500;
	return charm ? Math.ceil(p / 10_000) * 10_000 - 1000 : Math.round(p / 5000) * 5000;
}

/**
 * What a counter shows (see Marketplace.bucketed): exact when not bucketed or below 100;
 * 'fine' exact below 1.000 then steps of 100 ("1,2RB"); 'coarse' "100+", "250+", "1 rb+" ….
 */
export function displaySold(n: number, bucketed: false | 'coarse' | 'fine'): { count: number; lowerBound: boolean } {
	if (!bucketed || n < 100) return { count: n, lowerBound: false };
	if (bucketed === 'fine') return n < 1000 ? { count: n, lowerBound: false } : { count: Math.floor(n / 100) * 100, lowerBound: true };
	let count: number;
	if (n < 1000) count = n >= 750 ? 750 : n >= 500 ? 500 : n >= 250 ? 250 : 100;
	else if (n < 10_000) count = Math.floor(n / 1000) * 1000;
	else if (n < 100_000) count = Math.floor(n / 10_000) * 10_000;
	else count = Math.floor(n / 100_000) * 100_000;
	return { count, lowerBound: true };
}

// ---------------------------------------------------------------------------------------
// Reviews

export type ReviewKind = 'positive' | 'short' | 'mixed' | 'negative';

export interface ShopProfile {
	quality: number;
	issue: Theme;
	issueStrength: number;
}

export interface ReviewDraft {
	stars: number;
	text: string;
	kind: ReviewKind;
	themes: string[];
}

const SLANG: [RegExp, string[], number][] = [
	[/\btidak\b/g, ['ga', 'gk', 'tdk', 'nggak', 'gak'], 0.6],
	[/\bbanget\b/g, ['bgt', 'bngt'], 0.6],
	[/\bbarang\b/g, ['brg'], 0.35],
	[/\bpengiriman\b/g, ['pngiriman', 'pengirimannya'], 0.3],
	[/\bsudah\b/g, ['udah', 'sdh', 'udh'], 0.5],
	[/\byang\b/g, ['yg'], 0.6],
	[/\bsampai\b/g, ['sampe', 'nyampe'], 0.5],
	[/\bterima kasih\b/g, ['makasih', 'mksh', 'thx'], 0.5],
	[/\bkarena\b/g, ['krn'], 0.5],
	[/\bdengan\b/g, ['dgn'], 0.4],
	[/\bbagus\b/g, ['bagusss', 'bgs', 'baguss'], 0.25],
	[/\bmantap\b/g, ['mantappp', 'mantab', 'mantul'], 0.25],
	[/\bcepat\b/g, ['cepet', 'cpt'], 0.3],
	[/\bpakai\b/g, ['pake'], 0.5],
	[/\buntuk\b/g, ['utk', 'buat'], 0.4],
	[/\bsama\b/g, ['sm'], 0.3],
	[/\bsaja\b/g, ['aja'], 0.6]
];

function slangify(rng: Rng, text: string): string {
	let out = text;
	for (const [re, subs, p] of SLANG) out = out.replace(re, (m) => (rng.chance(p) ? rng.pick(subs) : m));
	return out;
}

function elongate(rng: Rng, word: string): string {
	const last = word[word.length - 1];
	return /[a-z]/.test(last) ? word + last.repeat(rng.int(1, 3)) : word;
}

function themeWeights(group: ThemeGroup, polarity: 'pos' | 'neg'): [Theme[], number[]] {
	const g = GROUP_THEMES[group].filter((t) => t.polarity === polarity);
	const a = GENERAL_THEMES.filter((t) => t.polarity === polarity);
	// Product-specific themes dominate complaints; general ones (pengiriman, penjual) dominate praise less.
	return [[...g, ...a], [...g.map(() => (polarity === 'neg' ? 3 : 2)), ...a.map(() => 1)]];
}

const themeCache = new Map<string, [Theme[], number[]]>();

function pickTheme(rng: Rng, group: ThemeGroup, polarity: 'pos' | 'neg', avoid: string[] = []): Theme {
	const key = `${group}:${polarity}`;
	let tw = themeCache.get(key);
	if (!tw) themeCache.set(key, (tw = themeWeights(group, polarity)));
	for (let tries = 0; tries < 5; tries++) {
		const t = rng.weighted(tw[0], tw[1]);
		if (!avoid.includes(t.id)) return t;
	}
	return rng.weighted(tw[0], tw[1]);
}

/** Negative themes a shop can be known for (its recurring complaint). */
export function shopIssueCandidates(group: ThemeGroup): Theme[] {
	return [...GROUP_THEMES[group].filter((t) => t.polarity === 'neg'), ...GENERAL_THEMES.filter((t) => t.id === 'pengiriman-lama' || t.id === 'tidak-sesuai')];
}

/** Share of a listing's reviews that complain, from its hidden quality. */
export function negativeShare(quality: number): number {
	return 1 / (1 + Math.exp(2.9 + 1.1 * quality));
}

const MIXED_SHARE = 0.08;
const SHORT_SHARE = 0.12;

/** Mean stars a listing of this quality collects. */
export function expectedStars(quality: number): number {
	const neg = negativeShare(quality);
	const rest = 1 - neg - MIXED_SHARE - SHORT_SHARE;
	return rest * 4.85 + SHORT_SHARE * 4.7 + MIXED_SHARE * 3.45 + neg * 1.8;
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One review in informal Indonesian; stars follow the themes it mentions. */
export function makeReview(rng: Rng, group: ThemeGroup, quality: number, shop: ShopProfile): ReviewDraft {
	const neg = negativeShare(quality);
	const r = rng.next();
	const kind: ReviewKind = r < neg ? 'negative' : r < neg + MIXED_SHARE ? 'mixed' : r < neg + MIXED_SHARE + SHORT_SHARE ? 'short' : 'positive';
	const negTheme = () => (rng.chance(shop.issueStrength) ? shop.issue : pickTheme(rng, group, 'neg'));
	const themes: string[] = [];
	let text: string;
	let stars: number;
	if (kind === 'short') {
		text = rng.pick(SHORT_REVIEWS);
		stars = rng.chance(0.7) ? 5 : 4;
	} else if (kind === 'positive') {
		const n = rng.weighted([1, 2, 3], [0.35, 0.45, 0.2]);
		const clauses: string[] = [];
		for (let i = 0; i < n; i++) {
			const t = pickTheme(rng, group, 'pos', themes);
			themes.push(t.id);
			clauses.push(rng.pick(t.phrases));
		}
		if (rng.chance(0.4)) clauses[clauses.length - 1] = elongate(rng, clauses[clauses.length - 1]);
		text = clauses.join(rng.pick([', ', '. ', ', ', ' '])); // "packing aman pengiriman cepat" happens too
		if (rng.chance(0.3)) text = `${rng.pick(POSITIVE_OPENERS)}, ${text}`;
		if (rng.chance(0.35)) text = `${text}. ${rng.pick(POSITIVE_CLOSERS)}`;
		stars = rng.chance(0.85) ? 5 : 4;
	} else if (kind === 'mixed') {
		const p = pickTheme(rng, group, 'pos');
		const q = negTheme();
		themes.push(p.id, q.id);
		if (rng.chance(0.65)) {
			text = `${rng.pick(p.phrases)} tapi ${rng.pick(q.phrases)}`;
			stars = rng.chance(0.55) ? 3 : 4;
		} else {
			text = `${rng.pick(q.phrases)}, tapi ${rng.pick(p.phrases)}`;
			stars = rng.chance(0.6) ? 4 : 3;
		}
	} else {
		const a = negTheme();
		themes.push(a.id);
		const clauses = [rng.pick(a.phrases)];
		if (rng.chance(0.4)) {
			const b = pickTheme(rng, group, 'neg', themes);
			themes.push(b.id);
			clauses.push(rng.pick(b.phrases));
		}
		text = clauses.join(rng.pick([', ', '. ', ', udah gitu ']));
		if (rng.chance(0.5)) text = `${text}. ${rng.pick(NEGATIVE_CLOSERS)}`;
		stars = rng.weighted([1, 2, 3], [0.4, 0.4, 0.2]);
	}
	text = slangify(rng, text);
	const style = rng.next();
	if (style < 0.55) text = capitalise(text);
	else if (style < 0.6 && kind === 'negative') text = text.toUpperCase();
	if (rng.chance(0.06)) text += ' ??';
	else if (rng.chance(0.1)) text += kind === 'negative' ? '!!' : '!';
	return { stars, text, kind, themes };
}
