// Writes normalised rows, inside the batch's one transaction (opened by pipeline.ts), and
// says for each row what happened to it:
//   inserted   a listing (or review) the database did not have
//   updated    a listing we had got a snapshot for this date (a later file), or a stored
//              snapshot/review of an earlier batch was corrected
//   duplicate  the same values were already stored for this key and date (the same file
//              again, or a repeated row within the file)
//   rejected   the row repeats a key of this file with different values (ids and URLs only)
// The database is the memory of what this file already wrote (batch_id on snapshots), so
// nothing per row is held in memory and a million-row file stays flat.
import type { Db } from '../db';
import { insertIgnoreReturningSql, upsertReturningSql } from '../db/dialect';
import type { CategoryResolver } from './categories';
import type { RowProblem } from './fields';
import type { LocationResolver } from './locations';
import type { NormalListing, NormalReview, NormalShop } from './normalise';

export type Outcome = 'inserted' | 'updated' | 'duplicate' | RowProblem;

interface SnapshotRow {
	price: number;
	sold_count: number | null;
	sold_lower_bound: number;
	sold_monthly: number | null;
	rating: number | null;
	review_count: number | null;
	batch_id: number | null;
}

interface ListingRow {
	id: number;
	first_seen_at: string;
	last_seen_at: string;
	category_id: number | null;
}

const LISTING_COLUMNS = [
	'marketplace_id',
	'external_id',
	'url',
	'title',
	'category_id',
	'shop_id',
	'region_code',
	'pack_quantity',
	'unit',
	'unit_family',
	'price',
	'price_max',
	'sold_count',
	'sold_lower_bound',
	'sold_monthly',
	'rating',
	'review_count',
	'star_counts',
	'first_seen_at',
	'last_seen_at',
	'batch_id',
	'raw_category',
	'raw_location',
	'pack_status'
];

export class Loader {
	readonly touchedCategories = new Set<number>();
	readonly reviewIds: number[] = [];
	private marketplaces = new Set<string>();
	private shops = new Map<string, number>();
	private reviewListings = new Map<string, number>();
	private s;

	constructor(
		db: Db,
		private batchId: number,
		/** The batch's date, for rows without one of their own; set once the batch's date is decided. */
		public observedAt: string,
		private categories: CategoryResolver,
		private locations: LocationResolver
	) {
		const c = db.$client;
		this.s = {
			marketplace: c.prepare(insertIgnoreReturningSql('marketplaces', ['id', 'name'], ['id'])),
			shop: c.prepare(
				upsertReturningSql('shops', ['marketplace_id', 'external_id', 'name', 'region_code', 'rating'], ['marketplace_id', 'external_id'], {
					name: 'excluded.name',
					region_code: 'coalesce(excluded.region_code, shops.region_code)',
					rating: 'coalesce(excluded.rating, shops.rating)'
				})
			),
			insertListing: c.prepare(insertIgnoreReturningSql('listings', LISTING_COLUMNS, ['marketplace_id', 'external_id'])),
			findListing: c.prepare(
				'select id, first_seen_at, last_seen_at, category_id from listings where marketplace_id = ? and external_id = ?'
			),
			findSnapshot: c.prepare(
				'select price, sold_count, sold_lower_bound, sold_monthly, rating, review_count, batch_id from listing_snapshots where listing_id = ? and observed_at = ?'
			),
			insertSnapshot: c.prepare(
				`insert into listing_snapshots (listing_id, observed_at, price, sold_count, sold_lower_bound, sold_monthly, rating, review_count, batch_id)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (listing_id, observed_at) do nothing`
			),
			updateSnapshot: c.prepare(
				`update listing_snapshots set price = ?, sold_count = ?, sold_lower_bound = ?, sold_monthly = ?, rating = ?, review_count = ?, batch_id = ?
				 where listing_id = ? and observed_at = ?`
			),
			updateCurrent: c.prepare(
				`update listings set price = ?, price_max = ?, sold_count = ?, sold_lower_bound = ?, sold_monthly = ?, rating = ?, review_count = ?,
				   star_counts = coalesce(?, star_counts), last_seen_at = ?, batch_id = ?, url = coalesce(?, url), shop_id = coalesce(?, shop_id), region_code = coalesce(?, region_code),
				   category_id = coalesce(category_id, ?)
				 where id = ?`
			),
			updateFirstSeen: c.prepare('update listings set first_seen_at = min(first_seen_at, ?) where id = ?'),
			insertReview: c.prepare(
				insertIgnoreReturningSql('reviews', ['listing_id', 'external_id', 'reviewed_at', 'stars', 'text', 'batch_id'], ['listing_id', 'external_id'])
			),
			findReview: c.prepare('select id, reviewed_at, stars, text from reviews where listing_id = ? and external_id = ?'),
			updateReview: c.prepare('update reviews set reviewed_at = ?, stars = ?, text = ?, batch_id = ?, analyzer_version = null where id = ?')
		};
	}

