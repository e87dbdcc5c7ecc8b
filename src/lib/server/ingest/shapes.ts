// Source shapes: which columns of a file mean which field (fields.ts), recognised by the
// header. Two generic formats (docs/import.md) plus every real export shape in
// ../shared/data. A shape may also fix a source's quirks ("0 means no discount price",
// counters that are lower bounds, a search keyword that stands in for the category) and name
// companion files (Shopee's variants and shops, Bukalapak's product and merchant tables).
import { ALL_FIELDS, LISTING_FIELDS, REVIEW_FIELDS, SALES_FIELDS, type Field, type RawRecord, type RecordKind } from './fields';

export type CompanionKind = 'shopee-variants' | 'shopee-shops' | 'bukalapak-product' | 'bukalapak-merchant';

export interface Shape {
	id: string;
	/** Indonesian label for the form and the batch history. */
	label: string;
	kind: RecordKind | 'companion';
	companion?: CompanionKind;
	/** Marketplace when the file has no marketplace column. */
	marketplace?: string;
	/** field → column header as written in the source (matched ignoring case and spaces). */
	columns: Partial<Record<Field, string>>;
	/** Headers that must all be present to recognise the shape (default: every mapped column). */
	required?: string[];
	/** Fields where 0 means "not shown" rather than zero (unrated listings, no discount price). */
	zeroMissing?: Field[];
	/** The sold column holds lower bounds already expanded from "7 rb+" (7000). */
	soldLowerBound?: boolean;
	/** The sold column counts one month ("/ Bulan"), not the listing's lifetime. */
	soldPerMonth?: boolean;
	/** Stands in for the category when the file has none (the search keyword of a scrape). */
	defaultCategory?: string;
	/** Companion files looked for next to the main file (same folder), by file name. */
	companions?: { file: string; kind: CompanionKind }[];
	/** Source-specific fix-ups after column mapping, given the whole row by header. */
	fix?: (rec: RawRecord, get: (header: string) => string | undefined) => void;
}

const same = (fields: readonly Field[]) => Object.fromEntries(fields.map((f) => [f, f])) as Partial<Record<Field, string>>;

