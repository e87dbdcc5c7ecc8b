// The queries of the demo area's scripts (scripts/seed.ts, scripts/demand-census.ts): is the
// market empty, and which products it holds.
import { asc, count } from 'drizzle-orm';
import type { Db } from '../../index';
import { listings, products } from '../../schema';

export function listingCount(db: Db): number {
	return db.select({ n: count() }).from(listings).get()?.n ?? 0;
}

export function productIds(db: Db): number[] {
	return db
		.select({ id: products.id })
		.from(products)
		.orderBy(asc(products.id))
		.all()
		.map((r) => r.id);
}
