// The second half of an import: the staged rows (stage.ts) are resolved against the main
// database without its write lock (resolve.ts, on a read snapshot), then folded in with ONE
// short write transaction of set-wise statements. A batch stays all or nothing: a process
// killed at any moment leaves the main file exactly as it was (before the merge nothing was
// written to it; a merge that does not commit is discarded by SQLite), and importing the same
// file again completes it. The lock is held only for the merge itself (`lockMs`), so the
// server's own writes (a price, a form) wait a moment at most, and sign-ins not at all.
import type { Db } from '../db';
import { deferSecondaryIndexes, suspendListingsFtsTrigger } from '../db/dialect';
import { ensureCategory } from './categories';
import { CONFLICT_REASON, importGeneration, resolveFirsts, resolveListings, resolveReviews, SCRATCH_SCHEMA, type Outcomes } from './resolve';
import type { StageCounts } from './stage';

export interface StagedFile {
	kind: 'listings' | 'reviews';
	/** The staging files in file order; a part's line 1 is the file's line `firstLine`. */
	parts: { path: string; seqBase: number; firstLine: number; counts: StageCounts }[];
	scratchPath: string;
}

export interface BatchRecord {
	fileName: string;
	source: string;
	observedAt: string;
	observedSource: string;
	startedAt: string;
}

export interface Merged {
	batchId: number;
	outcomes: Outcomes;
	/** How long the main file's write lock was held. */
	lockMs: number;
	/** Listings and reviews this batch wrote (for the refresh and the review analysis after it). */
	touchedCategories: number[];
	reviewIds: number[];
}

/** The batch's row counts and message, decided once the outcomes are known. */
export interface BatchFinish {
	status: 'done' | 'failed';
	rows: number;
	/** Rows refused while staging and while resolving. */
	rejected: number;
	message: string;
	fileHash: string;
	unmapped: string | null;
}

/**
 * Attaches the staging files and the scratch file to the importing connection and resolves
 * what each row does, on a read snapshot of the main database (no write lock). Returns the
 * outcomes; `fillRaw` supplies the text of rows rejected here that the staging did not keep.
 */
export async function resolveStaged(
	db: Db,
	staged: StagedFile,
	fillRaw: (lines: number[]) => Promise<Map<number, string>>
): Promise<Outcomes> {
	const client = db.$client;
	const parts = staged.parts.filter((p) => p.path);
	parts.forEach((p, i) => client.prepare(`attach ? as p${i}`).run(p.path));
	client.prepare('attach ? as r').run(staged.scratchPath);
	client.pragma('r.journal_mode = OFF');
	client.pragma('r.synchronous = OFF');
	client.exec(`create temp view staged as ${parts.map((_, i) => `select * from p${i}.rows`).join(' union all ') || 'select * from main.listings where 0'}`);
	client.exec(SCRATCH_SCHEMA);
	const outcomes = resolveInto(db, staged);
	// Text of the rows rejected here, for the rejected-rows download.
	if (outcomes.rawMissing.length) {
		const raw = await fillRaw(outcomes.rawMissing.map((r) => r.line));
		const set = client.prepare('update r.rejected set raw = ? where seq = ?');
		client.transaction(() => {
			for (const r of outcomes.rawMissing) set.run(raw.get(r.line) ?? null, r.seq);
		})();
	}
	return outcomes;
}

/** The resolution proper, on a read snapshot (or inside the merge, when another import came first). */
function resolveInto(db: Db, staged: StagedFile): Outcomes {
	const client = db.$client;
	// A seq is its part's base plus the line within the part (csv-parallel.ts); parts are 2^40 apart.
	const lineOf = (seq: number) => {
		const part = staged.parts.findLast((p) => p.seqBase <= seq)!;
		return seq - part.seqBase + part.firstLine - 1;
	};
	// One transaction: every read of the main file sees the same committed state.
	const nested = client.inTransaction;
	if (!nested) client.exec('BEGIN');
	try {
		// Rows staged, not counting the rejected ones (they are not in the rows tables).
		const stagedRows = staged.parts.reduce((n, p) => n + p.counts.rows - p.counts.rejectedRows, 0);
		const outcomes = staged.kind === 'listings' ? resolveListings(client, lineOf, stagedRows) : resolveReviews(client);
		if (staged.kind === 'listings') {
			resolveFirsts(client, {
				marketplaces: staged.parts.flatMap((p) => p.counts.marketplaces),
				shops: staged.parts.flatMap((p) => p.counts.shops),
				categories: staged.parts.flatMap((p) => p.counts.categories)
			});
		}
		if (!nested) client.exec('COMMIT');
		return outcomes;
	} catch (e) {
		if (!nested && client.inTransaction) client.exec('ROLLBACK');
		throw e;
	}
}

