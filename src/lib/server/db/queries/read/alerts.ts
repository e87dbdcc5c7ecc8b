// Queries of read/alerts.ts: products with their producer's name, and the producers an actor sees.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { producers, products } from '../../schema';
import { prepared } from '../../statements';
import type { ProducerScope } from './scope';
import { preparedFirst, preparedRows, allRows } from '../../run';

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

export async function alertProduct(db: Db, productId: number): Promise<AlertProductRow | undefined> {
	return await preparedFirst(db, 'read/alerts/product', (d) => productsWithProducer(d)
			.where(eq(products.id, sql.placeholder('productId')))
			, { productId });
}

/** Every product of these producers (at least one id), by producer name then product name. */
export async function alertProductsOf(db: Db, producerIds: number[]): Promise<AlertProductRow[]> {
	// As many parameters as producers: built per call, not prepared.
	return await allRows(db, productsWithProducer(db).where(inArray(products.producerId, producerIds)).orderBy(asc(producers.name), asc(products.name)));
}

/** Ids of the producers `scope` (access.ts producerScopePrepared) allows. */
export async function producerIdsIn(db: Db, scope: ProducerScope): Promise<number[]> {
	return (await preparedRows(db, `read/alerts/producers/${scope.key}`, (d) => d.select({ id: producers.id }).from(producers).where(scope.where), scope.params))
		.map((r) => r.id);
}
