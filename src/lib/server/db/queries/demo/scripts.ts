// The queries of the demo area's scripts (scripts/seed.ts, scripts/demand-census.ts): is the
// market empty. (Its product ids: allProductIds in db/products.ts.)
import { count } from 'drizzle-orm';
import type { Db } from '../../index';
import { listings } from '../../schema';

export function listingCount(db: Db): number {
	return db.select({ n: count() }).from(listings).get()?.n ?? 0;
}