async function beginImmediate(db: Db): Promise<void> {
	// Another process may be writing: wait for it without blocking the event loop.
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			db.$client.exec('BEGIN IMMEDIATE');
			return;
		} catch (e) {
			if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}

const LISTING_INSERT = `insert into main.listings (marketplace_id, external_id, url, title, category_id, shop_id, region_code, pack_quantity, unit, unit_family,
	price, price_max, sold_count, sold_lower_bound, sold_monthly, rating, review_count, star_counts, first_seen_at, last_seen_at, batch_id,
	raw_category, raw_location, pack_status)`;

/** New listings from staged rows `s` (with the external id `ckey`): categories and shops by their keys. */
const listingSelect = (from: string) => `select s.mp, s.ckey, s.url, s.title, c.id, sh.id, s.region, s.pack_quantity, s.unit, s.unit_family,
	s.price, s.price_max, s.sold, s.sold_lb, s.sold_monthly, s.rating, s.review_count, s.star_counts, s.day, s.day, :batch,
	s.raw_cat, s.loc, s.pack_status
	from ${from}
	left join main.categories c on c.slug = s.cat
	left join main.shops sh on sh.marketplace_id = s.mp and sh.external_id = s.shop_key`;

/**
 * The merge: one write transaction on the main file. `finish` gives the batch's status and
 * message from the final outcomes (they change only if another import committed in between,
 * which makes this merge resolve again, inside the lock).
 */
