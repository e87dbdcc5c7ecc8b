// Stable keys, so that importing the same listing again adds a snapshot, not a new listing.
// Per marketplace, in this order:
//   1. the listing id the source gives (Shopee itemid)          → "id:16815372275"
//   2. a listing id inside the URL (Shopee "-i.SHOP.ITEM", Lazada "-i123.html", Bukalapak
//      "/p/…/3z93kky-jual-…")                                    → "id:3z93kky"
//   3. the URL itself, lower-cased, without scheme, "www.", query and fragment
//                                                                 → "url:tokopedia.com/toko/produk"
//      (Tokopedia's sponsored "ta.tokopedia.com/promo/…" redirect URLs change on every page
//      load, so they are not used.)
//   4. otherwise a fingerprint: "fp:" + the first 20 hex digits of sha1(normalised title + "|" +
//      normalised shop name, or the location when there is no shop). Normalised = lower case,
//      NFKC, every run of non-letters/digits one space, trimmed. Price is deliberately not part
//      of it: a later file with a new price is the same listing with a new snapshot.
//      Two rows of one file with the same fingerprint but different values are different
//      listings (Lazada lists "Apple iPhone 13" twice): the second gets "#2", the third "#3".
import { createHash } from 'node:crypto';

export function normText(s: string | null | undefined): string {
	return (s ?? '')
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export function fingerprint(title: string, shopOrLocation: string | null | undefined): string {
	const h = createHash('sha1').update(`${normText(title)}|${normText(shopOrLocation)}`).digest('hex');
	return `fp:${h.slice(0, 20)}`;
}

/** A listing id hidden in a marketplace URL, if the URL has one. */
export function idFromUrl(url: string): string | null {
	const shopee = /-i\.(\d+)\.(\d+)/.exec(url) ?? /shopee\.co\.id\/product\/(\d+)\/(\d+)/.exec(url);
	if (shopee) return shopee[2];
	const lazada = /lazada\.co\.id\/products\/.*-i(\d+)(?:-s\d+)?\.html/.exec(url);
	if (lazada) return lazada[1];
	const bukalapak = /bukalapak\.com\/p\/(?:[^?#]*\/)?([0-9a-z]{4,12})-jual-/.exec(url);
	if (bukalapak) return bukalapak[1];
	return null;
}

/** The URL as a key, or null when it is empty or known to be unstable. */
export function urlKey(url: string): string | null {
	const u = url.trim();
	if (!u || /ta\.tokopedia\.com\/promo\//i.test(u)) return null;
	const k = u
		.replace(/^[a-z]+:\/\//i, '')
		.replace(/^www\./i, '')
		.replace(/[?#].*$/, '')
		.replace(/\/+$/, '')
		.toLowerCase();
	return k ? `url:${k}` : null;
}

export function listingKey(opts: {
	listingId?: string | null;
	url?: string | null;
	title: string;
	shop?: string | null;
	location?: string | null;
}): string {
	const id = opts.listingId?.trim();
	if (id) return `id:${id}`;
	if (opts.url) {
		const fromUrl = idFromUrl(opts.url);
		if (fromUrl) return `id:${fromUrl}`;
		const k = urlKey(opts.url);
		if (k) return k;
	}
	return fingerprint(opts.title, opts.shop?.trim() ? opts.shop : opts.location);
}

/** A review's key within its listing: the source's review id, else a fingerprint of its content. */
export function reviewKey(opts: { reviewId?: string | null; reviewer?: string | null; date?: string | null; stars?: number | null; text: string }): string {
	const id = opts.reviewId?.trim();
	if (id) return `id:${id}`;
	const h = createHash('sha1')
		.update(`${opts.reviewer?.trim() ?? ''}|${opts.date ?? ''}|${opts.stars ?? ''}|${opts.text.trim()}`)
		.digest('hex');
	return `fp:${h.slice(0, 20)}`;
}
