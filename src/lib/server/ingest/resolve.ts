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
import type Database from 'better-sqlite3';
import { unmappedKey } from './categories';
import { cleanLocation } from './locations';

export const SCRATCH_SCHEMA = `
create table r.complex (mp text not null, key text not null, primary key (mp, key)) without rowid;
create table r.new_listing (seq integer primary key, mp text not null, key text not null, snap integer not null);
create table r.snap (seq integer primary key, key text not null);
create table r.cur (
	mp text not null, key text not null, has_current integer not null,
	price integer, price_max integer, sold integer, sold_lb integer, sold_monthly integer, rating real, review_count integer,
	star_counts text, url text, shop_key text, region text, cat text, first_seen text not null, last_seen text not null
);
create table r.review_write (seq integer primary key, mp text not null, key text not null, rkey text not null, is_new integer not null, reviewed_at text not null, stars integer, text text not null);
create table r.rejected (seq integer not null, line integer not null, raw text);
create table r.firsts (kind text not null, mp text not null, key text not null, name text, region text, rating real, seq integer not null, primary key (kind, mp, key)) without rowid;
`;

export const CONFLICT_REASON = {
	id: 'Baris ganda: produk yang sama (ID/URL sama) sudah ada di berkas ini dengan isi berbeda',
	en: 'Duplicate row: the same listing (same id/URL) appears earlier in this file with different values'
};

/** A staged row as the resolver reads it. */
interface Row {
	seq: number;
	mp: string;
	mp_name: string;
	key: string;
	url: string | null;
	cat: string | null;
	raw_cat: string | null;
	loc: string | null;
	region: string | null;
	shop_key: string | null;
	shop_name: string | null;
	shop_rating: number | null;
	price: number;
	price_max: number | null;
	sold: number | null;
	sold_lb: number;
	sold_monthly: number | null;
	rating: number | null;
	review_count: number | null;
	star_counts: string | null;
	day: string;
	observed: number | null;
	raw: string | null;
}

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

export function importGeneration(client: Database.Database): number {
	return Number(client.prepare("select value from meta where key = 'import_generation'").pluck().get() ?? 0);
}

/** The statements against the main database the resolver reads with. */
function mainReads(client: Database.Database) {
	return {
		listing: client.prepare('select id, first_seen_at as firstSeen, last_seen_at as lastSeen from main.listings where marketplace_id = ? and external_id = ?'),
		snap: client.prepare(
			'select price, sold_count, sold_lower_bound, sold_monthly, rating, review_count, batch_id from main.listing_snapshots where listing_id = ? and observed_at = ?'
		),
		review: client.prepare('select reviewed_at as reviewedAt, stars, text from main.reviews where listing_id = ? and external_id = ?')
	};
}