	private marketplace(m: { id: string; name: string }): void {
		if (this.marketplaces.has(m.id)) return;
		this.s.marketplace.get(m.id, m.name);
		this.marketplaces.add(m.id);
	}

	private shop(marketplaceId: string, shop: NormalShop | null, regionCode: string | null): number | null {
		if (!shop) return null;
		const k = `${marketplaceId}|${shop.externalId}`;
		let id = this.shops.get(k);
		if (id === undefined) {
			id = (this.s.shop.get(marketplaceId, shop.externalId, shop.name, regionCode, shop.rating) as { id: number }).id;
			if (this.shops.size > 200_000) this.shops.clear();
			this.shops.set(k, id);
		}
		return id;
	}

	private snapshotArgs(l: NormalListing) {
		return [l.price, l.sold, l.soldLowerBound ? 1 : 0, l.soldMonthly, l.rating, l.reviewCount] as const;
	}

	private same(s: SnapshotRow, l: NormalListing): boolean {
		return (
			s.price === l.price &&
			s.sold_count === l.sold &&
			!!s.sold_lower_bound === l.soldLowerBound &&
			s.sold_monthly === l.soldMonthly &&
			s.rating === l.rating &&
			s.review_count === l.reviewCount
		);
	}

	/** Inserts the listing under `key` if new; returns its id, or null when the key exists. */
	private insertNew(l: NormalListing, key: string, date: string, categoryId: number | null, shopId: number | null, regionCode: string | null): number | null {
		const row = this.s.insertListing.get(
			l.marketplace.id,
			key,
			l.url,
			l.title,
			categoryId,
			shopId,
			regionCode,
			l.pack?.quantity ?? 1,
			l.pack?.unit ?? 'pcs',
			l.pack?.family ?? 'count',
			l.price,
			l.priceMax,
			l.sold,
			l.soldLowerBound ? 1 : 0,
			l.soldMonthly,
			l.rating,
			l.reviewCount,
			l.starCounts ? JSON.stringify(l.starCounts) : null,
			date,
			date,
			this.batchId,
			categoryId === null ? l.category : null,
			regionCode === null ? l.location : null,
			l.packStatus
		) as { id: number } | undefined;
		return row ? row.id : null;
	}

	private applyTo(existing: ListingRow, snap: SnapshotRow | undefined, l: NormalListing, date: string, shopId: number | null, regionCode: string | null, categoryId: number | null): void {
		const args = this.snapshotArgs(l);
		if (snap) this.s.updateSnapshot.run(...args, this.batchId, existing.id, date);
		else this.s.insertSnapshot.run(existing.id, date, ...args, this.batchId);
		if (date >= existing.last_seen_at) {
			this.s.updateCurrent.run(l.price, l.priceMax, ...args.slice(1), l.starCounts ? JSON.stringify(l.starCounts) : null, date, this.batchId, l.url, shopId, regionCode, categoryId, existing.id);
		}
		if (date < existing.first_seen_at) this.s.updateFirstSeen.run(date, existing.id);
		const cat = existing.category_id ?? categoryId;
		if (cat !== null) this.touchedCategories.add(cat);
	}

