// Feeds and the inbox as people see them (issue 18): the admin's page /impor/sumber, the banner
// every page shows an admin while a source is late, and the `sumber` check of /healthz. Reads
// only; the words come from feeds/status.ts, the same as `npm run feeds -- list`.
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { ForbiddenError } from '../errors';
import type { HealthCheck } from '../health';
import { inboxConfig, scheduleConfigFromEnv, type ScheduleConfig } from '../feeds/config';
import { feedViews, inboxView, lateSources, type FeedView, type InboxView, type LateSource } from '../feeds/status';
import { listFeeds } from '../db/feeds';
import { shapeChoices } from './imports';

export type { FeedView, InboxView, LateSource } from '../feeds/status';

export interface SourcesPage {
	feeds: FeedView[];
	/** Null when IMPORT_INBOX is not set. */
	inbox: InboxView | null;
	late: LateSource[];
	/** Shapes a feed may name, as the /impor form offers them. */
	shapes: { id: string; label: string }[];
}

export async function sourcesPage(db: Db, actor: Actor, now = new Date(), config: ScheduleConfig = scheduleConfigFromEnv()): Promise<SourcesPage> {
	if (actor.role !== 'admin') throw new ForbiddenError('Hanya admin yang mengatur sumber data.');
	const inbox = inboxConfig(config);
	return {
		feeds: await feedViews(db, now),
		inbox: inbox ? (await inboxView(db, inbox, now)) : null,
		late: await lateSources(db, now, inbox),
		shapes: shapeChoices()
	};
}

/** What the admin's banner says: every late source; nothing for other roles. */
export async function lateSourcesFor(db: Db, actor: Actor | null, now = new Date(), config: ScheduleConfig = scheduleConfigFromEnv()): Promise<LateSource[]> {
	if (actor?.role !== 'admin') return [];
	return await lateSources(db, now, inboxConfig(config));
}

/**
 * /healthz's `sumber` check: how many feeds, which are late. Late data is not a failure of the
 * server (ok stays true, like old market data): a monitor reads `late`. No URLs: the endpoint is public.
 */
export async function feedsHealth(db: Db, now = new Date(), config: ScheduleConfig = scheduleConfigFromEnv()): Promise<HealthCheck> {
	const inbox = inboxConfig(config);
	const late = await lateSources(db, now, inbox);
	const count = (await listFeeds(db)).length;
	const sources = count + (inbox ? 1 : 0);
	const detail =
		sources === 0
			? 'Belum ada sumber data otomatis.'
			: late.length
				? `${late.length} dari ${sources} sumber terlambat: ${late.map((l) => l.name).join(', ')}.`
				: `${sources} sumber data otomatis, semua tepat waktu.`;
	return { ok: true, detail, feeds: count, inbox: inbox !== null, late: late.map((l) => ({ name: l.name, detail: l.text })) };
}
