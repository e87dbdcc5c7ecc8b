// Queries of read/competitor-list.ts: a product's compared listings, those left out and why, the
// agents' removals, and how many candidates its set was built from. Each runs on every open of
// the list: prepared once per connection.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, competitorExclusions, competitorLeftOut, competitorSets, listings, marketplaces, productCompetitors, products, users } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst, preparedRows } from '../../run';

/** What the list shows of a listing. */
const LISTING = {
	listingId: listings.id,
	title: listings.title,
	marketplace: marketplaces.name,
	price: listings.price,
	packQuantity: listings.packQuantity,
	unit: listings.unit
};

const productId = sql.placeholder('productId');

/** The product as the list's heading names it. */
export async function competitorListProduct(db: Db, id: number) {
	return await preparedFirst(db, 'read/competitor-list/product', (d) => d
			.select({
				id: products.id,
				name: products.name,
				kind: products.kind,
				kindAttrs: products.kindAttrs,
				unitFamily: products.unitFamily,
				categoryName: categories.name
			})
			.from(products)
			.innerJoin(categories, eq(categories.id, products.categoryId))
			.where(eq(products.id, productId))
			, { productId: id });
}

/** The stored set, closest first. */
export async function comparedListings(db: Db, id: number) {
	return await preparedRows(db, 'read/competitor-list/compared', (d) => d
			.select(LISTING)
			.from(productCompetitors)
			.innerJoin(listings, eq(listings.id, productCompetitors.listingId))
			.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
			.where(eq(productCompetitors.productId, productId))
			.orderBy(asc(productCompetitors.rank))
			, { productId: id });
}

/** Listings of the kind left out by a rule (removals are read from the decisions), by reason then title. */
export async function leftOutListings(db: Db, id: number) {
	return await preparedRows(db, 'read/competitor-list/left-out', (d) => d
			.select({ ...LISTING, reason: competitorLeftOut.reason })
			.from(competitorLeftOut)
			.innerJoin(listings, eq(listings.id, competitorLeftOut.listingId))
			.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
			.where(and(eq(competitorLeftOut.productId, productId), ne(competitorLeftOut.reason, 'removed')))
			.orderBy(asc(competitorLeftOut.reason), asc(listings.title))
			, { productId: id });
}

/** The agents' removals with who and when, newest first. */
export async function removedListings(db: Db, id: number) {
	return await preparedRows(db, 'read/competitor-list/removed', (d) => d
			.select({ ...LISTING, why: competitorExclusions.reason, byName: users.name, at: competitorExclusions.createdAt })
			.from(competitorExclusions)
			.innerJoin(listings, eq(listings.id, competitorExclusions.listingId))
			.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
			.leftJoin(users, eq(users.id, competitorExclusions.userId))
			.where(eq(competitorExclusions.productId, productId))
			.orderBy(desc(competitorExclusions.createdAt))
			, { productId: id });
}

/** Candidates the product's set was built from; undefined when no set is built yet. */
export async function builtCandidates(db: Db, id: number): Promise<number | undefined> {
	return (await preparedFirst(db, 'read/competitor-list/candidates', (d) => d.select({ candidates: competitorSets.candidates }).from(competitorSets).where(eq(competitorSets.productId, productId)), { productId: id }))?.candidates;
}
