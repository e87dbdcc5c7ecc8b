// Queries of read/plan.ts: a co-op and its members' products (prepared: read on every plan page).
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, cooperatives, memberships, producers, products } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst, preparedRows } from '../../run';

export async function cooperativeById(db: Db, cooperativeId: number): Promise<{ id: number; name: string } | undefined> {
	return await preparedFirst(db, 'read/plan/cooperative', (d) => d
			.select({ id: cooperatives.id, name: cooperatives.name })
			.from(cooperatives)
			.where(eq(cooperatives.id, sql.placeholder('cooperativeId')))
			, { cooperativeId });
}

/** Every product of the co-op's members, by category, producer and product name. */
export async function memberProducts(db: Db, cooperativeId: number) {
	return await preparedRows(db, 'read/plan/member-products', (d) => d
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
			.where(eq(memberships.cooperativeId, sql.placeholder('cooperativeId')))
			.orderBy(asc(categories.name), asc(producers.name), asc(products.name))
			, { cooperativeId });
}