export const SHAPES: Shape[] = [
	{
		id: 'generic-listings',
		label: 'Format umum: daftar produk',
		kind: 'listings',
		// Rows without a marketplace (no column, or an empty cell) are filed under "Lainnya".
		marketplace: 'Lainnya',
		columns: same(LISTING_FIELDS),
		required: ['title', 'price']
	},
	{
		id: 'generic-reviews',
		label: 'Format umum: ulasan',
		kind: 'reviews',
		marketplace: 'Lainnya',
		columns: same(REVIEW_FIELDS),
		required: ['text']
	},
	{
		// Not marketplace data: a co-op's or agent's record of what producers sold (ingest/sales.ts).
		id: 'sales',
		label: 'Buku penjualan produsen: product_id, week_start, units',
		kind: 'sales',
		columns: same(SALES_FIELDS)
	},
	{
		id: 'tokopedia-laptop',
		label: 'Tokopedia: hasil pencarian (name, price, location, rating, sold, details_link)',
		kind: 'listings',
		marketplace: 'tokopedia',
		columns: { title: 'name', price: 'price', location: 'location', rating: 'rating', sold: 'sold', url: 'details_link' },
		defaultCategory: 'Laptop'
	},
	{
		id: 'tokopedia-smartphone',
		label: 'Tokopedia: hasil pencarian (Produk, Penjual, Harga Normal, Harga Diskon, Terjual)',
		kind: 'listings',
		marketplace: 'tokopedia',
		columns: {
			title: 'Produk',
			shop_name: 'Penjual',
			location: 'Lokasi',
			price_original: 'Harga Normal',
			price: 'Harga Diskon',
			rating: 'Rate',
			sold: 'Terjual'
		},
		required: ['Produk', 'Penjual', 'Lokasi', 'Harga Normal', 'Harga Diskon', 'Terjual'],
		zeroMissing: ['price', 'rating'],
		defaultCategory: 'Handphone',
		fix(rec) {
			// "Harga Diskon" is 0 when there is no discount: the normal price is what buyers pay.
			if (!rec.price || rec.price.trim() === '0') {
				rec.price = rec.price_original;
				rec.price_original = undefined;
			}
		}
	},
	{
		id: 'tokopedia-sambal-raw',
		label: 'Tokopedia: produk dan toko (Product Name, Price, Sold Count, Store Name, …)',
		kind: 'listings',
		marketplace: 'tokopedia',
		columns: {
			title: 'Product Name',
			price: 'Price',
			rating: 'Product Rating',
			review_count: 'Product Reviews Count',
			// as the columns are named; normalise.ts reads them in whichever order reproduces the
			// listing's average (in this scrape they are reversed: "Rating 1 Count" is the 5-star bar)
			stars_1: 'Rating 1 Count',
			stars_2: 'Rating 2 Count',
			stars_3: 'Rating 3 Count',
			stars_4: 'Rating 4 Count',
			stars_5: 'Rating 5 Count',
			sold: 'Sold Count',
			category: 'Category',
			shop_name: 'Store Name',
			location: 'Store Location',
			shop_rating: 'Store Rating',
			url: 'URL'
		},
		zeroMissing: ['rating', 'shop_rating']
	},
	{
		id: 'tokopedia-sambal-clean',
		label: 'Tokopedia: produk dan toko, sudah dibersihkan (produk, harga, jumlah_terjual, toko, lokasi)',
		kind: 'listings',
		marketplace: 'tokopedia',
		columns: {
			title: 'produk',
			price: 'harga',
			rating: 'rating_produk',
			review_count: 'total_review_produk',
			stars_1: 'total_rating_1',
			stars_2: 'total_rating_2',
			stars_3: 'total_rating_3',
			stars_4: 'total_rating_4',
			stars_5: 'total_rating_5',
			sold: 'jumlah_terjual',
			category: 'sub_kategori',
			shop_name: 'toko',
			location: 'lokasi',
			shop_rating: 'rating_toko'
		},
		zeroMissing: ['rating', 'shop_rating'],
		// The author expanded "7 rb+" to 7000: still a lower bound.
		soldLowerBound: true,
		fix(rec, get) {
			if (!rec.category?.trim()) rec.category = get('kategori');
		}
	},
	{
		id: 'shopee-skincare',
		label: 'Shopee: hasil pencarian (title, pricedc, terjual, link, Min Price, Max Price)',
		kind: 'listings',
		marketplace: 'shopee',
		columns: {
			title: 'title',
			price: 'pricedc',
			sold: 'terjual',
			url: 'link',
			price_original: 'Original Price',
			price_max: 'Max Price'
		},
		required: ['title', 'pricedc', 'terjual', 'link', 'Min Price', 'Max Price'],
		zeroMissing: ['price_original'],
		soldPerMonth: true,
		defaultCategory: 'Skincare',
		fix(rec, get) {
			// "pricedc" is the displayed price; "Min Price" is the same figure as a plain integer.
			if (!rec.price?.trim()) rec.price = get('Min Price');
		}
	},
	{
		id: 'shopee-earphone',
		label: 'Shopee: produk dengan varian dan toko (itemid, shopid, price_min, historical_sold, …)',
		kind: 'listings',
		marketplace: 'shopee',
		columns: {
			listing_id: 'itemid',
			shop_id: 'shopid',
			title: 'name',
			price: 'price',
			price_max: 'price_max',
			price_original: 'price_before_discount',
			category: 'category_main',
			sold: 'historical_sold',
			rating: 'rating',
			review_count: 'total_rating_count'
		},
		required: ['itemid', 'shopid', 'name', 'price_min', 'price_max', 'historical_sold'],
		zeroMissing: ['rating', 'price_original', 'price_max'],
		companions: [
			{ file: 'variants.csv', kind: 'shopee-variants' },
			{ file: 'shops.csv', kind: 'shopee-shops' }
		]
	},
	{
		id: 'lazada-iphone',
		label: 'Lazada: hasil pencarian (Title, Price, Sold)',
		kind: 'listings',
		marketplace: 'lazada',
		columns: { title: 'Title', price: 'Price', sold: 'Sold' },
		// Lazada shows no counter when nothing was sold: 0 is "not shown".
		zeroMissing: ['sold'],
		defaultCategory: 'Handphone'
	},
	{
		id: 'bukalapak-oximeter',
		label: 'Bukalapak: hasil pencarian (nama_produk, link_produk, harga, jumlah_terjual, toko, rating)',
		kind: 'listings',
		marketplace: 'bukalapak',
		columns: {
			title: 'nama_produk',
			url: 'link_produk',
			price: 'harga',
			sold: 'jumlah_terjual',
			shop_name: 'toko',
			rating: 'rating'
		},
		zeroMissing: ['rating'],
		defaultCategory: 'Alat Kesehatan'
	},
	{
		id: 'prdect-id',
		label: 'PRDECT-ID: ulasan Tokopedia dengan data produk',
		kind: 'reviews',
		marketplace: 'tokopedia',
		columns: {
			category: 'Category',
			listing_title: 'Product Name',
			location: 'Location',
			price: 'Price',
			rating: 'Overall Rating',
			sold: 'Number Sold',
			review_count: 'Total Review',
			stars: 'Customer Rating',
			text: 'Customer Review'
		}
	},
	{
		id: 'tokopedia-fashion-reviews',
		label: 'Tokopedia: ulasan fesyen (review_id, tanggal, review, nama_produk, rating)',
		kind: 'reviews',
		marketplace: 'tokopedia',
		columns: {
			review_id: 'review_id',
			reviewed_at: 'tanggal',
			reviewer: 'username',
			text: 'review',
			listing_title: 'nama_produk',
			stars: 'rating'
		},
		defaultCategory: 'Fashion',
		fix(rec) {
			// review_id is reused by different reviews (SOURCE.md): the key needs the rest too.
			rec.review_id = undefined;
		}
	},
	{
		id: 'bukalapak-reviews',
		label: 'Bukalapak: ulasan (id, product_id, konten, rate, created_at) + product.csv, merchant.csv',
		kind: 'reviews',
		marketplace: 'bukalapak',
		columns: { review_id: 'id', listing_id: 'product_id', text: 'konten', stars: 'rate', reviewed_at: 'created_at' },
		required: ['id', 'product_id', 'konten', 'rate', 'created_at'],
		companions: [
			{ file: 'product.csv', kind: 'bukalapak-product' },
			{ file: 'merchant.csv', kind: 'bukalapak-merchant' }
		]
	},
	{
		id: 'tokopedia-reviews',
		label: 'Tokopedia: ulasan tanpa data produk (review, rating)',
		kind: 'reviews',
		marketplace: 'tokopedia',
		columns: { text: 'review', stars: 'rating' }
	},
	{
		id: 'shopee-variants',
		label: 'Shopee: varian produk (pendamping products.csv)',
		kind: 'companion',
		companion: 'shopee-variants',
		columns: {},
		required: ['itemid', 'variant_name', 'price', 'price_before_discount', 'stock']
	},
	{
		id: 'shopee-shops',
		label: 'Shopee: toko (pendamping products.csv)',
		kind: 'companion',
		companion: 'shopee-shops',
		columns: {},
		required: ['shopid', 'name', 'shop_location', 'rating_star']
	},
	{
		id: 'bukalapak-product',
		label: 'Bukalapak: produk (pendamping bukalapak_reviews.csv)',
		kind: 'companion',
		companion: 'bukalapak-product',
		columns: {},
		required: ['id', 'merchant_id', 'nama_produk', 'id_produk', 'link']
	},
	{
		id: 'bukalapak-merchant',
		label: 'Bukalapak: toko (pendamping bukalapak_reviews.csv)',
		kind: 'companion',
		companion: 'bukalapak-merchant',
		columns: {},
		required: ['id', 'user_toko', 'nama_toko', 'link']
	}
];

