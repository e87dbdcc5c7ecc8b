// What an admin does to feeds on /impor/sumber (issue 18): add one, remove one, pull one now.
// Only admins; the checks of a new feed are feeds/registry.ts's (the CLI's too). A pull started
// here runs on the server's background writer, after what it is doing, like an upload; without
// a writer (tests, commands) it runs here.
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { getFeed, type FeedRow } from '../db/feeds';
import { deriveAfterImport } from '../derive/refresh';
import { backgroundWriter } from '../derive/writer';
import { ForbiddenError, NotFoundError } from '../errors';
import { limitsFromEnv } from '../feeds/fetch';
import { processOwner, pullFeed, type PullResult } from '../feeds/pull';
import { addFeed, removeFeed, type NewFeed } from '../feeds/registry';

function assertAdmin(actor: Actor): void {
	if (actor.role !== 'admin') throw new ForbiddenError('Hanya admin yang mengatur sumber data.');
}

async function feedOf(db: Db, id: number): Promise<FeedRow> {
	const feed = await getFeed(db, id);
	if (!feed) throw new NotFoundError('Sumber ini tidak ada. Mungkin sudah dihapus.');
	return feed;
}

/** Adds a feed; its first pull comes at the writer's next look (within FEEDS_TICK_MS). Throws FieldError. */
export async function addFeedFor(db: Db, actor: Actor, input: NewFeed): Promise<FeedRow> {
	assertAdmin(actor);
	return await addFeed(db, input);
}

export async function removeFeedFor(db: Db, actor: Actor, id: number): Promise<string> {
	assertAdmin(actor);
	const feed = await feedOf(db, id);
	await removeFeed(db, id);
	return feed.name;
}

const BUSY = 'Sumber ini sedang ditarik oleh proses lain. Coba lagi sebentar.';

/** Pulls the feed now and answers with what happened. */
export async function pullFeedNowFor(db: Db, actor: Actor, id: number): Promise<PullResult> {
	assertAdmin(actor);
	const feed = await feedOf(db, id);
	const writer = backgroundWriter();
	if (writer) {
		let results: PullResult[];
		try {
			results = await writer.pullFeeds([id]);
		} catch (e) {
			// The writer is restarting or stopping: said on the page; the schedule pulls it later.
			return { feed: feed.name, status: 'failed', batch: null, rows: 0, rejected: 0, error: (e as Error).message };
		}
		const [result] = results;
		return result ? { ...result, feed: feed.name } : { feed: feed.name, status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Penarikan dihentikan: server berhenti.' };
	}
	const result = await pullFeed(db, id, { owner: processOwner('server'), derive: deriveAfterImport, limits: limitsFromEnv() });
	return result ?? { feed: feed.name, status: 'failed', batch: null, rows: 0, rejected: 0, error: BUSY };
}
