// Who may see and change which producers and products. Every page load, form action and tRPC
// procedure that touches producer data goes through these functions, so the rule lives once:
// a producer sees their own products, an agent their assigned producers', a co-op its
// members', an admin everything. What an actor may not see does not exist for them (404).
import { productDashboard } from '../read/dashboard';
import { getProduct, listProducts, type ProductDetail, type ProductPage } from '../db/products';
import type { Actor } from './actor';
import type { Db } from '../db';
import type { ProductDashboard } from '$lib/dashboard-types';

/** A resource the actor may not see, or that does not exist: the same answer for both. */
export class NotFoundError extends Error {
	constructor(message = 'Data ini tidak ada. Mungkin alamatnya salah atau sudah dihapus.') {
		super(message);
		this.name = 'NotFoundError';
	}
}

/** The actor sees the resource but may not do this to it (a co-op changing a member's price). */
export class ForbiddenError extends Error {
	constructor(message = 'Anda tidak boleh melakukan ini.') {
		super(message);
		this.name = 'ForbiddenError';
	}
}

export interface ScopeSql {
	sql: string;
	params: unknown[];
}

/**
 * A SQL condition over a producers row (alias `pr`) that is true for the producers the actor
 * may see. An account whose link is missing (an agent account without an agent row) sees nothing.
 */
export function producerScope(actor: Actor, alias = 'pr'): ScopeSql {
	switch (actor.role) {
		case 'admin':
			return { sql: '1 = 1', params: [] };
		case 'produsen':
			return { sql: `${alias}.id = ?`, params: [actor.producerId ?? -1] };
		case 'agen':
			return { sql: `${alias}.agent_id = ?`, params: [actor.agentId ?? -1] };
		case 'koperasi':
			return {
				sql: `exists (select 1 from memberships m where m.producer_id = ${alias}.id and m.cooperative_id = ?)`,
				params: [actor.cooperativeId ?? -1]
			};
		default:
			return { sql: '1 = 0', params: [] };
	}
}

export function canSeeProducer(db: Db, actor: Actor, producerId: number): boolean {
	const scope = producerScope(actor);
	return Boolean(db.$client.prepare(`select 1 from producers pr where pr.id = ? and (${scope.sql})`).get(producerId, ...scope.params));
}

/** Changing products is for the producer, their agent and admin; a co-op only reads. */
export function canEditProducer(db: Db, actor: Actor, producerId: number): boolean {
	return actor.role !== 'koperasi' && canSeeProducer(db, actor, producerId);
}

export function assertProducer(db: Db, actor: Actor, producerId: number): void {
	if (!canSeeProducer(db, actor, producerId)) throw new NotFoundError('Produsen ini tidak ada.');
}

function producerOf(db: Db, productId: number): number | null {
	return (db.$client.prepare('select producer_id from products where id = ?').pluck().get(productId) as number | undefined) ?? null;
}

export function canSeeProduct(db: Db, actor: Actor, productId: number): boolean {
	const producerId = producerOf(db, productId);
	return producerId !== null && canSeeProducer(db, actor, producerId);
}

export function listProductsFor(db: Db, actor: Actor, opts: { query?: string; page?: number; pageSize?: number } = {}): ProductPage {
	return listProducts(db, { ...opts, scope: producerScope(actor) });
}

export function getProductFor(db: Db, actor: Actor, id: number): ProductDetail {
	const product = canSeeProduct(db, actor, id) ? getProduct(db, id) : null;
	if (!product) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return product;
}

export function dashboardFor(db: Db, actor: Actor, id: number, today?: string): ProductDashboard {
	const dashboard = canSeeProduct(db, actor, id) ? productDashboard(db, id, today) : null;
	if (!dashboard) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return dashboard;
}

export function canEditProduct(db: Db, actor: Actor, productId: number): boolean {
	const producerId = producerOf(db, productId);
	return producerId !== null && canEditProducer(db, actor, producerId);
}

export const MAX_PRICE = 1_000_000_000;

/** Sets a product's price (whole Rupiah). 404 when the actor cannot see it, 403 when they may only read. */
export function updatePriceFor(db: Db, actor: Actor, productId: number, price: number): void {
	getProductFor(db, actor, productId);
	if (!canEditProduct(db, actor, productId)) throw new ForbiddenError('Koperasi hanya bisa melihat produk anggota, tidak mengubahnya.');
	if (!Number.isInteger(price) || price < 1 || price > MAX_PRICE) throw new RangeError('Harga harus angka Rupiah yang wajar.');
	db.$client.prepare('update products set price = ?, updated_at = ? where id = ?').run(price, new Date().toISOString(), productId);
}
