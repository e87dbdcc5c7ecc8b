// Queries of read/alerts.ts: products with their producer's name, and the producers an actor sees.
import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../index';
import { producers, products } from '../../schema';

function productsWithProducer(db: Db) {
	return db
		.select({
			id: products.id,
			name: products.name,
			producerId: products.producerId,
			producerName: producers.name,
			price: products.price,
			packQuantity: products.packQuantity,
			unit: products.unit
		})
		.from(products)
		.innerJoin(producers, eq(producers.id, products.producerId));
}

export type AlertProductRow = ReturnType<typeof productsWithProducer>['_']['result'][number];

export function alertProduct(db: Db, productId: number): AlertProductRow | undefined {
	return productsWithProducer(db).where(eq(products.id, productId)).get();
}

/** Every product of these producers (at least one id), by producer name then product name. */
export function alertProductsOf(db: Db, producerIds: number[]): AlertProductRow[] {
	return productsWithProducer(db).where(inArray(products.producerId, producerIds)).orderBy(asc(producers.name), asc(products.name)).all();
}

/** Ids of the producers `scope` (access.ts producerScopeWhere) allows. */
export function producerIdsIn(db: Db, scope: SQL): number[] {
	return db
		.select({ id: producers.id })
		.from(producers)
		.where(scope)
		.all()
		.map((r) => r.id);
}