export const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

function requiredOf(shape: Shape): string[] {
	return shape.required ?? Object.values(shape.columns).filter((c): c is string => !!c);
}

function knownOf(shape: Shape): Set<string> {
	return new Set([...requiredOf(shape), ...Object.values(shape.columns)].filter(Boolean).map((c) => norm(c!)));
}

export function shapeById(id: string): Shape | undefined {
	return SHAPES.find((s) => s.id === id);
}

/**
 * The shape whose required headers are all present and that explains the largest share of
 * the file's columns; ties go to the shape with more required headers (the more specific
 * one). So "Title,Price,Sold" is Lazada, while "marketplace,title,price,sold" stays generic.
 * Undefined when no shape's required headers are all present.
 */
export function detectShape(headers: string[]): Shape | undefined {
	const have = new Set(headers.map(norm));
	let best: Shape | undefined;
	let bestScore = -1;
	for (const shape of SHAPES) {
		if (!requiredOf(shape).every((h) => have.has(norm(h)))) continue;
		const known = knownOf(shape);
		let overlap = 0;
		for (const h of have) if (known.has(h)) overlap++;
		const score = overlap / Math.max(1, have.size) + requiredOf(shape).length / 1000;
		if (score > bestScore) {
			best = shape;
			bestScore = score;
		}
	}
	return best;
}

/** "col=field,col2=field2" as given to --map or the web form; throws a bilingual message on nonsense. */
export function parseColumnMap(text: string): Partial<Record<Field, string>> {
	const out: Partial<Record<Field, string>> = {};
	for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
		const eq = part.lastIndexOf('=');
		const column = eq > 0 ? part.slice(0, eq).trim() : '';
		const field = eq > 0 ? (part.slice(eq + 1).trim() as Field) : ('' as Field);
		if (!column || !ALL_FIELDS.includes(field)) {
			throw new ShapeError(
				`Pemetaan kolom "${part}" tidak dimengerti. Tulis kolom=field, field salah satu dari: ${ALL_FIELDS.join(', ')}.`,
				`Column mapping "${part}" not understood. Write column=field, field one of: ${ALL_FIELDS.join(', ')}.`
			);
		}
		out[field] = column;
	}
	return out;
}

