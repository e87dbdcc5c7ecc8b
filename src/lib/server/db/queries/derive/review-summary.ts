// Queries of derive/review-summary.ts: star counts and the stored analysis of a set of listings'
// reviews. The listing lists are competitor sets (at most a few hundred ids).
import { and, between, count, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Aspect } from '$lib/analysis/reviews';
import type { Db } from '../../index';
import { listings, reviewAspects, reviews } from '../../schema';
import { allRows } from '../../run';

/** How many of these listings' reviews gave each star (1–5), per listing. */
export async function reviewStarCounts(db: Db, listingIds: number[]) {
	if (!listingIds.length) return [];
	return await allRows(db, db
		.select({ listingId: reviews.listingId, stars: reviews.stars, n: count() })
		.from(reviews)
		.where(and(inArray(reviews.listingId, listingIds), between(reviews.stars, 1, 5)))
		.groupBy(reviews.listingId, reviews.stars));
}

/** The listings' own star bars and average as the marketplace shows them. */
export async function listingStars(db: Db, listingIds: number[]) {
	if (!listingIds.length) return [];
	return await allRows(db, db
		.select({ id: listings.id, rating: listings.rating, reviewCount: listings.reviewCount, starCounts: listings.starCounts })
		.from(listings)
		.where(inArray(listings.id, listingIds)));
}

/** Only reviews written in (from, to], when given. */
function writtenIn(window?: { from: string; to: string }) {
	return window ? and(gt(reviews.reviewedAt, window.from), lte(reviews.reviewedAt, window.to)) : undefined;
}

/** The listings' analysed reviews: complaint flag and verdict. */
export async function analysedReviews(db: Db, listingIds: number[], window?: { from: string; to: string }) {
	if (!listingIds.length) return [];
	return await allRows(db, db
		.select({ id: reviews.id, hasComplaint: reviews.hasComplaint, polarity: reviews.polarity })
		.from(reviews)
		.where(and(inArray(reviews.listingId, listingIds), isNotNull(reviews.analyzerVersion), writtenIn(window))));
}

/** The aspects of the listings' reviews, each with its clause (aspects are stored by the analyser, so they are its names). */
export async function reviewAspectRows(db: Db, listingIds: number[], window?: { from: string; to: string }) {
	if (!listingIds.length) return [];
	return await allRows(db, db
		.select({ reviewId: reviewAspects.reviewId, aspect: sql<Aspect>`${reviewAspects.aspect}`, polarity: reviewAspects.polarity, score: reviewAspects.score, clause: reviewAspects.clause })
		.from(reviewAspects)
		.innerJoin(reviews, eq(reviews.id, reviewAspects.reviewId))
		.where(and(inArray(reviews.listingId, listingIds), writtenIn(window))));
}
