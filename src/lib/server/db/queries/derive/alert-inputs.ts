// Queries of derive/alert-inputs.ts: prices at two moments, the last day seen, the category name.
import { and, eq, gt, inArray, lte, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { categories, listings, listingSnapshots, products } from '../../schema';
import { firstRow, allRows } from '../../run';
import { aliasSource } from '../../alias-source';

/** Each listing's price and pack from its newest snapshot in (from, to]; listings without one there are absent. */
export async function newestPricesIn(db: Db, listingIds: number[], from: string, to: string) {
	if (!listingIds.length) return [];
	const s = listingSnapshots;
	const x = alias(listingSnapshots, 'x');
	const newest = db
		.select({ observedAt: max(x.observedAt) })
		.from(aliasSource(x))
		.where(and(eq(x.listingId, s.listingId), gt(x.observedAt, from), lte(x.observedAt, to)));
	return await allRows(db, db
		.select({ packQuantity: listings.packQuantity, unit: listings.unit, price: s.price })
		.from(s)
		.innerJoin(listings, eq(listings.id, s.listingId))
		.where(
			and(
				inArray(s.listingId, listingIds),
				gt(s.observedAt, from),
				lte(s.observedAt, to),
				eq(s.observedAt, sql`(${newest})`)
			)
		));
}

/** The latest day any of these listings was seen, or null. */
export async function lastSeenOf(db: Db, listingIds: number[]): Promise<string | null> {
	if (!listingIds.length) return null;
	return (await firstRow(db, db.select({ last: max(listings.lastSeenAt) }).from(listings).where(inArray(listings.id, listingIds))))?.last ?? null;
}

/** The name of a product's category. */
export async function categoryNameOfProduct(db: Db, productId: number): Promise<string | undefined> {
	return (await firstRow(db, db
		.select({ name: categories.name })
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.where(eq(products.id, productId))))?.name;
}
