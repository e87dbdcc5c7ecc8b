// Queries of derive/competitors.ts: the category tree, the listings of a kind, a product's
// exclusions, and writing a product's competitor set.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { prepared } from '../../statements';
import { categories, competitorExclusions, competitorLeftOut, competitorSets, listings, productCompetitors, products } from '../../schema';
import { allRows, preparedFirst, preparedRows } from '../../run';
import { batchedDelete, batchedInsert, flushAll } from '../../row-batch';

/** Every category with its parent and slug. */
export async function categoryTree(db: Db) {
	return await allRows(db, db.select({ id: categories.id, parentId: categories.parentId, slug: categories.slug }).from(categories));
}

/** Listings of this kind in these categories or in none (unordered: the caller sorts). */
export async function listingsOfKind(db: Db, kind: string, categoryIds: number[]) {
	const inCategories = categoryIds.length ? or(inArray(listings.categoryId, categoryIds), isNull(listings.categoryId)) : isNull(listings.categoryId);
	return await allRows(db, db
		.select({
			id: listings.id,
			categoryId: listings.categoryId,
			kindAttrs: listings.kindAttrs,
			unitFamily: listings.unitFamily,
			packStatus: listings.packStatus,
			lastSeenAt: listings.lastSeenAt
		})
		.from(listings)
		.where(and(eq(listings.kind, kind), inCategories)));
}

/** Listings an agent removed from a product's set (prepared once per connection: read per product). */
export async function excludedListingIds(db: Db, productId: number): Promise<number[]> {
	return (await preparedRows(db, 'derive/competitors/excluded', (d) => d
			.select({ listingId: competitorExclusions.listingId })
			.from(competitorExclusions)
			.where(eq(competitorExclusions.productId, sql.placeholder('productId')))
			, { productId }))
		.map((r) => r.listingId);
}

const productKeyFields = {
	id: products.id,
	categoryId: products.categoryId,
	unitFamily: products.unitFamily,
	name: products.name,
	keywords: products.keywords,
	kind: products.kind,
	kindAttrs: products.kindAttrs
};

/** What a product's set is built from, for every product. */
export async function allProductKeys(db: Db) {
	return await allRows(db, db.select(productKeyFields).from(products));
}

/** The same for one product. */
export async function productKey(db: Db, id: number) {
	return await preparedFirst(db, 'derive/competitors/productKey', (d) => d.select(productKeyFields).from(products).where(eq(products.id, sql.placeholder('id'))), { id });
}

/** Every product's id and category. */
export async function productCategories(db: Db) {
	return await allRows(db, db.select({ id: products.id, categoryId: products.categoryId }).from(products));
}

/** The statements that replace a product's stored set (row-batch.ts: call flush() before the transaction ends). */
export function competitorSetWriters(db: Db) {
	const delCompared = batchedDelete(db, 'derive/competitors/delCompared', productCompetitors, 'productId');
	const delLeftOut = batchedDelete(db, 'derive/competitors/delLeftOut', competitorLeftOut, 'productId');
	const insCompared = batchedInsert(db, 'derive/competitors/insCompared', productCompetitors, ['productId', 'listingId', 'rank'], { after: [delCompared] });
	const insLeftOut = batchedInsert(db, 'derive/competitors/insLeftOut', competitorLeftOut, ['productId', 'listingId', 'reason'], { after: [delLeftOut] });
	const upsertSet = batchedInsert(db, 'derive/competitors/upsertSet', competitorSets, ['productId', 'kind', 'candidates', 'compared', 'leftOut', 'builtAt'], {
		upsert: { target: ['productId'], update: ['kind', 'candidates', 'compared', 'leftOut', 'builtAt'] }
	});
	return {
		async clear(productId: number): Promise<void> {
			await delCompared.add(productId);
			await delLeftOut.add(productId);
		},
		compared: (productId: number, listingId: number, rank: number) => insCompared.add({ productId, listingId, rank }),
		leftOut: (productId: number, listingId: number, reason: string) => insLeftOut.add({ productId, listingId, reason }),
		set: (row: { productId: number; kind: string; candidates: number; compared: number; leftOut: string; builtAt: string }) => upsertSet.add(row),
		flush: () => flushAll(delCompared, delLeftOut, insCompared, insLeftOut, upsertSet)
	};
}
