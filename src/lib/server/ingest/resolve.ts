// Resolve: what each staged row does to the database, decided before the write lock is taken.
// The rules are those the row-by-row loader applied inside its transaction:
//   inserted   a listing (or review) the database did not have
//   updated    a listing we had got a snapshot for this date (a later file), or a stored
//              snapshot/review of an earlier batch was corrected
//   duplicate  the same values were already stored for this key and date (the same file
//              again, or a repeated row within the file)
//   rejected   the row repeats a key of this file with different values (ids and URLs only)
// Most rows of a new file name a listing nobody has and appear once: they are inserted, and the
// merge writes them straight from the staging files ("plain" rows). Every other row (its key is
// in the database, or repeats in the file, or is a fingerprint that may need "#2") is walked in
// key and file order here, against the database as it is now, and what it does is written to
// the scratch tables below; merge.ts applies them, set-wise, in one short transaction. The
// importing connection has the staging files attached (p0, p1 …, read through the `staged`
// view) and the scratch file as `r`.
import type { Db } from '../db';
import {
	collectComplexKeys,
	complexKeyCount,
	importGeneration,
	mainReads,
	plainRowCount,
	ScratchWriter,
	walkComplexListingRows,
	walkFirstReviewedListings,
	walkReviewRows,
	type WalkedListingRow
} from '../db/queries/ingest/resolve';
import { unmappedKey } from './categories';
import { cleanLocation } from './locations';

export const CONFLICT_REASON = {
	id: 'Baris ganda: produk yang sama (ID/URL sama) sudah ada di berkas ini dengan isi berbeda',
	en: 'Duplicate row: the same listing (same id/URL) appears earlier in this file with different values'
};

/** A staged row as the resolver reads it. */
type Row = WalkedListingRow;

interface Snap {
	price: number;
	sold_count: number | null;
	sold_lower_bound: number;
	sold_monthly: number | null;
	rating: number | null;
	review_count: number | null;
	/** Written by this batch. */
	ours: boolean;
}

interface Listing {
	mainId: number | null;
	firstSeen: string;
	lastSeen: string;
	firstSeenMoved: boolean;
	snaps: Map<string, Snap | null>;
	/** The row whose values are the listing's current state now (when one changed it). */
	current: Row | null;
	url: string | null;
	shopKey: string | null;
	region: string | null;
	starCounts: string | null;
	cat: string | null;
}

export interface Outcomes {
	/** Listing rows inserted straight from the staging files (their key is new and appears once). */
	plain: number;
	/** Rows walked one by one (every other row). */
	walked: number;
	inserted: number;
	updated: number;
	duplicates: number;
	rejected: number;
	/** Rows rejected here whose text must be found in the file again (the fast CSV path keeps none). */
	rawMissing: { seq: number; line: number }[];
	unmappedCategories: Map<string, number>;
	unknownLocations: Map<string, number>;
	/** The value of meta import_generation the resolution was made against. */
	generation: number;
}

const snapOf = (r: Row, ours: boolean): Snap => ({
	price: r.price,
	sold_count: r.sold,
	sold_lower_bound: r.sold_lb,
	sold_monthly: r.sold_monthly,
	rating: r.rating,
	review_count: r.review_count,
	ours
});

const same = (s: Snap, r: Row) =>
	s.price === r.price &&
	s.sold_count === r.sold &&
	!!s.sold_lower_bound === !!r.sold_lb &&
	s.sold_monthly === r.sold_monthly &&
	s.rating === r.rating &&
	s.review_count === r.review_count;

type MainReads = ReturnType<typeof mainReads>;

/**
 * One group of rows under one key (a fingerprint's "#2", "#3" included), in file order: the
 * listings they name, loaded from the database when first needed and changed in memory as each
 * row applies, so that every row sees what the rows before it did.
 */
class KeyGroup {
	private listings = new Map<string, Listing | null>();

	constructor(
		private mp: string,
		private reads: MainReads
	) {}

