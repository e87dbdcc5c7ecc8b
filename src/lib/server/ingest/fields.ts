// The field vocabulary every source shape maps onto. The generic listing and review formats
// (docs/import.md) use these names as their column headers, so a file written by hand, a
// partner feed and a mapped scraper export all end up as the same record.

export const LISTING_FIELDS = [
	'marketplace',
	'listing_id',
	'url',
	'title',
	'price',
	'price_max',
	'price_original',
	'sold',
	'sold_period',
	'rating',
	'review_count',
	// how many ratings of 1, 2, 3, 4 and 5 stars the listing has (a listing page's star bars)
	'stars_1',
	'stars_2',
	'stars_3',
	'stars_4',
	'stars_5',
	'shop_id',
	'shop_name',
	'shop_rating',
	'location',
	'category',
	'observed_at'
] as const;

export const REVIEW_FIELDS = [
	'marketplace',
	'listing_id',
	'listing_url',
	'listing_title',
	'review_id',
	'reviewed_at',
	'stars',
	'text',
	'reviewer',
	// Listing attributes some review sets repeat on every row (PRDECT-ID): they create the listing.
	'price',
	'sold',
	'rating',
	'review_count',
	'shop_id',
	'shop_name',
	'location',
	'category'
] as const;

// A producer's sales book (issue 14): our product id (shown on the product page), any day of the
// week (its Monday names it) and the units sold or ordered that week.
export const SALES_FIELDS = ['product_id', 'week_start', 'units'] as const;

export type ListingField = (typeof LISTING_FIELDS)[number];
export type ReviewField = (typeof REVIEW_FIELDS)[number];
export type SalesField = (typeof SALES_FIELDS)[number];
export type Field = ListingField | ReviewField | SalesField;

export const ALL_FIELDS: readonly Field[] = [...new Set<Field>([...LISTING_FIELDS, ...REVIEW_FIELDS, ...SALES_FIELDS])];

/** One source row after column mapping: raw cell text per field, before any parsing. */
export type RawRecord = Partial<Record<Field, string>>;

export type RecordKind = 'listings' | 'reviews' | 'sales';

/** Why a row (or one of its cells) was refused: where, and the reason in both languages. */
export interface RowProblem {
	column: string | null;
	reasonId: string;
	reasonEn: string;
}
