// One pull of a feed (issue 18), the same whoever starts it: the server's background writer on
// the feed's schedule or at an admin's "Tarik sekarang", or `npm run feeds -- run` from a cron
// line (with or without a server running on the same database).
//   1. Take the feed's lease, so no two pullers (two processes, or a click during a scheduled
//      pull) pull it at once; a lease left by a process on this machine that is gone is taken over.
//   2. Download with the validators of the content last imported (fetch.ts). A 304, or a body
//      whose sha256 is the one last imported, is "unchanged": nothing is imported.
//   3. Otherwise import it through the same pipeline as every upload (ingest/pipeline.ts
//      runImport: the same checks, one transaction, rejected rows kept), dated by its content
//      or else by the day it was pulled (observed-date.ts source 'feed'), never by a file time.
//   4. Record the outcome with its reason and the next pull time (schedule.ts) and let go of the
//      lease. The validators move only when an import succeeded, so a failed pull (500, timeout,
//      oversize, wrong type, every row rejected) is pulled again in full on its retry: nothing is lost.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db';
import { claimFeed, feedLease, getFeed, recordPull, releaseFeed, takeOverFeed, type FeedRow } from '../db/feeds';
import { runImport, type ImportOptions, type ImportProgress } from '../ingest/pipeline';
import { AddressError } from './address';
import { DEFAULT_LIMITS, FetchError, fetchExport, type FetchLimits } from './fetch';
import { nextRunAfter, type PullOutcome } from './schedule';

/** One line of `npm run feeds -- run`, and what the admin page shows of a pull. */
export interface PullResult {
	feed: string;
	status: PullOutcome;
	batch: number | null;
	/** Rows read from the export (rejected ones included); 0 when nothing was imported. */
	rows: number;
	rejected: number;
	error?: string;
}

export interface PullOptions {
	/** Who pulls (processOwner): the lease is held in this name. */
	owner: string;
	now?: () => Date;
	/** Builds derived data after the import's commit (derive/refresh.ts deriveAfterImport). */
	derive?: ImportOptions['derive'];
	limits?: FetchLimits;
	/** Stops the download (server shutdown): nothing is recorded, the feed stays due. */
	signal?: AbortSignal;
	/** How long to wait while another puller holds the feed; 0: give up at once. */
	waitMs?: number;
	onProgress?: (p: ImportProgress) => void;
}

/** Long enough for a large import; a lease left by a crash elsewhere runs out after it. */
export const LEASE_MS = 2 * 3600_000;

/** A lease holder's name: this machine, this process, and who in it. */
export function processOwner(role: 'server' | 'cli'): string {
	return `${hostname()}/${process.pid}/${role}/${randomBytes(3).toString('hex')}`;
}