	async listing(key: string): Promise<Listing | null> {
		let l = this.listings.get(key);
		if (l === undefined) {
			const row = await this.reads.listing({ mp: this.mp, key });
			l = row ? blankListing(row.id, row.firstSeen, row.lastSeen) : null;
			this.listings.set(key, l);
		}
		return l;
	}

	created(key: string, row: Row): Listing {
		const l = blankListing(null, row.day, row.day);
		l.snaps.set(row.day, snapOf(row, true));
		this.listings.set(key, l);
		return l;
	}

	async snap(l: Listing, day: string): Promise<Snap | null> {
		let s = l.snaps.get(day);
		if (s === undefined) {
			const row = l.mainId === null ? undefined : await this.reads.snap({ listingId: l.mainId, day });
			s = row ? { ...row, ours: false } : null;
			l.snaps.set(day, s);
		}
		return s;
	}

	/** The row changes the listing's snapshot of its day, and its current state when it is the newest. */
	apply(l: Listing, row: Row): void {
		l.snaps.set(row.day, snapOf(row, true));
		if (row.day >= l.lastSeen) {
			l.lastSeen = row.day;
			l.current = row;
			// Kept when the row leaves them empty (coalesce), as the loader's update did.
			l.url = row.url ?? l.url;
			l.shopKey = row.shop_key ?? l.shopKey;
			l.region = row.region ?? l.region;
			l.starCounts = row.star_counts ?? l.starCounts;
			l.cat ??= row.cat;
		}
		if (row.day < l.firstSeen) {
			l.firstSeen = row.day;
			l.firstSeenMoved = true;
		}
	}

	/** The listings whose current state or first day this group changed, for r.cur. */
	*changed(): Generator<[string, Listing]> {
		for (const [key, l] of this.listings) if (l && (l.current || l.firstSeenMoved)) yield [key, l];
	}
}

function blankListing(mainId: number | null, firstSeen: string, lastSeen: string): Listing {
	return { mainId, firstSeen, lastSeen, firstSeenMoved: false, snaps: new Map(), current: null, url: null, shopKey: null, region: null, starCounts: null, cat: null };
}

function writeChanged(group: KeyGroup, mp: string, w: ScratchWriter): void {
	for (const [key, l] of group.changed()) {
		const c = l.current;
		w.add('cur', {
			mp,
			key,
			has_current: c ? 1 : 0,
			price: c?.price ?? null,
			price_max: c?.price_max ?? null,
			sold: c?.sold ?? null,
			sold_lb: c?.sold_lb ?? null,
			sold_monthly: c?.sold_monthly ?? null,
			rating: c?.rating ?? null,
			review_count: c?.review_count ?? null,
			star_counts: l.starCounts,
			url: l.url,
			shop_key: l.shopKey,
			region: l.region,
			cat: l.cat,
			first_seen: l.firstSeen,
			last_seen: l.lastSeen
		});
	}
}

/**
 * Resolves a listing file. `lineOf(seq)` is a row's line in the file (parts number their own).
 * Runs inside the caller's transaction (a read snapshot of the main database, or the merge's).
 */
export async function resolveListings(db: Db, lineOf: (seq: number) => number, stagedRows: number): Promise<Outcomes> {
	const out = await emptyOutcomes(db);
	const reads = mainReads(db);
	const w = new ScratchWriter(db);
	// The keys that need walking: repeated in the file, already in the database, or fingerprints.
	await collectComplexKeys(db);
	// Usually no key needs walking: then every staged row is plain.
	const walk = (await complexKeyCount(db)) > 0;
	const plain = walk ? (await plainRowCount(db)) : stagedRows;
	out.plain = plain;
	out.inserted += plain;

	let group: KeyGroup | null = null;
	let groupMp = '';
	let groupKey = '';
	for await (const row of walkComplexListingRows(db)) {
		if (!group || row.mp !== groupMp || row.key !== groupKey) {
			if (group) writeChanged(group, groupMp, w);
			group = new KeyGroup(row.mp, reads);
			groupMp = row.mp;
			groupKey = row.key;
		}
		out.walked++;
		const outcome = await listingRow(group, row, w);
		if (outcome === 'inserted') out.inserted++;
		else if (outcome === 'updated') out.updated++;
		else if (outcome === 'duplicate') out.duplicates++;
		else {
			out.rejected++;
			const line = lineOf(row.seq);
			w.add('rejected', { seq: row.seq, line, raw: row.raw });
			if (row.raw === null) out.rawMissing.push({ seq: row.seq, line });
		}
		if (w.full) await w.flush();
	}
	if (group) writeChanged(group, groupMp, w);
	await w.flush();
	return out;
}

