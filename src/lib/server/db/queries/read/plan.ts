// Queries of read/plan.ts: a co-op and its members' products.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, cooperatives, memberships, producers, products } from '../../schema';

export function cooperativeById(db: Db, cooperativeId: number): { id: number; name: string } | undefined {
	return db.select({ id: cooperatives.id, name: cooperatives.name }).from(cooperatives).where(eq(cooperatives.id, cooperativeId)).get();
}

/** Every product of the co-op's members, by category, producer and product name. */
export function memberProducts(db: Db, cooperativeId: number) {
	return db
		.select({
			productId: products.id,
			name: products.name,
			producerId: producers.id,
			producerName: producers.name,
			categoryId: products.categoryId,
			categoryName: categories.name,
			packQuantity: products.packQuantity,
			unit: products.unit
		})
		.from(memberships)
		.innerJoin(producers, eq(producers.id, memberships.producerId))
		.innerJoin(products, eq(products.producerId, producers.id))
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.where(eq(memberships.cooperativeId, cooperativeId))
		.orderBy(asc(categories.name), asc(producers.name), asc(products.name))
		.all();
}