/** Whether the process holding a lease may still be running (only known for this machine). */
function ownerAlive(owner: string): boolean {
	const [host, pid] = owner.split('/');
	if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return true;
	try {
		process.kill(Number(pid), 0);
		return true;
	} catch (e) {
		return (e as { code?: string }).code !== 'ESRCH';
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function acquire(db: Db, id: number, opts: PullOptions, now: () => Date): Promise<boolean> {
	const deadline = Date.now() + (opts.waitMs ?? 0);
	for (;;) {
		const at = now();
		const until = new Date(at.getTime() + LEASE_MS).toISOString();
		if ((await claimFeed(db, id, opts.owner, at.toISOString(), until))) return true;
		const lease = await feedLease(db, id);
		if (lease && !ownerAlive(lease.owner) && (await takeOverFeed(db, id, lease.owner, opts.owner, until))) return true;
		if (Date.now() >= deadline || opts.signal?.aborted) return false;
		await sleep(500);
	}
}

/** A file name for the batch history that says which feed it came from. */
function baseName(feedName: string): string {
	const slug = feedName
		.normalize('NFKD')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.toLowerCase()
		.slice(0, 60);
	return `sumber-${slug || 'tanpa-nama'}`;
}

/**
 * Pulls one feed now. Resolves with what happened (never rejects for a problem of the source);
 * `null` when another puller held it for longer than `waitMs` (nothing was done or recorded).
 */
export async function pullFeed(db: Db, id: number, opts: PullOptions): Promise<PullResult | null> {
	const now = opts.now ?? (() => new Date());
	if (!(await acquire(db, id, opts, now))) return null;
	const feed = await getFeed(db, id);
	if (!feed) return null;
	const started = now();
	const dir = await mkdtemp(join(tmpdir(), 'despro-sumber-'));
	const finish = async (status: PullOutcome, state: Partial<FeedRow>, run: { batch?: number | null; rows?: number; rejected?: number; error?: string; httpStatus?: number | null; bytes?: number | null }): Promise<PullResult> => {
		const ended = now();
		const failures = status === 'failed' ? feed.failures + 1 : 0;
		await recordPull(
			db,
			id,
			opts.owner,
			{
				...state,
				lastAttemptAt: started.toISOString(),
				lastStatus: status,
				lastError: run.error ?? null,
				failures,
				nextRunAt: nextRunAfter(status, ended, feed.everySeconds, failures).toISOString(),
				...(status === 'failed' ? {} : { lastSuccessAt: ended.toISOString() })
			},
			{
				startedAt: started.toISOString(),
				finishedAt: ended.toISOString(),
				status,
				batchId: run.batch ?? null,
				rows: run.rows ?? 0,
				rejected: run.rejected ?? 0,
				httpStatus: run.httpStatus ?? null,
				bytes: run.bytes ?? null,
				error: run.error ?? null
			}
		);
		const result: PullResult = { feed: feed.name, status, batch: run.batch ?? null, rows: run.rows ?? 0, rejected: run.rejected ?? 0 };
		if (run.error) result.error = run.error;
		return result;
	};
	try {
		let fetched;
		try {
			fetched = await fetchExport(feed.url, {
				allowPrivate: feed.allowPrivate,
				validators: { etag: feed.etag, lastModified: feed.lastModified },
				limits: opts.limits ?? DEFAULT_LIMITS,
				dir,
				baseName: baseName(feed.name),
				signal: opts.signal
			});
		} catch (e) {
			if (opts.signal?.aborted) {
				// Stopped, not failed: the feed keeps its due time and is pulled at the next start.
				await releaseFeed(db, id, opts.owner);
				return { feed: feed.name, status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Penarikan dihentikan: server berhenti.' };
			}
			const known = e instanceof FetchError || e instanceof AddressError;
			const error = known ? e.message : `Penarikan gagal: ${(e as Error).message}`;
			return finish('failed', {}, { error, httpStatus: e instanceof FetchError ? e.httpStatus : null });
		}
		if (fetched.kind === 'not-modified') {
			return finish('unchanged', { etag: fetched.etag, lastModified: fetched.lastModified }, { httpStatus: 304 });
		}
		if (fetched.sha256 === feed.contentHash) {
			// The same bytes under new validators (a server that does not keep its ETag): keep the new ones.
			return finish('unchanged', { etag: fetched.etag, lastModified: fetched.lastModified }, { httpStatus: fetched.httpStatus, bytes: fetched.bytes });
		}
		const day = started.toISOString().slice(0, 10);
		const summary = await runImport(
			db,
			{ fileName: fetched.fileName, path: fetched.path },
			{
				source: feed.source ?? undefined,
				map: feed.map ?? undefined,
				observedAt: day,
				observedAtSource: 'feed',
				today: day,
				derive: opts.derive,
				onProgress: opts.onProgress
			}
		);
		const counts = { batch: summary.batch, rows: summary.rows, rejected: summary.rejected, httpStatus: fetched.httpStatus, bytes: fetched.bytes };
		if (summary.status !== 'done') return finish('failed', {}, { ...counts, error: summary.message });
		return finish(
			'imported',
			{
				etag: fetched.etag,
				lastModified: fetched.lastModified,
				contentHash: fetched.sha256,
				lastImportAt: now().toISOString(),
				lastBatchId: summary.batch,
				lastRows: summary.rows,
				lastRejected: summary.rejected
			},
			counts
		);
	} catch (e) {
		// Our own failure (the database, the disk): recorded like a source's, so the feed is retried.
		return finish('failed', {}, { error: `Penarikan gagal: ${(e as Error).message}` });
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
