// Validation and normalisation of one mapped row, through the pure analysis core: Rupiah
// (parseRupiah/parsePriceRange), sold counters (parseSoldCount), pack size (parsePackSize).
// A row is either a normalised record or a list of problems, each naming the source column
// and the reason in Indonesian and English. Required: a title and a price above 0 (listings),
// a text (reviews). An optional cell that is filled but unreadable rejects the row too: a
// silently emptied cell would be a lost value, and it usually means a wrong column mapping.
import { parsePriceRange, parseRupiah } from '$lib/analysis/money';
import { parseSoldCount } from '$lib/analysis/sold';
import { readPackSize, type PackSize, type PackStatus } from '$lib/analysis/units';
import type { Field, RawRecord, RowProblem } from './fields';
import { listingKey, reviewKey } from './keys';
import type { Shape } from './shapes';

const KNOWN_MARKETPLACES: [RegExp, string, string][] = [
	[/^tokopedia/, 'tokopedia', 'Tokopedia'],
	[/^shopee/, 'shopee', 'Shopee'],
	[/^lazada/, 'lazada', 'Lazada'],
	[/^bukalapak/, 'bukalapak', 'Bukalapak'],
	[/^(tiktok|tik tok)/, 'tiktok', 'TikTok Shop'],
	[/^blibli/, 'blibli', 'Blibli']
];

// A file names a handful of marketplaces a million times: each spelling is read once.
const marketplaceMemo = new Map<string, { id: string; name: string } | null>();

/** "Tokopedia", "tokopedia.com", "SHOPEE Indonesia", "TikTok Shop" → { id, name }. */
export function normaliseMarketplace(text: string): { id: string; name: string } | null {
	let m = marketplaceMemo.get(text);
	if (m === undefined) {
		m = readMarketplace(text);
		if (marketplaceMemo.size >= 1000) marketplaceMemo.clear();
		marketplaceMemo.set(text, m);
	}
	return m && { id: m.id, name: m.name };
}