/** One listing row of a walked group: the loader's rules, against the group's state. */
async function listingRow(group: KeyGroup, row: Row, w: ScratchWriter): Promise<'inserted' | 'updated' | 'duplicate' | 'rejected'> {
	// For a fingerprint, the same title and shop may be several listings of this file (key,
	// key#2, …): match one with the same values, else take the first one this file has not
	// written yet, else add the next one.
	const fingerprinted = row.key.startsWith('fp:');
	let free: { key: string; listing: Listing } | null = null;
	for (let n = 1; n < 10_000; n++) {
		const key = n === 1 ? row.key : `${row.key}#${n}`;
		const l = await group.listing(key);
		if (!l) {
			if (free) break;
			group.created(key, row);
			w.add('newListing', { seq: row.seq, mp: row.mp, key, snap: 1 });
			return 'inserted';
		}
		const snap = await group.snap(l, row.day);
		if (snap && same(snap, row)) return 'duplicate';
		if (!free && (!snap || !snap.ours)) free = { key, listing: l };
		if (!fingerprinted) break;
	}
	if (!free) return 'rejected';
	group.apply(free.listing, row);
	w.add('snap', { seq: row.seq, key: free.key });
	return 'updated';
}

/**
 * Resolves a review file: each reviewed listing is found or created quietly from its first
 * row (with a snapshot when that row says something about it), then each review is inserted,
 * updated or a duplicate in file order. Reviews are what the rows count.
 */
