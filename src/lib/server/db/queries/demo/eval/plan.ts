// eval/plan.ts's queries: the co-op member products the backtest plans, and the size of the market.
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../index';
import { memberships, products, sales } from '../../../schema';

/** Every product of a co-op member with the co-op, by product id (a product in two co-ops twice). */
export function memberProducts(db: Db) {
	return db
		.select({ productId: products.id, coopId: memberships.cooperativeId })
		.from(products)
		.innerJoin(memberships, eq(memberships.producerId, products.producerId))
		.orderBy(asc(products.id))
		.all();
}

export function productCount(db: Db): number {
	return db.select({ n: count() }).from(products).get()?.n ?? 0;
}

export function salesWeekCount(db: Db): number {
	return db.select({ n: count() }).from(sales).get()?.n ?? 0;
}
