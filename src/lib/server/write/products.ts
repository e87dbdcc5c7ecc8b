// Products from a request: a producer's price, and a new product added by an agent. A price is
// the producer's own and is read on every request, so nothing derived depends on it; a new
// product needs its competitor set, weekly demand and market part, which the background writer
// builds (derive/notify.ts).
import { familyOf } from '$lib/analysis/units';
import type { Actor } from '../auth/actor';
import { assertProduct, assertProducer, canEditProduct, canEditProducer } from '../auth/access';
import type { Db } from '../db';
import { categoryExists, insertProduct, producerVillage, setProductPrice } from '../db/queries/write/products';
import { derivedDataChanged } from '../derive/notify';
import { FieldError, ForbiddenError } from '../errors';

export const MAX_PRICE = 1_000_000_000;

/** Sets a product's price (whole Rupiah). 404 when the actor cannot see it, 403 when they may only read. */
export async function updatePriceFor(db: Db, actor: Actor, productId: number, price: number): Promise<void> {
	await assertProduct(db, actor, productId);
	if (!(await canEditProduct(db, actor, productId))) throw new ForbiddenError('Koperasi hanya bisa melihat produk anggota, tidak mengubahnya.');
	if (!Number.isInteger(price) || price < 1 || price > MAX_PRICE) throw new RangeError('Harga harus angka Rupiah yang wajar.');
	await setProductPrice(db, productId, price, new Date().toISOString());
}

export interface NewProduct {
	name: string;
	categoryId: number;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	keywords?: string;
}

// Words that say nothing about what a product is; left out of its search keywords.
const NOT_KEYWORDS = new Set(['gram', 'gr', 'kg', 'ml', 'liter', 'pcs', 'buah', 'isi', 'pack', 'promo', 'murah', 'asli', 'original', 'dan', 'untuk', 'dengan']);

/** Search keywords from a product name: its meaningful words, lowercase, at most six. */
export function keywordsFromName(name: string): string {
	const words = name
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter((w) => w.length >= 3 && !NOT_KEYWORDS.has(w));
	return [...new Set(words)].slice(0, 6).join(' ');
}

/**
 * Adds a product for a producer the actor may edit. Refusals are thrown at once (FieldError,
 * NotFoundError, ForbiddenError); the promise resolves with the new id once the background writer
 * has built its competitor set, weekly demand and market part (or after the wait runs out: its
 * dashboard then says it is being prepared).
 */
export async function createProductFor(db: Db, actor: Actor, producerId: number, input: NewProduct, now = new Date()): Promise<number> {
	await assertProducer(db, actor, producerId);
	if (!(await canEditProducer(db, actor, producerId))) throw new ForbiddenError('Koperasi hanya bisa melihat produk anggota.');
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name.length < 3 || name.length > 120) throw new FieldError('name', 'Tulis nama produk (3–120 huruf).');
	if (!(await categoryExists(db, input.categoryId))) throw new FieldError('categoryId', 'Pilih jenis produk.');
	if (!Number.isInteger(input.price) || input.price < 1 || input.price > MAX_PRICE) throw new FieldError('price', 'Tulis harga dalam Rupiah, misalnya 25000.');
	if (!(input.packQuantity > 0 && input.packQuantity <= 1_000_000)) throw new FieldError('packQuantity', 'Tulis isi kemasan, misalnya 250.');
	if (!['g', 'ml', 'pcs'].includes(input.unit)) throw new FieldError('unit', 'Pilih satuan.');
	const keywords = keywordsFromName(input.keywords?.trim() ? input.keywords : name);
	if (!keywords) throw new FieldError('name', 'Nama produk perlu kata yang jelas, misalnya "kopi robusta".');
	const village = await producerVillage(db, producerId);
	const at = now.toISOString();
	const id = await insertProduct(db, {
        		producerId,
        		name,
        		categoryId: input.categoryId,
        		price: input.price,
        		packQuantity: input.packQuantity,
        		unit: input.unit,
        		unitFamily: familyOf(input.unit),
        		keywords,
        		villageCode: village,
        		createdAt: at,
        		updatedAt: at
        	});
	// Its comparable listings, weekly demand and market part: built by the background writer
	// (at once, before returning, where there is none: CLI and tests).
	await derivedDataChanged(db, { productIds: [id] });
	return id;
}

