// The queries of the demo area's scripts (scripts/seed.ts, scripts/demand-census.ts): is the
// market empty. (Its product ids: allProductIds in db/products.ts.)
import { count } from 'drizzle-orm';
import type { Db } from '../../index';
import { listings } from '../../schema';
import { firstRow } from '../../run';

export async function listingCount(db: Db): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(listings)))?.n ?? 0;
}

