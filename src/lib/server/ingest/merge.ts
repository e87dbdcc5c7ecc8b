// The second half of an import: the staged rows (stage.ts) are resolved against the main
// database without its write lock (resolve.ts, on a read snapshot), then folded in with ONE
// short write transaction of set-wise statements. A batch stays all or nothing: a process
// killed at any moment leaves the main file exactly as it was (before the merge nothing was
// written to it; a merge that does not commit is discarded by SQLite), and importing the same
// file again completes it. The lock is held only for the merge itself (`lockMs`), so the
// server's own writes (a price, a form) wait a moment at most, and sign-ins not at all.
import type { Db } from '../db';
import { deferSecondaryIndexes, nextListingId, rowsHighWater } from '../db/dialect';
import type { StagingSession } from '../db/import-session';
import { insertBatch, updateBatch } from '../db/queries/ingest/batches';
import {
	bumpImportGeneration,
	categoriesOfListingsFrom,
	categoriesOfSnapshotRows,
	clearScratch,
	firstCategorySlugs,
	insertFirstSnapshotsFrom,
	insertFirstSnapshotsOfReviewFile,
	insertNewMarketplaces,
	insertNewReviews,
	insertPartRejections,
	insertPlainListings,
	insertResolverRejections,
	insertReviewFileListings,
	insertWalkedListingFileListings,
	newListingCount,
	reviewIdsOfBatch,
	setRejectedRaw,
	snapCount,
	updateChangedListings,
	updateChangedReviews,
	upsertShops,
	upsertSnapshotsOfKnownListings
} from '../db/queries/ingest/merge';
import { importGeneration } from '../db/queries/ingest/resolve';
import { listings, listingSnapshots } from '../db/schema';
import { ensureCategory } from './categories';
import { CONFLICT_REASON, resolveFirsts, resolveListings, resolveReviews, type Outcomes } from './resolve';
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

/** The staging files of a batch and its scratch file, as db/import-session.ts stagingSession takes them. */
export function stagingFiles(staged: StagedFile): { parts: string[]; scratchPath: string } {
	return { parts: staged.parts.filter((p) => p.path).map((p) => p.path), scratchPath: staged.scratchPath };
}

/**
 * Resolves what each staged row does, on one consistent view of the main database (on SQLite
 * without the write lock). Returns the outcomes; `fillRaw` supplies the text of rows rejected
 * here that the staging did not keep.
 */
export async function resolveStaged(
	session: StagingSession,
	staged: StagedFile,
	fillRaw: (lines: number[]) => Promise<Map<number, string>>
): Promise<Outcomes> {
	return session.read(async (db) => {
		const outcomes = await resolveInto(db, staged);
		// Text of the rows rejected here, for the rejected-rows download.
		if (outcomes.rawMissing.length) {
			const raw = await fillRaw(outcomes.rawMissing.map((r) => r.line));
			for (const r of outcomes.rawMissing) await setRejectedRaw(db, r.seq, raw.get(r.line) ?? null);
		}
		return outcomes;
	});
}

/** The resolution proper, inside the caller's transaction (a read snapshot, or the merge's when another import came first). */
async function resolveInto(db: Db, staged: StagedFile): Promise<Outcomes> {
	// A seq is its part's base plus the line within the part (csv-parallel.ts); parts are 2^40 apart.
	const lineOf = (seq: number) => {
		const part = staged.parts.findLast((p) => p.seqBase <= seq)!;
		return seq - part.seqBase + part.firstLine - 1;
	};
	// Rows staged, not counting the rejected ones (they are not in the rows tables).
	const stagedRows = staged.parts.reduce((n, p) => n + p.counts.rows - p.counts.rejectedRows, 0);
	const outcomes = staged.kind === 'listings' ? await resolveListings(db, lineOf, stagedRows) : await resolveReviews(db);
	if (staged.kind === 'listings') {
		await resolveFirsts(db, {
			marketplaces: staged.parts.flatMap((p) => p.counts.marketplaces),
			shops: staged.parts.flatMap((p) => p.counts.shops),
			categories: staged.parts.flatMap((p) => p.counts.categories)
		});
	}
	return outcomes;
}

/**
 * The merge: one write transaction on the main file. `finish` gives the batch's status and
 * message from the final outcomes (they change only if another import committed in between,
 * which makes this merge resolve again, inside the lock).
 */
