// Queries of read/competitor-list.ts: a product's compared listings, those left out and why, the
// agents' removals, and how many candidates its set was built from.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, competitorExclusions, competitorLeftOut, competitorSets, listings, marketplaces, productCompetitors, products, users } from '../../schema';

/** What the list shows of a listing. */
const LISTING = {
	listingId: listings.id,
	title: listings.title,
	marketplace: marketplaces.name,
	price: listings.price,
	packQuantity: listings.packQuantity,
	unit: listings.unit
};

/** The product as the list's heading names it. */
export function competitorListProduct(db: Db, productId: number) {
	return db
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
		.get();
}

/** The stored set, closest first. */
export function comparedListings(db: Db, productId: number) {
	return db
		.select(LISTING)
		.from(productCompetitors)
		.innerJoin(listings, eq(listings.id, productCompetitors.listingId))
		.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
		.where(eq(productCompetitors.productId, productId))
		.orderBy(asc(productCompetitors.rank))
		.all();
}

/** Listings of the kind left out by a rule (removals are read from the decisions), by reason then title. */
export function leftOutListings(db: Db, productId: number) {
	return db
		.select({ ...LISTING, reason: competitorLeftOut.reason })
		.from(competitorLeftOut)
		.innerJoin(listings, eq(listings.id, competitorLeftOut.listingId))
		.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
		.where(and(eq(competitorLeftOut.productId, productId), ne(competitorLeftOut.reason, 'removed')))
		.orderBy(asc(competitorLeftOut.reason), asc(listings.title))
		.all();
}

/** The agents' removals with who and when, newest first. */
export function removedListings(db: Db, productId: number) {
	return db
		.select({ ...LISTING, why: competitorExclusions.reason, byName: users.name, at: competitorExclusions.createdAt })
		.from(competitorExclusions)
		.innerJoin(listings, eq(listings.id, competitorExclusions.listingId))
		.innerJoin(marketplaces, eq(marketplaces.id, listings.marketplaceId))
		.leftJoin(users, eq(users.id, competitorExclusions.userId))
		.where(eq(competitorExclusions.productId, productId))
		.orderBy(desc(competitorExclusions.createdAt))
		.all();
}

/** Candidates the product's set was built from; undefined when no set is built yet. */
export function builtCandidates(db: Db, productId: number): number | undefined {
	return db.select({ candidates: competitorSets.candidates }).from(competitorSets).where(eq(competitorSets.productId, productId)).get()?.candidates;
}
