// What the background writer does on its own, without anyone clicking (issue 18): on every
// tick it asks this schedule what is due — feeds whose next pull time has come, inbox files
// that stopped growing — and runs each as a job in its queue, one after another with the
// uploads it imports, so the server never runs two imports at once. The schedule only exists
// once the server's init hook started it (derive/writer.ts startSchedule): tests and CLI
// commands never get a timer they did not ask for, and SIGTERM stops it with the writer.
//
// It also raises the alarm: a feed (or the inbox) that went a period and a day without new
// data is logged once per late spell as "[peringatan] … terlambat …", besides being flagged on
// /impor/sumber, in /healthz and in the banner admins see on every page (read/feeds.ts).
import type { Db } from '../db';
import { dueFeedIds, inboxMeta, listFeeds, markLateNoted, setInboxMeta } from '../db/feeds';
import type { ImportOptions } from '../ingest/pipeline';
import type { ScheduleConfig } from './config';
import { Inbox, type InboxResult } from './inbox';
import { pullFeed, type PullResult } from './pull';
import { dueAt, sayLate } from './schedule';
import { inboxLateInput } from './status';

export type { ScheduleConfig } from './config';

export type ScheduledJob = { kind: 'feed'; id: number } | { kind: 'inbox'; name: string };

export const jobKey = (job: ScheduledJob) => (job.kind === 'feed' ? `feed:${job.id}` : `inbox:${job.name}`);

export interface ScheduleDeps {
	derive?: ImportOptions['derive'];
	/** The lease holder's name (pull.ts processOwner('server')). */
	owner: string;
	now?: () => Date;
	log?: (line: string) => void;
}

export class FeedSchedule {
	readonly inbox: Inbox | null;
	private now: () => Date;

	constructor(
		private db: Db,
		readonly config: ScheduleConfig,
		private deps: ScheduleDeps
	) {
		this.now = deps.now ?? (() => new Date());
		this.inbox = config.inboxDir ? new Inbox(config.inboxDir, config.inboxSettleMs, () => this.now().getTime()) : null;
	}

	/** Before the first tick: the inbox's folders, and files a stopped server left half-taken. */
	async start(): Promise<void> {
		try {
			await this.inbox?.prepare(this.db, this.now());
		} catch (e) {
			this.log(`[sumber] Folder impor ${this.config.inboxDir} tidak bisa dipakai: ${(e as Error).message}`);
		}
	}

	/** What is due now: feeds whose time has come (and nobody pulls), inbox files that stopped growing. */
	async due(): Promise<ScheduledJob[]> {
		const feeds: ScheduledJob[] = (await dueFeedIds(this.db, this.now().toISOString())).map((id) => ({ kind: 'feed', id }));
		const files: ScheduledJob[] = (this.inbox?.stableFiles() ?? []).map((name) => ({ kind: 'inbox', name }));
		return [...feeds, ...files];
	}

	/** Runs one job; null when it was no longer there (the feed taken by another puller, the file gone). */
	async run(job: ScheduledJob, signal?: AbortSignal): Promise<PullResult | InboxResult | null> {
		if (job.kind === 'feed') {
			const result = await pullFeed(this.db, job.id, { owner: this.deps.owner, now: this.now, derive: this.deps.derive, limits: this.config.limits, signal });
			if (result && !signal?.aborted) this.log(`[sumber] ${JSON.stringify(result)}`);
			return result;
		}
		if (!this.inbox) return null;
		const result = await this.inbox.take(this.db, job.name, { derive: this.deps.derive, now: this.now });
		if (result) this.log(`[folder impor] ${JSON.stringify(result)}`);
		return result;
	}

	/** Logs each feed (and the inbox) that became late, once per late spell. */
	async noteLate(): Promise<void> {
		const now = this.now();
		for (const feed of (await listFeeds(this.db))) {
			const late = sayLate(feed, now);
			if (!late) continue;
			// A new spell: new data came in (due moved on) since the last time it was noted.
			if (feed.lateNotedAt && feed.lateNotedAt >= dueAt(feed).toISOString()) continue;
			this.log(`[peringatan] Sumber "${feed.name}" ${late.charAt(0).toLowerCase()}${late.slice(1)}`);
			await markLateNoted(this.db, feed.id, now.toISOString());
		}
		if (this.inbox) {
			const input = await inboxLateInput(this.db, this.config.inboxEverySeconds);
			const late = input ? sayLate(input, now) : null;
			const noted = await inboxMeta(this.db, 'inbox_late_noted_at');
			if (!input || !late || (noted && noted >= dueAt(input).toISOString())) return;
			this.log(`[peringatan] Folder impor ${late.charAt(0).toLowerCase()}${late.slice(1)}`);
			await setInboxMeta(this.db, 'inbox_late_noted_at', now.toISOString());
		}
	}

	private log(line: string): void {
		(this.deps.log ?? ((l: string) => console.error(l)))(line);
	}
}
