// What each feed and the inbox say about themselves, in plain words (issue 18): last attempt,
// last success, rows in and rejected, next run, and whether they are late. One place for the
// admin page, the banner admins see, /healthz and `npm run feeds -- list`.
import { formatDate, formatNumber } from '$lib/format';
import type { Db } from '../db';
import { inboxLast, inboxMeta, listFeeds, recentInboxFiles, recentRuns, type FeedRow, type FeedRunRow, type InboxFileRow } from '../db/feeds';
import { isLate, sayAgo, sayEvery, sayIn, sayLate, sayWhen, shortEvery, type LateInput, type PullOutcome } from './schedule';

const OUTCOME: Record<PullOutcome, string> = {
	imported: 'data baru masuk',
	unchanged: 'tidak ada data baru',
	failed: 'gagal'
};

export interface RunView {
	at: string;
	when: string;
	status: PullOutcome;
	words: string;
	batch: number | null;
	rowsIn: number;
	rejected: number;
	error: string | null;
}

export interface FeedView {
	id: number;
	name: string;
	url: string;
	every: string;
	everyShort: string;
	source: string | null;
	map: string | null;
	allowPrivate: boolean;
	late: boolean;
	/** "Terlambat 2 hari: data baru seharusnya masuk 8 Maret 2026." */
	lateText: string | null;
	lastStatus: PullOutcome | null;
	lastError: string | null;
	/** "3 jam lalu (12 Maret 2026): gagal. Server sumber menjawab 500." */
	lastAttempt: string;
	lastSuccess: string;
	/** Rows of the last import: read minus rejected, and rejected. */
	rowsIn: number | null;
	rejected: number | null;
	rowsText: string;
	lastBatchId: number | null;
	nextRun: string;
	nextRunAt: string;
	runs: RunView[];
}

const rowsIn = (rows: number, rejected: number) => Math.max(0, rows - rejected);

function runView(r: FeedRunRow, now: Date): RunView {
	return {
		at: r.startedAt,
		when: sayWhen(r.startedAt, now),
		status: r.status,
		words: OUTCOME[r.status],
		batch: r.batchId,
		rowsIn: rowsIn(r.rows, r.rejected),
		rejected: r.rejected,
		error: r.error
	};
}

export function feedView(feed: FeedRow, runs: FeedRunRow[], now: Date): FeedView {
	const attempt = feed.lastAttemptAt
		? `${sayWhen(feed.lastAttemptAt, now)}: ${OUTCOME[feed.lastStatus ?? 'failed']}${feed.lastError ? `. ${feed.lastError}` : '.'}`
		: 'Belum pernah ditarik.';
	const hasRows = feed.lastRows !== null && feed.lastRejected !== null;
	return {
		id: feed.id,
		name: feed.name,
		url: feed.url,
		every: sayEvery(feed.everySeconds),
		everyShort: shortEvery(feed.everySeconds),
		source: feed.source,
		map: feed.map,
		allowPrivate: feed.allowPrivate,
		late: isLate(feed, now),
		lateText: sayLate(feed, now),
		lastStatus: feed.lastStatus,
		lastError: feed.lastError,
		lastAttempt: attempt,
		lastSuccess: feed.lastSuccessAt ? sayWhen(feed.lastSuccessAt, now) : 'Belum pernah berhasil.',
		rowsIn: hasRows ? rowsIn(feed.lastRows!, feed.lastRejected!) : null,
		rejected: hasRows ? feed.lastRejected : null,
		rowsText: hasRows
			? `${formatNumber(rowsIn(feed.lastRows!, feed.lastRejected!))} baris masuk, ${formatNumber(feed.lastRejected!)} ditolak${feed.lastImportAt ? ` (${sayAgo(feed.lastImportAt, now)})` : ''}.`
			: 'Belum ada baris yang masuk.',
		lastBatchId: feed.lastBatchId,
		nextRun: Date.parse(feed.nextRunAt) <= now.getTime() ? 'sebentar lagi' : `${sayIn(feed.nextRunAt, now)} (${formatDate(feed.nextRunAt.slice(0, 10))})`,
		nextRunAt: feed.nextRunAt,
		runs: runs.map((r) => runView(r, now))
	};
}

