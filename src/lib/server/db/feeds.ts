// Queries over feeds, their pulls and the inbox's files (issue 18), read by the pullers
// (feeds/), the admin page and /healthz (read/feeds.ts), and written by the pullers and the
// admin's forms. A feed's lease says who is pulling it right now (the server's writer or
// `npm run feeds -- run` in another process), so the same feed is never pulled twice at once.
import { and, desc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from './index';
import { feedRuns, feeds, importBatches, inboxFiles, meta } from './schema';

export type FeedRow = typeof feeds.$inferSelect;
export type FeedRunRow = typeof feedRuns.$inferSelect;
export type InboxFileRow = typeof inboxFiles.$inferSelect;

export function listFeeds(db: Db): FeedRow[] {
	return db.select().from(feeds).orderBy(feeds.name).all();
}

export function getFeed(db: Db, id: number): FeedRow | null {
	return db.select().from(feeds).where(eq(feeds.id, id)).get() ?? null;
}

export function getFeedByName(db: Db, name: string): FeedRow | null {
	return db.select().from(feeds).where(eq(feeds.name, name)).get() ?? null;
}

export function insertFeed(db: Db, values: typeof feeds.$inferInsert): FeedRow {
	return db.insert(feeds).values(values).returning().get();
}

export function deleteFeed(db: Db, id: number): boolean {
	return db.delete(feeds).where(eq(feeds.id, id)).run().changes > 0;
}

/** Feeds whose next pull time has come and that nobody is pulling now. */
export function dueFeedIds(db: Db, nowIso: string): number[] {
	return db
		.select({ id: feeds.id })
		.from(feeds)
		.where(and(lte(feeds.nextRunAt, nowIso), or(isNull(feeds.leaseUntil), lt(feeds.leaseUntil, nowIso))))
		.orderBy(feeds.nextRunAt)
		.all()
		.map((r) => r.id);
}

/** Takes the feed's lease for `owner` until `untilIso`, unless someone else holds an unexpired one. */
export function claimFeed(db: Db, id: number, owner: string, nowIso: string, untilIso: string): boolean {
	return (
		db
			.update(feeds)
			.set({ leaseOwner: owner, leaseUntil: untilIso })
			.where(and(eq(feeds.id, id), or(isNull(feeds.leaseUntil), lt(feeds.leaseUntil, nowIso), eq(feeds.leaseOwner, owner))))
			.run().changes === 1
	);
}

export function releaseFeed(db: Db, id: number, owner: string): void {
	db.update(feeds).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, owner))).run();
}

/** Who holds a feed's lease, and until when (null: nobody). */
export function feedLease(db: Db, id: number): { owner: string; until: string } | null {
	const row = db.select({ owner: feeds.leaseOwner, until: feeds.leaseUntil }).from(feeds).where(eq(feeds.id, id)).get();
	return row?.owner && row.until ? { owner: row.owner, until: row.until } : null;
}

/** Records one pull: the feed's new state and its history line, then lets go of the lease, in one transaction. */
export function recordPull(db: Db, id: number, owner: string, state: Partial<typeof feeds.$inferInsert>, run: Omit<typeof feedRuns.$inferInsert, 'feedId'>): void {
	db.transaction((tx) => {
		// Removed by an admin while it was being pulled: the data it brought stays (its batch),
		// there is no feed left to record the pull against.
		if (tx.update(feeds).set(state).where(eq(feeds.id, id)).run().changes === 0) return;
		tx.update(feeds).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, owner))).run();
		tx.insert(feedRuns).values({ ...run, feedId: id }).run();
	});
}

export function recentRuns(db: Db, feedId: number, limit = 5): FeedRunRow[] {
	return db.select().from(feedRuns).where(eq(feedRuns.feedId, feedId)).orderBy(desc(feedRuns.id)).limit(limit).all();
}

export function markLateNoted(db: Db, id: number, atIso: string): void {
	db.update(feeds).set({ lateNotedAt: atIso }).where(eq(feeds.id, id)).run();
}

/**
 * Where this content (sha256 of its bytes) was imported already: by the inbox, or by any
 * import whose batch recorded the same hash (an upload, `npm run import`). Null: never.
 */
export function importedContent(db: Db, sha256: string): { batchId: number | null } | null {
	const inbox = db
		.select({ batchId: inboxFiles.batchId })
		.from(inboxFiles)
		.where(and(eq(inboxFiles.contentHash, sha256), eq(inboxFiles.status, 'imported')))
		.get();
	if (inbox) return inbox;
	const batch = db
		.select({ id: importBatches.id })
		.from(importBatches)
		.where(and(eq(importBatches.fileHash, sha256), eq(importBatches.status, 'done')))
		.orderBy(desc(importBatches.id))
		.get();
	return batch ? { batchId: batch.id } : null;
}

export function recordInboxFile(db: Db, row: typeof inboxFiles.$inferInsert): InboxFileRow {
	return db.insert(inboxFiles).values(row).returning().get();
}

export function recentInboxFiles(db: Db, limit = 10): InboxFileRow[] {
	return db.select().from(inboxFiles).orderBy(desc(inboxFiles.id)).limit(limit).all();
}

/** The inbox's last file taken in, and its last imported one. */
export function inboxLast(db: Db): { attempt: InboxFileRow | null; success: InboxFileRow | null } {
	const attempt = db.select().from(inboxFiles).orderBy(desc(inboxFiles.id)).get() ?? null;
	const success = db.select().from(inboxFiles).where(eq(inboxFiles.status, 'imported')).orderBy(desc(inboxFiles.id)).get() ?? null;
	return { attempt, success };
}

/** Takes over a lease left by a puller that is gone (a process on this machine that no longer runs). */
export function takeOverFeed(db: Db, id: number, fromOwner: string, owner: string, untilIso: string): boolean {
	return db.update(feeds).set({ leaseOwner: owner, leaseUntil: untilIso }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, fromOwner))).run().changes === 1;
}

/** Facts about the inbox kept in the meta table: since when it is watched, when it was last logged late. */
export function inboxMeta(db: Db, key: 'inbox_since' | 'inbox_late_noted_at'): string | null {
	return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value ?? null;
}

export function setInboxMeta(db: Db, key: 'inbox_since' | 'inbox_late_noted_at', value: string, onlyIfMissing = false): void {
	const insert = db.insert(meta).values({ key, value, updatedAt: new Date().toISOString() });
	if (onlyIfMissing) insert.onConflictDoNothing().run();
	else insert.onConflictDoUpdate({ target: meta.key, set: { value, updatedAt: new Date().toISOString() } }).run();
}
