// Queries over feeds, their pulls and the inbox's files (issue 18), read by the pullers
// (feeds/), the admin page and /healthz (read/feeds.ts), and written by the pullers and the
// admin's forms. A feed's lease says who is pulling it right now (the server's writer or
// `npm run feeds -- run` in another process), so the same feed is never pulled twice at once.
import { and, desc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from './index';
import { feedRuns, feeds, importBatches, inboxFiles, meta } from './schema';
import { allRows, exec, firstRow, oneRow, transaction } from './run';

export type FeedRow = typeof feeds.$inferSelect;
export type FeedRunRow = typeof feedRuns.$inferSelect;
export type InboxFileRow = typeof inboxFiles.$inferSelect;

export async function listFeeds(db: Db): Promise<FeedRow[]> {
	return await allRows(db, db.select().from(feeds).orderBy(feeds.name));
}

export async function getFeed(db: Db, id: number): Promise<FeedRow | null> {
	return (await firstRow(db, db.select().from(feeds).where(eq(feeds.id, id)))) ?? null;
}

export async function getFeedByName(db: Db, name: string): Promise<FeedRow | null> {
	return (await firstRow(db, db.select().from(feeds).where(eq(feeds.name, name)))) ?? null;
}

export async function insertFeed(db: Db, values: typeof feeds.$inferInsert): Promise<FeedRow> {
	return await oneRow(db, db.insert(feeds).values(values).returning());
}

export async function deleteFeed(db: Db, id: number): Promise<boolean> {
	return (await exec(db, db.delete(feeds).where(eq(feeds.id, id)))).changes > 0;
}

/** Feeds whose next pull time has come and that nobody is pulling now. */
export async function dueFeedIds(db: Db, nowIso: string): Promise<number[]> {
	return (await allRows(db, db
		.select({ id: feeds.id })
		.from(feeds)
		.where(and(lte(feeds.nextRunAt, nowIso), or(isNull(feeds.leaseUntil), lt(feeds.leaseUntil, nowIso))))
		.orderBy(feeds.nextRunAt)))
		.map((r) => r.id);
}

/** Takes the feed's lease for `owner` until `untilIso`, unless someone else holds an unexpired one. */
export async function claimFeed(db: Db, id: number, owner: string, nowIso: string, untilIso: string): Promise<boolean> {
	return (
		(await exec(db, db
			.update(feeds)
			.set({ leaseOwner: owner, leaseUntil: untilIso })
			.where(and(eq(feeds.id, id), or(isNull(feeds.leaseUntil), lt(feeds.leaseUntil, nowIso), eq(feeds.leaseOwner, owner)))))).changes === 1
	);
}

export async function releaseFeed(db: Db, id: number, owner: string): Promise<void> {
	await exec(db, db.update(feeds).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, owner))));
}

/** Who holds a feed's lease, and until when (null: nobody). */
export async function feedLease(db: Db, id: number): Promise<{ owner: string; until: string } | null> {
	const row = await firstRow(db, db.select({ owner: feeds.leaseOwner, until: feeds.leaseUntil }).from(feeds).where(eq(feeds.id, id)));
	return row?.owner && row.until ? { owner: row.owner, until: row.until } : null;
}

/** Records one pull: the feed's new state and its history line, then lets go of the lease, in one transaction. */
export async function recordPull(db: Db, id: number, owner: string, state: Partial<typeof feeds.$inferInsert>, run: Omit<typeof feedRuns.$inferInsert, 'feedId'>): Promise<void> {
	await transaction(db, async (tx) => {
		// Removed by an admin while it was being pulled: the data it brought stays (its batch),
		// there is no feed left to record the pull against.
		if ((await exec(tx, tx.update(feeds).set(state).where(eq(feeds.id, id)))).changes === 0) return;
		await exec(tx, tx.update(feeds).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, owner))));
		await exec(tx, tx.insert(feedRuns).values({ ...run, feedId: id }));
	});
}

export async function recentRuns(db: Db, feedId: number, limit = 5): Promise<FeedRunRow[]> {
	return await allRows(db, db.select().from(feedRuns).where(eq(feedRuns.feedId, feedId)).orderBy(desc(feedRuns.id)).limit(limit));
}

export async function markLateNoted(db: Db, id: number, atIso: string): Promise<void> {
	await exec(db, db.update(feeds).set({ lateNotedAt: atIso }).where(eq(feeds.id, id)));
}

/**
 * Where this content (sha256 of its bytes) was imported already: by the inbox, or by any
 * import whose batch recorded the same hash (an upload, `npm run import`). Null: never.
 */
export async function importedContent(db: Db, sha256: string): Promise<{ batchId: number | null } | null> {
	const inbox = await firstRow(db, db
		.select({ batchId: inboxFiles.batchId })
		.from(inboxFiles)
		.where(and(eq(inboxFiles.contentHash, sha256), eq(inboxFiles.status, 'imported'))));
	if (inbox) return inbox;
	const batch = await firstRow(db, db
		.select({ id: importBatches.id })
		.from(importBatches)
		.where(and(eq(importBatches.fileHash, sha256), eq(importBatches.status, 'done')))
		.orderBy(desc(importBatches.id)));
	return batch ? { batchId: batch.id } : null;
}

export async function recordInboxFile(db: Db, row: typeof inboxFiles.$inferInsert): Promise<InboxFileRow> {
	return await oneRow(db, db.insert(inboxFiles).values(row).returning());
}

export async function recentInboxFiles(db: Db, limit = 10): Promise<InboxFileRow[]> {
	return await allRows(db, db.select().from(inboxFiles).orderBy(desc(inboxFiles.id)).limit(limit));
}

/** The inbox's last file taken in, and its last imported one. */
export async function inboxLast(db: Db): Promise<{ attempt: InboxFileRow | null; success: InboxFileRow | null }> {
	const attempt = (await firstRow(db, db.select().from(inboxFiles).orderBy(desc(inboxFiles.id)))) ?? null;
	const success = (await firstRow(db, db.select().from(inboxFiles).where(eq(inboxFiles.status, 'imported')).orderBy(desc(inboxFiles.id)))) ?? null;
	return { attempt, success };
}

/** Takes over a lease left by a puller that is gone (a process on this machine that no longer runs). */
export async function takeOverFeed(db: Db, id: number, fromOwner: string, owner: string, untilIso: string): Promise<boolean> {
	return (await exec(db, db.update(feeds).set({ leaseOwner: owner, leaseUntil: untilIso }).where(and(eq(feeds.id, id), eq(feeds.leaseOwner, fromOwner))))).changes === 1;
}

/** Facts about the inbox kept in the meta table: since when it is watched, when it was last logged late. */
export async function inboxMeta(db: Db, key: 'inbox_since' | 'inbox_late_noted_at'): Promise<string | null> {
	return (await firstRow(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, key))))?.value ?? null;
}

export async function setInboxMeta(db: Db, key: 'inbox_since' | 'inbox_late_noted_at', value: string, onlyIfMissing = false): Promise<void> {
	const insert = db.insert(meta).values({ key, value, updatedAt: new Date().toISOString() });
	if (onlyIfMissing) await exec(db, insert.onConflictDoNothing());
	else await exec(db, insert.onConflictDoUpdate({ target: meta.key, set: { value, updatedAt: new Date().toISOString() } }));
}