export async function mergeStaged(
	db: Db,
	staged: StagedFile,
	outcomesBefore: Outcomes,
	batch: BatchRecord,
	finish: (outcomes: Outcomes) => BatchFinish,
	opts: { deferIndexesFrom?: number } = {}
): Promise<Merged> {
	const client = db.$client;
	await beginImmediate(db);
	const t0 = performance.now();
	try {
		let outcomes = outcomesBefore;
		if (importGeneration(client) !== outcomes.generation) {
			// Another import committed after the resolution: resolve again, now under the lock.
			for (const t of ['complex', 'new_listing', 'snap', 'cur', 'review_write', 'rejected', 'firsts']) client.exec(`delete from r.${t}`);
			const again = resolveInto(db, staged);
			if (again.rawMissing.length) throw new Error('rows rejected after a concurrent import need their text again');
			outcomes = again;
		}
		const done = finish(outcomes);
		const batchId = Number(
			client
				.prepare(
					`insert into main.import_batches (source, filename, status, started_at, observed_at, observed_source) values (?, ?, 'running', ?, ?, ?)`
				)
				.run(batch.source, batch.fileName, batch.startedAt, batch.observedAt, batch.observedSource).lastInsertRowid
		);
		const run = (sql: string, params: Record<string, unknown> = {}) => client.prepare(sql).run({ batch: batchId, ...params });

		// What the batch names: categories (created from our tree where missing), marketplaces, shops.
		for (const slug of client.prepare("select key from r.firsts where kind = 'category' order by seq").pluck().all() as string[]) ensureCategory(db, slug);
		run(`insert into main.marketplaces (id, name) select mp, name from r.firsts where kind = 'marketplace' order by seq on conflict (id) do nothing`);
		run(`insert into main.shops (marketplace_id, external_id, name, region_code, rating)
			select mp, key, name, region, rating from r.firsts where kind = 'shop' order by seq
			on conflict (marketplace_id, external_id) do update set name = excluded.name,
				region_code = coalesce(excluded.region_code, shops.region_code), rating = coalesce(excluded.rating, shops.rating)`);

		// New listings, in file order. Their ids follow one another from `base`.
		const base = (client.prepare("select max(coalesce((select seq from main.sqlite_sequence where name = 'listings'), 0), coalesce((select max(id) from main.listings), 0)) + 1").pluck().get() as number);
		const plainCount = outcomes.plain;
		const walkedNew = client.prepare('select count(*) from r.new_listing').pluck().get() as number;
		const newCount = plainCount + walkedNew;
		const restoreFts = suspendListingsFtsTrigger(client);
		// A table's non-unique indexes are dropped and built again after the merge when the batch adds
		// a large share of it (cheaper as one sort than row by row); each table on its own terms:
		// 100,000 new listings are a lot for 24,000 listings, and little for their 2.5M snapshots.
		const large = (added: number, table: string) =>
			opts.deferIndexesFrom !== undefined &&
			added >= opts.deferIndexesFrom &&
			added >= (client.prepare(`select coalesce(max(rowid), 0) from main.${table}`).pluck().get() as number) / 4;
		const snapshotsAdded = newCount + (client.prepare('select count(*) from r.snap').pluck().get() as number);
		const deferred = [...(large(newCount, 'listings') ? ['listings'] : []), ...(large(snapshotsAdded, 'listing_snapshots') ? ['listing_snapshots'] : [])];
		const restoreIndexes = deferred.length ? deferSecondaryIndexes(client, deferred) : () => {};
		if (staged.kind === 'listings' && outcomes.walked === 0) {
			// The usual new file: straight from the staging files, already in file order.
			run(`${LISTING_INSERT} ${listingSelect('(select *, key as ckey from staged) s')} where true`);
		} else if (staged.kind === 'listings') {
			run(`${LISTING_INSERT} ${listingSelect(`(
				select *, key as ckey from staged x where not exists (select 1 from r.complex c where c.mp = x.mp and c.key = x.key)
				union all select x.*, n.key as ckey from r.new_listing n join staged x on x.seq = n.seq) s`)} where true order by s.seq`);
		} else {
			run(`${LISTING_INSERT} ${listingSelect('(select x.*, n.key as ckey from r.new_listing n join staged x on x.seq = n.seq) s')} where true order by s.seq`);
		}
		// Their first snapshot: the values they were inserted with.
		const snapshotOfNew = `insert into main.listing_snapshots (listing_id, observed_at, price, sold_count, sold_lower_bound, sold_monthly, rating, review_count, batch_id)
			select l.id, l.first_seen_at, l.price, l.sold_count, l.sold_lower_bound, l.sold_monthly, l.rating, l.review_count, l.batch_id`;
		if (staged.kind === 'listings') run(`${snapshotOfNew} from main.listings l where l.id >= :base`, { base });
		else run(`${snapshotOfNew} from r.new_listing n join main.listings l on l.marketplace_id = n.mp and l.external_id = n.key where n.snap = 1`);

		// Snapshots of known listings (a later file, a corrected value).
		run(`insert into main.listing_snapshots (listing_id, observed_at, price, sold_count, sold_lower_bound, sold_monthly, rating, review_count, batch_id)
			select l.id, s.day, s.price, s.sold, s.sold_lb, s.sold_monthly, s.rating, s.review_count, :batch
			from r.snap x join staged s on s.seq = x.seq join main.listings l on l.marketplace_id = s.mp and l.external_id = x.key where true
			on conflict (listing_id, observed_at) do update set price = excluded.price, sold_count = excluded.sold_count,
				sold_lower_bound = excluded.sold_lower_bound, sold_monthly = excluded.sold_monthly, rating = excluded.rating,
				review_count = excluded.review_count, batch_id = excluded.batch_id`);
		// Their current state: the newest snapshot's values; url, shop, region and star bars kept where the row had none.
		run(`update main.listings set
				price = iif(c.has_current, c.price, listings.price),
				price_max = iif(c.has_current, c.price_max, listings.price_max),
				sold_count = iif(c.has_current, c.sold, listings.sold_count),
				sold_lower_bound = iif(c.has_current, c.sold_lb, listings.sold_lower_bound),
				sold_monthly = iif(c.has_current, c.sold_monthly, listings.sold_monthly),
				rating = iif(c.has_current, c.rating, listings.rating),
				review_count = iif(c.has_current, c.review_count, listings.review_count),
				batch_id = iif(c.has_current, :batch, listings.batch_id),
				star_counts = coalesce(c.star_counts, listings.star_counts),
				url = coalesce(c.url, listings.url),
				shop_id = coalesce((select id from main.shops where marketplace_id = c.mp and external_id = c.shop_key), listings.shop_id),
				region_code = coalesce(c.region, listings.region_code),
				category_id = coalesce(listings.category_id, (select id from main.categories where slug = c.cat)),
				first_seen_at = c.first_seen,
				last_seen_at = c.last_seen
			from r.cur c where listings.marketplace_id = c.mp and listings.external_id = c.key`);

		// Reviews.
		if (staged.kind === 'reviews') {
			run(`insert into main.reviews (listing_id, external_id, reviewed_at, stars, text, batch_id)
				select l.id, w.rkey, w.reviewed_at, w.stars, w.text, :batch
				from r.review_write w join main.listings l on l.marketplace_id = w.mp and l.external_id = w.key where w.is_new = 1 order by w.seq`);
			run(`update main.reviews set reviewed_at = w.reviewed_at, stars = w.stars, text = w.text, batch_id = :batch, analyzer_version = null
				from r.review_write w join main.listings l on l.marketplace_id = w.mp and l.external_id = w.key
				where w.is_new = 0 and reviews.listing_id = l.id and reviews.external_id = w.rkey`);
		}

		// Rejected rows, with their lines in the file.
		staged.parts
			.filter((p) => p.path)
			.forEach((p, i) =>
				run(
					`insert into main.import_rejections (batch_id, line, "column", reason_id, reason_en, raw)
					 select :batch, line + :offset, col, reason_id, reason_en, raw from p${i}.rejections order by rowid`,
					{ offset: p.firstLine - 1 }
				)
			);
		run(`insert into main.import_rejections (batch_id, line, "column", reason_id, reason_en, raw)
			select :batch, line, null, :reasonId, :reasonEn, raw from r.rejected order by seq`, { reasonId: CONFLICT_REASON.id, reasonEn: CONFLICT_REASON.en });

		restoreIndexes();
		restoreFts();
		client
			.prepare(
				`update main.import_batches set status = ?, finished_at = ?, rows = ?, inserted = ?, updated = ?, duplicates = ?, rejected = ?,
				 message = ?, file_hash = ?, unmapped = ? where id = ?`
			)
			.run(done.status, new Date().toISOString(), done.rows, outcomes.inserted, outcomes.updated, outcomes.duplicates, done.rejected, done.message, done.fileHash, done.unmapped, batchId);
		// Every import's merge moves this on: a resolution made before another import's commit is stale.
		run(`insert into main.meta (key, value) values ('import_generation', '1')
			on conflict (key) do update set value = cast(value as integer) + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where true`);
		client.exec('COMMIT');
		const lockMs = performance.now() - t0;
		return { batchId, outcomes, lockMs, touchedCategories: touched(db, base), reviewIds: reviewIdsOf(db, staged.kind, batchId) };
	} catch (e) {
		if (client.inTransaction) client.exec('ROLLBACK');
		throw e;
	}
}