	listing(l: NormalListing): Outcome {
		this.marketplace(l.marketplace);
		const date = l.observedAt ?? this.observedAt;
		const regionCode = this.locations.resolve(l.location);
		const categoryId = this.categories.resolve(l.category, l.title);
		const shopId = this.shop(l.marketplace.id, l.shop, regionCode);
		const fingerprinted = l.key.startsWith('fp:');

		// Fast path: a listing never seen before (the usual case for a new file).
		const newId = this.insertNew(l, l.key, date, categoryId, shopId, regionCode);
		if (newId !== null) {
			this.s.insertSnapshot.run(newId, date, ...this.snapshotArgs(l), this.batchId);
			if (categoryId !== null) this.touchedCategories.add(categoryId);
			return 'inserted';
		}

		// The key exists. For a fingerprint, the same title and shop may be several listings of
		// this file (key, key#2, …): match one with the same values, else take the first one this
		// file has not written yet, else add the next one.
		let free: { row: ListingRow; snap: SnapshotRow | undefined } | null = null;
		for (let n = 1; n < 10_000; n++) {
			const key = n === 1 ? l.key : `${l.key}#${n}`;
			const row = this.s.findListing.get(l.marketplace.id, key) as ListingRow | undefined;
			if (!row) {
				if (free) break;
				const id = this.insertNew(l, key, date, categoryId, shopId, regionCode)!;
				this.s.insertSnapshot.run(id, date, ...this.snapshotArgs(l), this.batchId);
				if (categoryId !== null) this.touchedCategories.add(categoryId);
				return 'inserted';
			}
			const snap = this.s.findSnapshot.get(row.id, date) as SnapshotRow | undefined;
			if (snap && this.same(snap, l)) return 'duplicate';
			if (!free && (!snap || snap.batch_id !== this.batchId)) free = { row, snap };
			if (!fingerprinted) break;
		}
		if (!free) {
			return {
				column: null,
				reasonId: 'Baris ganda: produk yang sama (ID/URL sama) sudah ada di berkas ini dengan isi berbeda',
				reasonEn: 'Duplicate row: the same listing (same id/URL) appears earlier in this file with different values'
			};
		}
		this.applyTo(free.row, free.snap, l, date, shopId, regionCode, categoryId);
		return 'updated';
	}

	/** The listing a review belongs to: found or created quietly (reviews are what the row counts). */
	private reviewListing(r: NormalReview, date: string): number {
		const l = r.listing;
		const cacheKey = `${l.marketplace.id}|${l.key}`;
		const cached = this.reviewListings.get(cacheKey);
		if (cached !== undefined) return cached;
		this.marketplace(l.marketplace);
		const regionCode = this.locations.resolve(l.location);
		const categoryId = this.categories.resolve(l.category, l.title);
		const shopId = this.shop(l.marketplace.id, l.shop, regionCode);
		let id = this.insertNew(l, l.key, date, categoryId, shopId, regionCode);
		if (id !== null) {
			if (r.listingObserved) this.s.insertSnapshot.run(id, date, ...this.snapshotArgs(l), this.batchId);
			if (categoryId !== null) this.touchedCategories.add(categoryId);
		} else {
			const row = this.s.findListing.get(l.marketplace.id, l.key) as ListingRow;
			id = row.id;
			if (r.listingObserved) {
				const snap = this.s.findSnapshot.get(row.id, date) as SnapshotRow | undefined;
				if (!snap) this.applyTo(row, undefined, l, date, shopId, regionCode, categoryId);
			}
		}
		if (this.reviewListings.size > 100_000) this.reviewListings.clear();
		this.reviewListings.set(cacheKey, id);
		return id;
	}

	review(r: NormalReview): Outcome {
		const date = r.listing.observedAt ?? this.observedAt;
		const listingId = this.reviewListing(r, date);
		const reviewedAt = r.reviewedAt ?? date;
		const inserted = this.s.insertReview.get(listingId, r.key, reviewedAt, r.stars, r.text, this.batchId) as { id: number } | undefined;
		if (inserted) {
			this.reviewIds.push(inserted.id);
			return 'inserted';
		}
		const old = this.s.findReview.get(listingId, r.key) as { id: number; reviewed_at: string; stars: number | null; text: string };
		if (old.text === r.text && old.stars === r.stars && (r.reviewedAt === null || old.reviewed_at === r.reviewedAt)) return 'duplicate';
		this.s.updateReview.run(r.reviewedAt ?? old.reviewed_at, r.stars, r.text, this.batchId, old.id);
		this.reviewIds.push(old.id);
		return 'updated';
	}
}
