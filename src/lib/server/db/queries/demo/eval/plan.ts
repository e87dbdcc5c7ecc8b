// eval/plan.ts's queries: the co-op member products the backtest plans, and the size of the market.
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../index';
import { memberships, products, sales } from '../../../schema';
import { firstRow, allRows } from '../../../run';

/** Every product of a co-op member with the co-op, by product id (a product in two co-ops twice). */
export async function memberProducts(db: Db) {
	return await allRows(db, db
		.select({ productId: products.id, coopId: memberships.cooperativeId })
		.from(products)
		.innerJoin(memberships, eq(memberships.producerId, products.producerId))
		.orderBy(asc(products.id)));
}

export async function productCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(products)))?.n ?? 0;
}

export async function salesWeekCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(sales)))?.n ?? 0;
}