export async function resolveReviews(db: Db): Promise<Outcomes> {
	const out = await emptyOutcomes(db);
	const reads = mainReads(db);
	const w = new ScratchWriter(db);
	const listingIds = new Map<string, number | null>();

	// The first row of each reviewed listing, in file order: its marketplace, shop and listing.
	for await (const row of walkFirstReviewedListings(db)) {
		// Counted once per listing, as the loader resolved category and location once per listing.
		if (row.cat === null) count(out.unmappedCategories, unmappedKey(row.raw_cat));
		const place = row.region === null && row.loc ? cleanLocation(row.loc) : '';
		if (place) count(out.unknownLocations, place);
		w.add('first', { kind: 'marketplace', mp: row.mp, key: '', name: row.mp_name, region: null, rating: null, seq: row.seq });
		if (row.cat !== null) w.add('first', { kind: 'category', mp: '', key: row.cat, name: null, region: null, rating: null, seq: row.seq });
		if (row.shop_key !== null) w.add('first', { kind: 'shop', mp: row.mp, key: row.shop_key, name: row.shop_name, region: row.region, rating: row.shop_rating, seq: row.seq });
		const group = new KeyGroup(row.mp, reads);
		const l = await group.listing(row.key);
		if (w.full) await w.flush();
		if (!l) {
			group.created(row.key, row);
			w.add('newListing', { seq: row.seq, mp: row.mp, key: row.key, snap: row.observed ? 1 : 0 });
			listingIds.set(`${row.mp}\u0000${row.key}`, null);
			continue;
		}
		listingIds.set(`${row.mp}\u0000${row.key}`, l.mainId);
		if (row.observed && !(await group.snap(l, row.day))) {
			group.apply(l, row);
			w.add('snap', { seq: row.seq, key: row.key });
			writeChanged(group, row.mp, w);
		}
	}

	// Reviews, grouped by listing and review key, each group in file order.
	// A review row always has its key and text (normalise.ts refuses it otherwise).
	let state: { mp: string; key: string; rkey: string | null; firstSeq: number; isNew: boolean; changed: boolean; reviewedAt: string; stars: number | null; text: string | null } | null = null;
	const flush = () => {
		// A review row always has its key and text (normalise.ts refuses it otherwise).
		if (state && (state.isNew || state.changed))
			w.add('review', { seq: state.firstSeq, mp: state.mp, key: state.key, rkey: state.rkey!, is_new: state.isNew ? 1 : 0, reviewed_at: state.reviewedAt, stars: state.stars, text: state.text! });
	};
	for await (const r of walkReviewRows(db)) {
		if (!state || r.mp !== state.mp || r.key !== state.key || r.rkey !== state.rkey) {
			flush();
			const listingId = listingIds.get(`${r.mp}\u0000${r.key}`) ?? null;
			const stored = listingId === null ? undefined : await reads.review({ listingId, rkey: r.rkey });
			if (w.full) await w.flush();
			if (!stored) {
				state = { mp: r.mp, key: r.key, rkey: r.rkey, firstSeq: r.seq, isNew: true, changed: true, reviewedAt: r.reviewed_at ?? r.day, stars: r.stars, text: r.rtext };
				out.inserted++;
				continue;
			}
			state = { mp: r.mp, key: r.key, rkey: r.rkey, firstSeq: r.seq, isNew: false, changed: false, ...stored };
		}
		if (state.text === r.rtext && state.stars === r.stars && (r.reviewed_at === null || state.reviewedAt === r.reviewed_at)) {
			out.duplicates++;
			continue;
		}
		state.reviewedAt = r.reviewed_at ?? state.reviewedAt;
		state.stars = r.stars;
		state.text = r.rtext;
		state.changed = true;
		out.updated++;
	}
	flush();
	await w.flush();
	return out;
}

/**
 * The first row of each marketplace and shop (listing files): their names, ratings and places
 * as the loader upserted them the first time the batch met them.
 */
export async function resolveFirsts(
	db: Db,
	firsts: { marketplaces: [string, string, number][]; shops: [string, string, string, string | null, number | null, number][]; categories: [string, number][] }
): Promise<void> {
	const w = new ScratchWriter(db);
	const byMp = new Map<string, [string, string, number]>();
	for (const m of firsts.marketplaces) if (!byMp.has(m[0]) || byMp.get(m[0])![2] > m[2]) byMp.set(m[0], m);
	for (const [mp, name, seq] of byMp.values()) w.add('first', { kind: 'marketplace', mp, key: '', name, region: null, rating: null, seq });
	const byShop = new Map<string, [string, string, string, string | null, number | null, number]>();
	for (const s of firsts.shops) {
		const k = `${s[0]}\u0000${s[1]}`;
		const seen = byShop.get(k);
		if (!seen || seen[5] > s[5]) byShop.set(k, s);
	}
	for (const [mp, key, name, region, rating, seq] of byShop.values()) w.add('first', { kind: 'shop', mp, key, name, region, rating, seq });
	// Every listing row resolved its category (and the batch created the ones the database lacked).
	const byCategory = new Map<string, number>();
	for (const [slug, seq] of firsts.categories) if (!byCategory.has(slug) || byCategory.get(slug)! > seq) byCategory.set(slug, seq);
	for (const [slug, seq] of byCategory) w.add('first', { kind: 'category', mp: '', key: slug, name: null, region: null, rating: null, seq });
	await w.flush();
}

async function emptyOutcomes(db: Db): Promise<Outcomes> {
	return {
		plain: 0,
		walked: 0,
		inserted: 0,
		updated: 0,
		duplicates: 0,
		rejected: 0,
		rawMissing: [],
		unmappedCategories: new Map(),
		unknownLocations: new Map(),
		generation: await importGeneration(db)
	};
}

function count(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}
