// The products a signed-in person may see: the list (search, pages) and one product, scoped by
// auth/access.ts. A product outside the actor's scope does not exist for them (404).
import type { Actor } from '../auth/actor';
import { canSeeProduct, producerScopePrepared } from '../auth/access';
import type { Db } from '../db';
import { getProduct, listProducts, type ProductDetail, type ProductPage } from '../db/products';
import { NotFoundError } from '../errors';

export async function listProductsFor(db: Db, actor: Actor, opts: { query?: string; page?: number; pageSize?: number } = {}): Promise<ProductPage> {
	return await listProducts(db, { ...opts, scope: producerScopePrepared(actor) });
}

export async function getProductFor(db: Db, actor: Actor, id: number): Promise<ProductDetail> {
	const product = (await canSeeProduct(db, actor, id)) ? await getProduct(db, id) : null;
	if (!product) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return product;
}