/** Writes of the resolver into the scratch tables. */
function scratchWrites(client: Database.Database) {
	return {
		newListing: client.prepare('insert into r.new_listing (seq, mp, key, snap) values (?, ?, ?, ?)'),
		snap: client.prepare('insert into r.snap (seq, key) values (?, ?)'),
		cur: client.prepare(
			`insert into r.cur (mp, key, has_current, price, price_max, sold, sold_lb, sold_monthly, rating, review_count, star_counts, url, shop_key, region, cat, first_seen, last_seen)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		rejected: client.prepare('insert into r.rejected (seq, line, raw) values (?, ?, ?)'),
		review: client.prepare('insert into r.review_write (seq, mp, key, rkey, is_new, reviewed_at, stars, text) values (?, ?, ?, ?, ?, ?, ?, ?)'),
		first: client.prepare('insert into r.firsts (kind, mp, key, name, region, rating, seq) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing')
	};
}

/**
 * One group of rows under one key (a fingerprint's "#2", "#3" included), in file order: the
 * listings they name, loaded from the database when first needed and changed in memory as each
 * row applies, so that every row sees what the rows before it did.
 */
class KeyGroup {
	private listings = new Map<string, Listing | null>();

	constructor(
		private mp: string,
		private reads: ReturnType<typeof mainReads>
	) {}

	listing(key: string): Listing | null {
		let l = this.listings.get(key);
		if (l === undefined) {
			const row = this.reads.listing.get(this.mp, key) as { id: number; firstSeen: string; lastSeen: string } | undefined;
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

	snap(l: Listing, day: string): Snap | null {
		let s = l.snaps.get(day);
		if (s === undefined) {
			const row = l.mainId === null ? undefined : (this.reads.snap.get(l.mainId, day) as (Snap & { batch_id: number | null }) | undefined);
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

function writeChanged(group: KeyGroup, mp: string, w: ReturnType<typeof scratchWrites>): void {
	for (const [key, l] of group.changed()) {
		const c = l.current;
		w.cur.run(
			mp,
			key,
			c ? 1 : 0,
			c?.price ?? null,
			c?.price_max ?? null,
			c?.sold ?? null,
			c?.sold_lb ?? null,
			c?.sold_monthly ?? null,
			c?.rating ?? null,
			c?.review_count ?? null,
			l.starCounts,
			l.url,
			l.shopKey,
			l.region,
			l.cat,
			l.firstSeen,
			l.lastSeen
		);
	}
}

/** The staging view's columns the resolver reads. */
const ROW_COLUMNS = `seq, mp, mp_name, key, url, cat, raw_cat, loc, region, shop_key, shop_name, shop_rating, price, price_max, sold, sold_lb,
	sold_monthly, rating, review_count, star_counts, day, observed, raw`;

/**
 * Resolves a listing file. `lineOf(seq)` is a row's line in the file (parts number their own).
 * Runs inside the caller's transaction (a read snapshot of the main database, or the merge's).
 */
export function resolveListings(client: Database.Database, lineOf: (seq: number) => number, stagedRows: number): Outcomes {
	const out = emptyOutcomes(client);
	const reads = mainReads(client);
	const w = scratchWrites(client);
	// The keys that need walking: repeated in the file, already in the database, or fingerprints.
	client.exec(`insert into r.complex (mp, key)
		select mp, key from staged group by mp, key
		having count(*) > 1 or key like 'fp:%' or exists (select 1 from main.listings l where l.marketplace_id = staged.mp and l.external_id = staged.key)`);
	// Usually no key needs walking: then every staged row is plain.
	const walk = (client.prepare('select count(*) from r.complex').pluck().get() as number) > 0;
	const plain = walk
		? (client.prepare('select count(*) from staged s where not exists (select 1 from r.complex c where c.mp = s.mp and c.key = s.key)').pluck().get() as number)
		: stagedRows;
	out.plain = plain;
	out.inserted += plain;

	let group: KeyGroup | null = null;
	let groupMp = '';
	let groupKey = '';
	const rows = inOrder<Row>(
		client,
		`select ${ROW_COLUMNS} from staged s where exists (select 1 from r.complex c where c.mp = s.mp and c.key = s.key) order by mp, key, seq`
	);
	for (const row of rows) {
		if (!group || row.mp !== groupMp || row.key !== groupKey) {
			if (group) writeChanged(group, groupMp, w);
			group = new KeyGroup(row.mp, reads);
			groupMp = row.mp;
			groupKey = row.key;
		}
		out.walked++;
		const outcome = listingRow(group, row, w);
		if (outcome === 'inserted') out.inserted++;
		else if (outcome === 'updated') out.updated++;
		else if (outcome === 'duplicate') out.duplicates++;
		else {
			out.rejected++;
			const line = lineOf(row.seq);
			w.rejected.run(row.seq, line, row.raw);
			if (row.raw === null) out.rawMissing.push({ seq: row.seq, line });
		}
	}
	if (group) writeChanged(group, groupMp, w);
	return out;
}

/** One listing row of a walked group: the loader's rules, against the group's state. */
function listingRow(group: KeyGroup, row: Row, w: ReturnType<typeof scratchWrites>): 'inserted' | 'updated' | 'duplicate' | 'rejected' {
	// For a fingerprint, the same title and shop may be several listings of this file (key,
	// key#2, …): match one with the same values, else take the first one this file has not
	// written yet, else add the next one.
	const fingerprinted = row.key.startsWith('fp:');
	let free: { key: string; listing: Listing } | null = null;
	for (let n = 1; n < 10_000; n++) {
		const key = n === 1 ? row.key : `${row.key}#${n}`;
		const l = group.listing(key);
		if (!l) {
			if (free) break;
			group.created(key, row);
			w.newListing.run(row.seq, row.mp, key, 1);
			return 'inserted';
		}
		const snap = group.snap(l, row.day);
		if (snap && same(snap, row)) return 'duplicate';
		if (!free && (!snap || !snap.ours)) free = { key, listing: l };
		if (!fingerprinted) break;
	}
	if (!free) return 'rejected';
	group.apply(free.listing, row);
	w.snap.run(row.seq, free.key);
	return 'updated';
}

/**
 * Resolves a review file: each reviewed listing is found or created quietly from its first
 * row (with a snapshot when that row says something about it), then each review is inserted,
 * updated or a duplicate in file order. Reviews are what the rows count.
 */
export function resolveReviews(client: Database.Database): Outcomes {
	const out = emptyOutcomes(client);
	const reads = mainReads(client);
	const w = scratchWrites(client);
	const listingIds = new Map<string, number | null>();

	// The first row of each reviewed listing, in file order: its marketplace, shop and listing.
	const firsts = inOrder<Row>(client, `select ${ROW_COLUMNS} from staged where seq in (select min(seq) from staged group by mp, key) order by seq`);
	for (const row of firsts) {
		// Counted once per listing, as the loader resolved category and location once per listing.
		if (row.cat === null) count(out.unmappedCategories, unmappedKey(row.raw_cat));
		const place = row.region === null && row.loc ? cleanLocation(row.loc) : '';
		if (place) count(out.unknownLocations, place);
		w.first.run('marketplace', row.mp, '', row.mp_name, null, null, row.seq);
		if (row.cat !== null) w.first.run('category', '', row.cat, null, null, null, row.seq);
		if (row.shop_key !== null) w.first.run('shop', row.mp, row.shop_key, row.shop_name, row.region, row.shop_rating, row.seq);
		const group = new KeyGroup(row.mp, reads);
		const l = group.listing(row.key);
		if (!l) {
			group.created(row.key, row);
			w.newListing.run(row.seq, row.mp, row.key, row.observed ? 1 : 0);
			listingIds.set(`${row.mp}\u0000${row.key}`, null);
			continue;
		}
		listingIds.set(`${row.mp}\u0000${row.key}`, l.mainId);
		if (row.observed && !group.snap(l, row.day)) {
			group.apply(l, row);
			w.snap.run(row.seq, row.key);
			writeChanged(group, row.mp, w);
		}
	}

	// Reviews, grouped by listing and review key, each group in file order.
	type ReviewRow = { seq: number; mp: string; key: string; rkey: string; reviewed_at: string | null; stars: number | null; rtext: string; day: string };
	const rows = inOrder<ReviewRow>(client, 'select seq, mp, key, rkey, reviewed_at, stars, rtext, day from staged order by mp, key, rkey, seq');
	let state: { mp: string; key: string; rkey: string; firstSeq: number; isNew: boolean; changed: boolean; reviewedAt: string; stars: number | null; text: string } | null = null;
	const flush = () => {
		if (state && (state.isNew || state.changed)) w.review.run(state.firstSeq, state.mp, state.key, state.rkey, state.isNew ? 1 : 0, state.reviewedAt, state.stars, state.text);
	};
	for (const r of rows) {
		if (!state || r.mp !== state.mp || r.key !== state.key || r.rkey !== state.rkey) {
			flush();
			const listingId = listingIds.get(`${r.mp}\u0000${r.key}`) ?? null;
			const stored = listingId === null ? undefined : (reads.review.get(listingId, r.rkey) as { reviewedAt: string; stars: number | null; text: string } | undefined);
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
	return out;
}

/**
 * The first row of each marketplace and shop (listing files): their names, ratings and places
 * as the loader upserted them the first time the batch met them.
 */
export function resolveFirsts(
	client: Database.Database,
	firsts: { marketplaces: [string, string, number][]; shops: [string, string, string, string | null, number | null, number][]; categories: [string, number][] }
): void {
	const w = scratchWrites(client);
	const byMp = new Map<string, [string, string, number]>();
	for (const m of firsts.marketplaces) if (!byMp.has(m[0]) || byMp.get(m[0])![2] > m[2]) byMp.set(m[0], m);
	for (const [mp, name, seq] of byMp.values()) w.first.run('marketplace', mp, '', name, null, null, seq);
	const byShop = new Map<string, [string, string, string, string | null, number | null, number]>();
	for (const s of firsts.shops) {
		const k = `${s[0]}\u0000${s[1]}`;
		const seen = byShop.get(k);
		if (!seen || seen[5] > s[5]) byShop.set(k, s);
	}
	for (const [mp, key, name, region, rating, seq] of byShop.values()) w.first.run('shop', mp, key, name, region, rating, seq);
	// Every listing row resolved its category (and the batch created the ones the database lacked).
	const byCategory = new Map<string, number>();
	for (const [slug, seq] of firsts.categories) if (!byCategory.has(slug) || byCategory.get(slug)! > seq) byCategory.set(slug, seq);
	for (const [slug, seq] of byCategory) w.first.run('category', '', slug, null, null, null, seq);
}

/**
 * The rows of `select` in its order, a page at a time: the walk reads the main database and
 * writes the scratch tables as it goes, which better-sqlite3 does not allow while a statement
 * is still being iterated. The rows are copied, sorted, into a scratch table and paged by rowid.
 */
function* inOrder<T>(client: Database.Database, select: string, page = 5000): Generator<T> {
	client.exec('drop table if exists r.walk');
	client.exec(`create table r.walk as ${select}`);
	const next = client.prepare('select rowid as walk_id, * from r.walk where rowid > ? order by rowid limit ?');
	let after = 0;
	for (;;) {
		const rows = next.all(after, page) as (T & { walk_id: number })[];
		if (rows.length === 0) break;
		after = rows[rows.length - 1].walk_id;
		yield* rows;
	}
	client.exec('drop table r.walk');
}

function emptyOutcomes(client: Database.Database): Outcomes {
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
		generation: importGeneration(client)
	};
}

function count(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}