/** Categories whose listings the batch changed: new listings' and those of listings with a new snapshot. */
function touched(db: Db, base: number): number[] {
	const client = db.$client;
	const ids = new Set(client.prepare('select distinct category_id from main.listings where id >= ? and category_id is not null').pluck().all(base) as number[]);
	const changed = client
		.prepare(
			`select distinct coalesce(l.category_id, c.id) from r.snap x join staged s on s.seq = x.seq
			 join main.listings l on l.marketplace_id = s.mp and l.external_id = x.key
			 left join main.categories c on c.slug = s.cat`
		)
		.pluck()
		.all() as (number | null)[];
	for (const id of changed) if (id !== null) ids.add(id);
	return [...ids];
}

function reviewIdsOf(db: Db, kind: StagedFile['kind'], batchId: number): number[] {
	if (kind !== 'reviews') return [];
	return db.$client.prepare('select id from main.reviews where batch_id = ? order by id').pluck().all(batchId) as number[];
}

/** Detaches what resolveStaged attached (on every path). */
export function detachStaged(db: Db, staged: StagedFile): void {
	const client = db.$client;
	if (client.inTransaction) client.exec('ROLLBACK');
	try {
		client.exec('drop view if exists temp.staged');
	} catch {
		// Not created.
	}
	const attached = new Set((client.pragma('database_list') as { name: string }[]).map((d) => d.name));
	staged.parts.forEach((_, i) => {
		if (attached.has(`p${i}`)) client.exec(`detach p${i}`);
	});
	if (attached.has('r')) client.exec('detach r');
}
