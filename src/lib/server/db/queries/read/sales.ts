// Queries of read/sales.ts: the producers an actor sees, with each of their products.
import { asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../index';
import { producers, products } from '../../schema';

/** One row per product of the producers `scope` (access.ts producerScopeWhere) allows, by producer. */
export function producerProducts(db: Db, scope: SQL): { id: number; name: string; productId: number }[] {
	return db
		.select({ id: producers.id, name: producers.name, productId: products.id })
		.from(producers)
		.innerJoin(products, eq(products.producerId, producers.id))
		.where(scope)
		.orderBy(asc(producers.name), asc(producers.id))
		.all();
}
