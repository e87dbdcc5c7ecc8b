// Queries of derive/competitors.ts: the category tree, the listings of a kind, a product's
// exclusions, and writing a product's competitor set.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { prepared } from '../../statements';
import { categories, competitorExclusions, competitorLeftOut, competitorSets, listings, productCompetitors, products } from '../../schema';
import { excluded } from '../../excluded';
import { allRows, preparedFirst, preparedRows } from '../../run';
import { statement } from '../../statement';

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

/** The statements that replace a product's stored set, prepared once per refresh. */
export function competitorSetWriters(db: Db) {
	const delCompared = statement(db, 'derive/competitors/delCompared', (d) =>
		d.delete(productCompetitors).where(eq(productCompetitors.productId, sql.placeholder('productId')))
	);
	const delLeftOut = statement(db, 'derive/competitors/delLeftOut', (d) =>
		d.delete(competitorLeftOut).where(eq(competitorLeftOut.productId, sql.placeholder('productId')))
	);
	const insCompared = statement(db, 'derive/competitors/insCompared', (d) =>
		d
			.insert(productCompetitors)
			.values({ productId: sql.placeholder('productId'), listingId: sql.placeholder('listingId'), rank: sql.placeholder('rank') })
	);
	const insLeftOut = statement(db, 'derive/competitors/insLeftOut', (d) =>
		d
			.insert(competitorLeftOut)
			.values({ productId: sql.placeholder('productId'), listingId: sql.placeholder('listingId'), reason: sql.placeholder('reason') })
	);
	const upsertSet = statement(db, 'derive/competitors/upsertSet', (d) =>
		d
			.insert(competitorSets)
			.values({
				productId: sql.placeholder('productId'),
				kind: sql.placeholder('kind'),
				candidates: sql.placeholder('candidates'),
				compared: sql.placeholder('compared'),
				leftOut: sql.placeholder('leftOut'),
				builtAt: sql.placeholder('builtAt')
			})
			.onConflictDoUpdate({
				target: competitorSets.productId,
				set: {
					kind: excluded(competitorSets.kind),
					candidates: excluded(competitorSets.candidates),
					compared: excluded(competitorSets.compared),
					leftOut: excluded(competitorSets.leftOut),
					builtAt: excluded(competitorSets.builtAt)
				}
			})
	);
	return {
		async clear(productId: number): Promise<void> {
			await delCompared.run({ productId });
			await delLeftOut.run({ productId });
		},
		async compared(productId: number, listingId: number, rank: number): Promise<void> {
			await insCompared.run({ productId, listingId, rank });
		},
		async leftOut(productId: number, listingId: number, reason: string): Promise<void> {
			await insLeftOut.run({ productId, listingId, reason });
		},
		async set(row: { productId: number; kind: string; candidates: number; compared: number; leftOut: string; builtAt: string }): Promise<void> {
			await upsertSet.run(row);
		}
	};
}