/**
 * The shape to read a file with: the chosen one (--source), else the detected one, with a
 * manual column map laid over it. A map alone starts from the generic format its fields suggest.
 */
export function resolveShape(headers: string[], opts: { source?: string; map?: Partial<Record<Field, string>> }): Shape {
	let shape: Shape | undefined;
	if (opts.source && opts.source !== 'auto') {
		shape = shapeById(opts.source);
		if (!shape) {
			throw new ShapeError(
				`Bentuk sumber "${opts.source}" tidak dikenal. Pilihan: ${SHAPES.map((s) => s.id).join(', ')}.`,
				`Unknown source shape "${opts.source}". Choices: ${SHAPES.map((s) => s.id).join(', ')}.`
			);
		}
	}
	const map = opts.map && Object.keys(opts.map).length ? opts.map : undefined;
	if (!shape && map) shape = shapeById(map.units && map.product_id ? 'sales' : map.text && !map.price ? 'generic-reviews' : 'generic-listings');
	if (!shape) shape = detectShape(headers);
	if (!shape) throw unrecognised(headers);
	if (map) {
		// Mapped columns replace the shape's own; what the map names must exist in the file.
		const have = new Set(headers.map(norm));
		for (const [field, column] of Object.entries(map)) {
			if (!have.has(norm(column!))) {
				throw new ShapeError(
					`Kolom "${column}" (untuk ${field}) tidak ada di berkas. Kolom yang ada: ${headers.join(', ')}.`,
					`Column "${column}" (for ${field}) is not in the file. Columns present: ${headers.join(', ')}.`
				);
			}
		}
		shape = { ...shape, columns: { ...shape.columns, ...map }, required: Object.values({ ...shape.columns, ...map }).filter((c) => have.has(norm(c!))) as string[] };
	}
	const missing = requiredOf(shape).filter((h) => !headers.some((x) => norm(x) === norm(h)));
	if (missing.length) {
		throw new ShapeError(
			`Berkas tidak cocok dengan bentuk "${shape.id}": kolom ${missing.join(', ')} tidak ada.`,
			`The file does not match shape "${shape.id}": missing column(s) ${missing.join(', ')}.`
		);
	}
	return shape;
}

export function unrecognised(headers: string[]): ShapeError {
	// The first columns are enough to recognise a file; a list of thousands helps nobody.
	const listed = headers.length > 40 ? [...headers.slice(0, 40), `… dan ${headers.length - 40} kolom lain`] : headers;
	const shown = listed.length ? listed.join(', ') : '(tidak ada)';
	return new ShapeError(
		`Bentuk berkas tidak dikenali. Kolom yang ditemukan: ${shown}. ` +
			'Format umum daftar produk butuh kolom title dan price (boleh juga marketplace, listing_id, url, sold, rating, shop_name, location, category). ' +
			'Format umum ulasan butuh kolom text (boleh juga stars, reviewed_at, listing_id, listing_title). ' +
			'Buku penjualan butuh kolom product_id, week_start dan units. ' +
			'Pilih bentuk sumber, atau petakan kolom sendiri: --map "Nama Kolom=title,Harga=price".',
		`Unrecognised file shape. Columns found: ${listed.length ? listed.join(', ') : '(none)'}. ` +
			'The generic listing format needs columns title and price (optionally marketplace, listing_id, url, sold, rating, shop_name, location, category). ' +
			'The generic review format needs column text (optionally stars, reviewed_at, listing_id, listing_title). ' +
			'A sales book needs columns product_id, week_start and units. ' +
			'Choose a source shape, or map columns by hand: --map "Column Name=title,Harga=price".'
	);
}

/** A file-level problem (shape, mapping): nothing of the file can be loaded. */
export class ShapeError extends Error {
	constructor(
		public readonly messageId: string,
		public readonly messageEn: string
	) {
		super(`${messageId} / ${messageEn}`);
	}
}

/** Builds the row → RawRecord function for a shape and a header. */
export function recordMapper(shape: Shape, headers: string[]): (values: string[]) => RawRecord {
	const index = new Map<string, number>();
	headers.forEach((h, i) => {
		const k = norm(h);
		if (!index.has(k)) index.set(k, i);
	});
	const pairs: [Field, number][] = [];
	for (const [field, column] of Object.entries(shape.columns)) {
		const i = column ? index.get(norm(column)) : undefined;
		if (i !== undefined) pairs.push([field as Field, i]);
	}
	const fix = shape.fix;
	return (values) => {
		const rec: RawRecord = {};
		for (let p = 0; p < pairs.length; p++) rec[pairs[p][0]] = values[pairs[p][1]];
		if (fix) fix(rec, (h) => {
			const i = index.get(norm(h));
			return i === undefined ? undefined : values[i];
		});
		return rec;
	};
}