export async function mergeStaged(
	session: StagingSession,
	staged: StagedFile,
	outcomesBefore: Outcomes,
	batch: BatchRecord,
	finish: (outcomes: Outcomes) => BatchFinish,
	opts: { deferIndexesFrom?: number } = {}
): Promise<Merged> {
	const { result, lockMs } = await session.write(async (db) => {
		let outcomes = outcomesBefore;
		if ((await importGeneration(db)) !== outcomes.generation) {
			// Another import committed after the resolution: resolve again, now under the lock.
			await clearScratch(db);
			const again = await session.read((tx) => resolveInto(tx, staged));
			if (again.rawMissing.length) throw new Error('rows rejected after a concurrent import need their text again');
			outcomes = again;
		}
		const done = finish(outcomes);
		const batchId = await insertBatch(db, {
			source: batch.source,
			filename: batch.fileName,
			status: 'running',
			startedAt: batch.startedAt,
			observedAt: batch.observedAt,
			observedSource: batch.observedSource
		});

		// What the batch names: categories (created from our tree where missing), marketplaces, shops.
		for (const slug of (await firstCategorySlugs(db))) await ensureCategory(db, slug);
		await insertNewMarketplaces(db);
		await upsertShops(db);

		// New listings, in file order. Their ids follow one another from `base`.
		const base = await nextListingId(db);
		const plainCount = outcomes.plain;
		const walkedNew = await newListingCount(db);
		const newCount = plainCount + walkedNew;
		// A table's non-unique indexes are dropped and built again after the merge when the batch adds
		// a large share of it (cheaper as one sort than row by row); each table on its own terms:
		// 100,000 new listings are a lot for 24,000 listings, and little for their 2.5M snapshots.
		const large = async (added: number, table: typeof listings | typeof listingSnapshots) =>
			opts.deferIndexesFrom !== undefined && added >= opts.deferIndexesFrom && added >= (await rowsHighWater(db, table)) / 4;
		const snapshotsAdded = newCount + (await snapCount(db));
		const deferred = [...((await large(newCount, listings)) ? ['listings'] : []), ...((await large(snapshotsAdded, listingSnapshots)) ? ['listing_snapshots'] : [])];
		const restoreIndexes = deferred.length ? await deferSecondaryIndexes(db, deferred) : async () => {};
		if (staged.kind === 'listings' && outcomes.walked === 0) {
			// The usual new file: straight from the staging files, already in file order.
			await insertPlainListings(db, batchId);
		} else if (staged.kind === 'listings') {
			await insertWalkedListingFileListings(db, batchId);
		} else {
			await insertReviewFileListings(db, batchId);
		}
		// Their first snapshot: the values they were inserted with.
		if (staged.kind === 'listings') await insertFirstSnapshotsFrom(db, base);
		else await insertFirstSnapshotsOfReviewFile(db);

		// Snapshots of known listings (a later file, a corrected value).
		await upsertSnapshotsOfKnownListings(db, batchId);
		// Their current state: the newest snapshot's values; url, shop, region and star bars kept where the row had none.
		await updateChangedListings(db, batchId);

		// Reviews.
		if (staged.kind === 'reviews') {
			await insertNewReviews(db, batchId);
			await updateChangedReviews(db, batchId);
		}

		// Rejected rows, with their lines in the file.
		const parts = staged.parts.filter((p) => p.path);
		for (const [i, p] of parts.entries()) await insertPartRejections(db, batchId, i, p.firstLine - 1);
		await insertResolverRejections(db, batchId, CONFLICT_REASON);

		await restoreIndexes();
		await updateBatch(db, batchId, {
			status: done.status,
			finishedAt: new Date().toISOString(),
			rows: done.rows,
			inserted: outcomes.inserted,
			updated: outcomes.updated,
			duplicates: outcomes.duplicates,
			rejected: done.rejected,
			message: done.message,
			fileHash: done.fileHash,
			unmapped: done.unmapped
		});
		await bumpImportGeneration(db);
		return { batchId, outcomes, base };
	});
	// After the commit on SQLite (the lock is not held for them); on PostgreSQL still inside the import's transaction.
	const db = session.db;
	const { batchId, outcomes, base } = result;
	return { batchId, outcomes, lockMs, touchedCategories: await touched(db, base), reviewIds: await reviewIdsOf(db, staged.kind, batchId) };
}

/** Categories whose listings the batch changed: new listings' and those of listings with a new snapshot. */
async function touched(db: Db, base: number): Promise<number[]> {
	const ids = new Set((await categoriesOfListingsFrom(db, base)));
	for (const id of (await categoriesOfSnapshotRows(db))) if (id !== null) ids.add(id);
	return [...ids];
}

async function reviewIdsOf(db: Db, kind: StagedFile['kind'], batchId: number): Promise<number[]> {
	if (kind !== 'reviews') return [];
	return await reviewIdsOfBatch(db, batchId);
}
