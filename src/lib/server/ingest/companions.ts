// Companion tables that complete a main file: Shopee's shops.csv (shop name, city, rating) and
// variants.csv (the price range over variants) beside products.csv; Bukalapak's product.csv
// and merchant.csv beside bukalapak_reviews.csv (the reviewed listing and its shop). They are
// small lookup tables, read whole; they are not rows of the batch themselves.
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRupiah } from '$lib/analysis/money';
import type { RawRecord } from './fields';
import type { CompanionKind, Shape } from './shapes';
import { detectShape } from './shapes';

export type Table = Record<string, string>[];

export interface CompanionFile {
	fileName: string;
	bytes: Uint8Array;
}

export function parseCompanion(bytes: Uint8Array): { headers: string[]; rows: Table } {
	const records = parse(Buffer.from(bytes), { bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
	const headers = (records[0] ?? []).map((h) => h.trim());
	const rows = records.slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
	return { headers, rows };
}

export class Companions {
	readonly tables = new Map<CompanionKind, Table>();
	private shops?: Map<string, Record<string, string>>;
	private variants?: Map<string, { min: number; max: number }>;
	private products?: Map<string, Record<string, string>>;
	private merchants?: Map<string, Record<string, string>>;

	add(kind: CompanionKind, rows: Table): void {
		this.tables.set(kind, rows);
	}

	/** Companion files the shape wants, from the same folder as the main file. */
	addFromFolder(shape: Shape, dir: string): void {
		for (const c of shape.companions ?? []) {
			const path = join(dir, c.file);
			if (!this.tables.has(c.kind) && existsSync(path)) this.add(c.kind, parseCompanion(readFileSync(path)).rows);
		}
	}

	/** Uploaded companion files, recognised by their header. */
	addFiles(files: CompanionFile[]): string[] {
		const names: string[] = [];
		for (const f of files) {
			const { headers, rows } = parseCompanion(f.bytes);
			const shape = detectShape(headers);
			if (shape?.companion) {
				this.add(shape.companion, rows);
				names.push(f.fileName);
			}
		}
		return names;
	}

	/** Names of companion files the shape would use that are not here (reported in the summary). */
	missing(shape: Shape): string[] {
		return (shape.companions ?? []).filter((c) => !this.tables.has(c.kind)).map((c) => c.file);
	}

	private index(kind: CompanionKind, key: string): Map<string, Record<string, string>> {
		return new Map((this.tables.get(kind) ?? []).map((r) => [r[key]?.trim(), r]));
	}

	/** Fills shop, location and price range from the companions; runs on every mapped row. */
	apply(shape: Shape, rec: RawRecord): void {
		if (shape.id === 'shopee-earphone') {
			this.shops ??= this.index('shopee-shops', 'shopid');
			if (!this.variants) {
				this.variants = new Map();
				for (const v of this.tables.get('shopee-variants') ?? []) {
					const price = parseRupiah(v.price);
					if (!price) continue;
					const id = v.itemid?.trim();
					const r = this.variants.get(id);
					if (!r) this.variants.set(id, { min: price, max: price });
					else {
						r.min = Math.min(r.min, price);
						r.max = Math.max(r.max, price);
					}
				}
			}
			const shop = this.shops.get(rec.shop_id?.trim() ?? '');
			if (shop) {
				rec.shop_name = shop.name;
				rec.location = shop.shop_location || shop.region_name;
				rec.shop_rating = shop.rating_star;
			}
			const range = this.variants.get(rec.listing_id?.trim() ?? '');
			if (range) {
				const max = parseRupiah(rec.price_max ?? '') ?? 0;
				if (range.max > max) rec.price_max = String(range.max);
			}
		} else if (shape.id === 'bukalapak-reviews') {
			this.products ??= this.index('bukalapak-product', 'id');
			this.merchants ??= this.index('bukalapak-merchant', 'id');
			const product = this.products.get(rec.listing_id?.trim() ?? '');
			if (product) {
				// Bukalapak's own product code keys the listing, as in its URLs.
				rec.listing_id = product.id_produk || rec.listing_id;
				rec.listing_title = product.nama_produk;
				rec.listing_url = product.link;
				const merchant = this.merchants.get(product.merchant_id?.trim());
				if (merchant) rec.shop_name = merchant.nama_toko;
			} else if (rec.listing_id) {
				rec.listing_id = `product-${rec.listing_id.trim()}`;
			}
		}
	}
}
