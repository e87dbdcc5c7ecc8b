// Queries of read/sales.ts: the producers an actor sees, with each of their products.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { producers, products } from '../../schema';
import { prepared } from '../../statements';
import type { ProducerScope } from './scope';
import { preparedRows } from '../../run';

/** One row per product of the producers `scope` (access.ts producerScopePrepared) allows, by producer. */
export async function producerProducts(db: Db, scope: ProducerScope): Promise<{ id: number; name: string; productId: number }[]> {
	return await preparedRows(db, `read/sales/producer-products/${scope.key}`, (d) => d
			.select({ id: producers.id, name: producers.name, productId: products.id })
			.from(producers)
			.innerJoin(products, eq(products.producerId, producers.id))
			.where(scope.where)
			.orderBy(asc(producers.name), asc(producers.id))
			, scope.params);
}