function readMarketplace(text: string): { id: string; name: string } | null {
	const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
	if (!t) return null;
	for (const [re, id, name] of KNOWN_MARKETPLACES) if (re.test(t)) return { id, name };
	const id = t
		.replace(/\.(co\.id|com|id)$/, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	if (!id) return null;
	return { id, name: text.trim().replace(/\s+/g, ' ') };
}

/**
 * Titles with stray newlines, tabs, no-break spaces, control characters and runs of spaces become
 * one clean line. (A NUL byte from a broken scrape would also fail the whole import on PostgreSQL,
 * whose text refuses it.)
 */
export function cleanText(s: string | undefined): string {
	if (!s) return '';
	// Most cells hold single spaces only: then collapsing changes nothing and trim() suffices.
	if (!UNCLEAN.test(s)) return s.trim();
	return s.replace(/[\s\u0000-\u001f\u007f\u00a0\u202f\u200b]+/g, ' ').trim();
}
// Whitespace other than a single space (every \s but U+0020, and U+200B), control characters, or two spaces in a row.
const UNCLEAN = /[\u0000-\u001f\u007f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

// Every pattern of readPackSize needs a number followed (after spaces) by a letter, ×, *, @
// or "/", or the word "isi": a title without either has no pack size, and most such titles
// are skipped without running its six patterns. Case-insensitive without the u flag, as there.
const MAY_STATE_PACK = /\d\s*[a-z×*@/]|isi/i;


/** "2023-03-23 02:54:28", "2023-03-23", "23/03/2023", "23-03-2023", Unix seconds → "2023-03-23"; null if unreadable. */
export function parseDay(text: string): string | null {
	const t = text.trim();
	let y: number, m: number, d: number;
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(t);
	if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/.exec(t))) [y, m, d] = [Number(match[3]), Number(match[2]), Number(match[1])];
	else if (/^\d{9,10}$/.test(t)) return new Date(Number(t) * 1000).toISOString().slice(0, 10);
	else return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

export interface NormalShop {
	externalId: string;
	name: string;
	rating: number | null;
	location: string | null;
}

export interface NormalListing {
	marketplace: { id: string; name: string };
	key: string;
	url: string | null;
	title: string;
	price: number;
	priceMax: number | null;
	sold: number | null;
	soldLowerBound: boolean;
	soldMonthly: number | null;
	rating: number | null;
	reviewCount: number | null;
	/** ratings with 1…5 stars, when the source shows the star bars */
	starCounts: number[] | null;
	shop: NormalShop | null;
	location: string | null;
	category: string | null;
	pack: PackSize | null;
	/** 'none': no size in the title; 'conflict': two sizes that contradict each other (named on the price card). */
	packStatus: PackStatus;
	observedAt: string | null;
}

export interface NormalReview {
	/** The listing the review belongs to; price 0 when the source does not say (no snapshot then). */
	listing: NormalListing;
	/** The review set said something about the listing (price, sold…): worth a snapshot. */
	listingObserved: boolean;
	key: string;
	reviewedAt: string | null;
	stars: number | null;
	text: string;
}

export type Normalised<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

export interface NormaliseContext {
	shape: Shape;
	/** The source column a field came from, for messages. */
	columnOf(field: Field): string;
	/** Name of the file, for listings of review sets that name no product. */
	fileName: string;
}

class Problems {
	list: RowProblem[] = [];
	constructor(private ctx: NormaliseContext) {}
	add(field: Field, reasonId: string, reasonEn: string): null {
		this.list.push({ column: this.ctx.columnOf(field), reasonId, reasonEn });
		return null;
	}
}

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

function zeroMissing(ctx: NormaliseContext, field: Field, raw: string | undefined): string | undefined {
	if (!present(raw)) return undefined;
	if (ctx.shape.zeroMissing?.includes(field) && /^0+(?:[.,]0+)?$/.test(raw.trim())) return undefined;
	return raw;
}

function count(p: Problems, ctx: NormaliseContext, field: Field, raw: string | undefined): number | null {
	const v = zeroMissing(ctx, field, raw);
	if (v === undefined) return null;
	const c = parseSoldCount(v);
	if (!c) return p.add(field, `Angka tidak terbaca: "${v.trim().slice(0, 40)}"`, `Unreadable number: "${v.trim().slice(0, 40)}"`);
	return c.count;
}

function rating(p: Problems, ctx: NormaliseContext, field: Field, raw: string | undefined): number | null {
	const v = zeroMissing(ctx, field, raw);
	if (v === undefined) return null;
	const n = Number(v.trim().replace(',', '.'));
	if (!Number.isFinite(n) || n < 0 || n > 5) {
		return p.add(field, `Rating harus 0 sampai 5, tertulis "${v.trim().slice(0, 20)}"`, `Rating must be 0 to 5, got "${v.trim().slice(0, 20)}"`);
	}
	return Math.round(n * 1000) / 1000;
}

const STAR_FIELDS = ['stars_1', 'stars_2', 'stars_3', 'stars_4', 'stars_5'] as const;

/**
 * The listing's star bars, 1★ first. Scrapers label them inconsistently (the Tokopedia sambal
 * files name the 5-star bar "Rating 1 Count"), so when the listing's average is known the order
 * that reproduces it is taken; a bar set that fits neither order is refused with the reason.
 */
function starBars(p: Problems, ctx: NormaliseContext, rec: RawRecord, average: number | null): number[] | null {
	if (!STAR_FIELDS.some((f) => present(rec[f]))) return null;
	const bars: number[] = [];
	for (const f of STAR_FIELDS) {
		const v = count(p, ctx, f, rec[f] ?? '0');
		if (v === null) return null;
		bars.push(v);
	}
	const total = bars.reduce((a, b) => a + b, 0);
	if (total === 0) return null;
	if (average === null) return bars;
	const mean = (b: number[]) => b.reduce((s, n, i) => s + n * (i + 1), 0) / total;
	const reversed = [...bars].reverse();
	const direct = Math.abs(mean(bars) - average);
	const flipped = Math.abs(mean(reversed) - average);
	// A shown average is rounded to one decimal: allow that, and a little more for late ratings.
	if (Math.min(direct, flipped) > 0.15)
		return p.add(
			'stars_1',
			`Jumlah bintang per tingkat tidak cocok dengan rata-rata ${average} (dibaca ${mean(bars).toFixed(2)} atau ${mean(reversed).toFixed(2)})`,
			`Star counts do not match the average ${average} (read as ${mean(bars).toFixed(2)} or ${mean(reversed).toFixed(2)})`
		);
	return flipped < direct ? reversed : bars;
}

function marketplaceOf(p: Problems, ctx: NormaliseContext, rec: RawRecord): { id: string; name: string } | null {
	if (present(rec.marketplace)) {
		const m = normaliseMarketplace(rec.marketplace);
		if (!m) return p.add('marketplace', 'Nama marketplace tidak terbaca', 'Unreadable marketplace name');
		return m;
	}
	if (ctx.shape.marketplace) return normaliseMarketplace(ctx.shape.marketplace);
	return p.add('marketplace', 'Marketplace kosong', 'Marketplace is empty');
}

function shopOf(rec: RawRecord, shopRating: number | null): NormalShop | null {
	const name = cleanText(rec.shop_name);
	const id = rec.shop_id?.trim();
	if (!name && !id) return null;
	return {
		// Without a shop id, the shop is known by its name within the marketplace.
		externalId: id ? `id:${id}` : `name:${name.toLowerCase()}`,
		name: name || id!,
		rating: shopRating,
		location: cleanText(rec.location) || null
	};
}

/** The listing part shared by listing rows and the product attributes of review rows. */
function listingPart(
	p: Problems,
	ctx: NormaliseContext,
	rec: RawRecord,
	title: string,
	priceRequired: boolean
): NormalListing | null {
	const marketplace = marketplaceOf(p, ctx, rec);

	let price = 0;
	let priceMax: number | null = null;
	const priceRaw = zeroMissing(ctx, 'price', rec.price);
	if (priceRaw === undefined) {
		if (priceRequired) p.add('price', 'Harga kosong', 'Price is empty');
	} else {
		const range = parsePriceRange(priceRaw);
		// "-25000" or "Rp -25.000": a negative price, said so (not "unreadable").
		if (!range && /^\s*(?:rp\.?\s*)?[-−]\s*(?:rp\.?\s*)?\d/i.test(priceRaw)) p.add('price', `Harga negatif: "${priceRaw.trim().slice(0, 40)}"`, `Negative price: "${priceRaw.trim().slice(0, 40)}"`);
		else if (!range) p.add('price', `Harga tidak terbaca: "${priceRaw.trim().slice(0, 40)}"`, `Unreadable price: "${priceRaw.trim().slice(0, 40)}"`);
		else if (range.min <= 0) p.add('price', 'Harga 0: tidak ada harga', 'Price is 0: no price');
		else {
			price = range.min;
			if (range.max > range.min) priceMax = range.max;
		}
	}
	const maxRaw = zeroMissing(ctx, 'price_max', rec.price_max);
	if (maxRaw !== undefined) {
		const m = parseRupiah(maxRaw);
		if (m === null) p.add('price_max', `Harga tertinggi tidak terbaca: "${maxRaw.trim().slice(0, 40)}"`, `Unreadable maximum price: "${maxRaw.trim().slice(0, 40)}"`);
		else if (m > price && price > 0) priceMax = Math.max(priceMax ?? 0, m);
	}

	let sold: number | null = null;
	let soldLowerBound = false;
	let soldMonthly: number | null = null;
	const soldRaw = zeroMissing(ctx, 'sold', rec.sold);
	if (soldRaw !== undefined) {
		const s = parseSoldCount(soldRaw);
		if (!s) p.add('sold', `Jumlah terjual tidak terbaca: "${soldRaw.trim().slice(0, 40)}"`, `Unreadable sold count: "${soldRaw.trim().slice(0, 40)}"`);
		else {
			const perMonth = s.perMonth || ctx.shape.soldPerMonth || /^(bulan|month|monthly|per bulan|30d)$/i.test(rec.sold_period?.trim() ?? '');
			// A one-month window is not a lifetime counter: kept apart so demand is not misread.
			if (perMonth) soldMonthly = s.count;
			else {
				sold = s.count;
				soldLowerBound = s.lowerBound || !!ctx.shape.soldLowerBound;
			}
		}
	}

	const listingRating = rating(p, ctx, 'rating', rec.rating);
	const reviewCount = count(p, ctx, 'review_count', rec.review_count);
	const starCounts = starBars(p, ctx, rec, listingRating);
	const shopRating = rating(p, ctx, 'shop_rating', rec.shop_rating);

	let observedAt: string | null = null;
	if (present(rec.observed_at)) {
		observedAt = parseDay(rec.observed_at);
		if (!observedAt) p.add('observed_at', `Tanggal tidak terbaca: "${rec.observed_at.trim().slice(0, 30)}"`, `Unreadable date: "${rec.observed_at.trim().slice(0, 30)}"`);
	}

	if (!marketplace) return null;
	const shop = shopOf(rec, shopRating);
	const url = cleanText(rec.url) || null;
	const location = cleanText(rec.location) || null;
	const pack = title && MAY_STATE_PACK.test(title) ? readPackSize(title) : { pack: null, status: 'none' as const };
	return {
		marketplace,
		key: listingKey({ listingId: rec.listing_id, url, title, shop: shop?.name, location }),
		url,
		title,
		price,
		priceMax,
		sold,
		soldLowerBound,
		soldMonthly,
		rating: listingRating,
		reviewCount,
		starCounts,
		shop,
		location,
		category: cleanText(rec.category) || ctx.shape.defaultCategory || null,
		pack: pack.pack,
		packStatus: pack.status,
		observedAt
	};
}

export function normaliseListing(rec: RawRecord, ctx: NormaliseContext): Normalised<NormalListing> {
	const p = new Problems(ctx);
	const title = cleanText(rec.title);
	if (!title) p.add('title', 'Nama produk kosong', 'Product title is empty');
	else if (title.length > 1000) p.add('title', 'Nama produk lebih dari 1000 huruf', 'Product title longer than 1000 characters');
	const listing = listingPart(p, ctx, rec, title, true);
	if (p.list.length || !listing) return { ok: false, problems: p.list };
	return { ok: true, value: listing };
}

export function normaliseReview(rec: RawRecord, ctx: NormaliseContext): Normalised<NormalReview> {
	const p = new Problems(ctx);
	const text = cleanText(rec.text);
	if (!text) p.add('text', 'Teks ulasan kosong', 'Review text is empty');

	let stars: number | null = null;
	if (present(rec.stars)) {
		const n = Number(rec.stars.trim().replace(',', '.'));
		if (!Number.isInteger(n) || n < 1 || n > 5) p.add('stars', `Bintang harus 1 sampai 5, tertulis "${rec.stars.trim().slice(0, 20)}"`, `Stars must be 1 to 5, got "${rec.stars.trim().slice(0, 20)}"`);
		else stars = n;
	}
	let reviewedAt: string | null = null;
	if (present(rec.reviewed_at)) {
		reviewedAt = parseDay(rec.reviewed_at);
		if (!reviewedAt) p.add('reviewed_at', `Tanggal ulasan tidak terbaca: "${rec.reviewed_at.trim().slice(0, 30)}"`, `Unreadable review date: "${rec.reviewed_at.trim().slice(0, 30)}"`);
	}

	// The reviewed listing: named by id, URL or title; a review set that names none (only
	// text and stars) hangs its reviews on one listing per file.
	const listingTitle = cleanText(rec.listing_title);
	const named = present(rec.listing_id) || present(rec.listing_url) || !!listingTitle;
	const title = listingTitle || `Ulasan tanpa nama produk (${ctx.fileName})`;
	const listing = listingPart(p, ctx, { ...rec, url: rec.listing_url, title }, title, false);
	if (listing && !named) listing.key = `file:${ctx.fileName.toLowerCase()}`;
	if (p.list.length || !listing) return { ok: false, problems: p.list };
	return {
		ok: true,
		value: {
			listing,
			listingObserved: listing.price > 0,
			key: reviewKey({ reviewId: rec.review_id, reviewer: rec.reviewer, date: rec.reviewed_at?.trim(), stars, text }),
			reviewedAt,
			stars,
			text
		}
	};
}
