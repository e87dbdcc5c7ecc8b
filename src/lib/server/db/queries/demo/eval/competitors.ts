// eval/competitors.ts's queries: every listing's unit family and pack status, every product's
// unit family, and a product's stored competitor set.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../index';
import { listings, productCompetitors, products } from '../../../schema';
import { allRows } from '../../../run';

/** Every listing with its unit family and pack status ('ok' when not read yet). */
export async function listingFamilies(db: Db) {
	return await allRows(db, db
		.select({ id: listings.id, family: listings.unitFamily, status: sql<string>`coalesce(${listings.packStatus}, 'ok')` })
		.from(listings));
}

export async function productFamilies(db: Db) {
	return await allRows(db, db.select({ id: products.id, family: products.unitFamily }).from(products).orderBy(asc(products.id)));
}

export function prepareStoredCompetitorIds(db: Db) {
	return db
		.select({ listingId: productCompetitors.listingId })
		.from(productCompetitors)
		.where(eq(productCompetitors.productId, sql.placeholder('productId')))
		.prepare();
}