export async function feedViews(db: Db, now: Date, runsEach = 5): Promise<FeedView[]> {
	return await Promise.all((await listFeeds(db)).map(async (f) => feedView(f, runsEach ? (await recentRuns(db, f.id, runsEach)) : [], now)));
}

export interface InboxConfig {
	dir: string;
	everySeconds: number;
	tickMs: number;
}

export interface InboxFileView {
	file: string;
	when: string;
	status: InboxFileRow['status'];
	words: string;
	batch: number | null;
	rowsIn: number;
	rejected: number;
	error: string | null;
	movedTo: string | null;
}

export interface InboxView {
	dir: string;
	every: string;
	late: boolean;
	lateText: string | null;
	lastAttempt: string;
	lastSuccess: string;
	rowsIn: number | null;
	rejected: number | null;
	rowsText: string;
	nextRun: string;
	/** The server has started watching it (the schedule runs). */
	watched: boolean;
	files: InboxFileView[];
}

const INBOX_WORDS: Record<InboxFileRow['status'], string> = {
	imported: 'diimpor',
	duplicate: 'isi sama, tidak diimpor lagi',
	failed: 'gagal'
};

/** The inbox's lateness input: since it was first watched, and its last imported file; null before it is watched. */
export async function inboxLateInput(db: Db, everySeconds: number): Promise<LateInput | null> {
	const since = await inboxMeta(db, 'inbox_since');
	if (!since) return null;
	return { createdAt: since, everySeconds, lastImportAt: (await inboxLast(db)).success?.finishedAt ?? null };
}

export async function inboxView(db: Db, config: InboxConfig, now: Date): Promise<InboxView> {
	const { attempt, success } = await inboxLast(db);
	const late = await inboxLateInput(db, config.everySeconds);
	const seconds = Math.max(1, Math.round(config.tickMs / 1000));
	return {
		dir: config.dir,
		every: `berkas baru diharapkan ${sayEvery(config.everySeconds)}`,
		late: late ? isLate(late, now) : false,
		lateText: late ? sayLate(late, now) : null,
		lastAttempt: attempt ? `${sayWhen(attempt.seenAt, now)}: ${attempt.fileName}, ${INBOX_WORDS[attempt.status]}${attempt.error ? `. ${attempt.error}` : '.'}` : 'Belum ada berkas masuk.',
		lastSuccess: success ? `${sayWhen(success.finishedAt, now)}: ${success.fileName}` : 'Belum pernah berhasil.',
		rowsIn: success ? rowsIn(success.rows, success.rejected) : null,
		rejected: success ? success.rejected : null,
		rowsText: success ? `${formatNumber(rowsIn(success.rows, success.rejected))} baris masuk, ${formatNumber(success.rejected)} ditolak.` : 'Belum ada baris yang masuk.',
		nextRun: `Folder diperiksa setiap ${formatNumber(seconds)} detik.`,
		watched: (await inboxMeta(db, 'inbox_since')) !== null,
		files: (await recentInboxFiles(db, 10)).map((f) => ({
			file: f.fileName,
			when: sayWhen(f.seenAt, now),
			status: f.status,
			words: INBOX_WORDS[f.status],
			batch: f.batchId,
			rowsIn: rowsIn(f.rows, f.rejected),
			rejected: f.rejected,
			error: f.error,
			movedTo: f.movedTo
		}))
	};
}

export interface LateSource {
	/** The feed's name, or "Folder impor". */
	name: string;
	text: string;
}

/** Every feed, and the inbox, that went its period and a day without new data. */
export async function lateSources(db: Db, now: Date, inbox: InboxConfig | null): Promise<LateSource[]> {
	const out: LateSource[] = [];
	for (const feed of (await listFeeds(db))) {
		const text = sayLate(feed, now);
		if (text) out.push({ name: feed.name, text });
	}
	if (inbox) {
		const late = await inboxLateInput(db, inbox.everySeconds);
		const text = late ? sayLate(late, now) : null;
		if (text) out.push({ name: 'Folder impor', text });
	}
	return out;
}
