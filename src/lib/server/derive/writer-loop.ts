// The background writer's work queue, the same on its own thread (writer-thread.ts) and inline
// (dev server, a server started without the built thread entry): uploads are imported one after
// another, what start-up found missing is built once, and refresh requests that arrive meanwhile
// are merged into one pending scope, so a burst of edits, readers' requests or several imports
// cost one refresh, not one each. Once the server starts its schedule (issue 18), a timer adds
// due feed pulls and new inbox files to the same queue, after the uploads waiting.
import type { Db } from '../db';
import { exclusive, tryExclusive } from '../db/locks';
import { engineOf } from '../db/run';
import { processOwner, pullFeed, type PullResult } from '../feeds/pull';
import { FeedSchedule, jobKey, type ScheduledJob } from '../feeds/scheduler';
import { runImport } from '../ingest/pipeline';
import { buildMissingGently } from './missing';
import { deriveAfterImport, refreshScopeGently } from './refresh';
import type { FromWriter, RefreshScope, ToWriter } from './writer-protocol';

interface PendingScope {
	all: boolean;
	categories: Set<number>;
	products: Set<number>;
	forecasts: Set<string>;
	/** Callers waiting for this refresh (writer.ts refreshAndWait). */
	ids: number[];
}

/** Merges a scope into the pending one; an empty scope means everything. */
export function mergeScope(pending: PendingScope | null, scope: RefreshScope, id?: number): PendingScope {
	const next = pending ?? { all: false, categories: new Set<number>(), products: new Set<number>(), forecasts: new Set<string>(), ids: [] };
	const empty = !scope.categoryIds?.length && !scope.productIds?.length && !scope.forecasts?.length;
	if (empty) next.all = true;
	for (const c of scope.categoryIds ?? []) next.categories.add(c);
	for (const p of scope.productIds ?? []) next.products.add(p);
	for (const f of scope.forecasts ?? []) next.forecasts.add(f);
	if (id !== undefined) next.ids.push(id);
	return next;
}

/** Both pending scopes in one (a refresh put back, and what arrived while it waited). */
function joinScopes(a: PendingScope, b: PendingScope | null): PendingScope {
	if (!b) return a;
	return {
		all: a.all || b.all,
		categories: new Set([...a.categories, ...b.categories]),
		products: new Set([...a.products, ...b.products]),
		forecasts: new Set([...a.forecasts, ...b.forecasts]),
		ids: [...a.ids, ...b.ids]
	};
}

/**
 * What an import changed, derived under the same lock as the refresh (db/locks.ts): on a shared
 * PostgreSQL database an import's refresh waits for another server's, never runs beside it.
 */
const deriveExclusively: typeof deriveAfterImport = (db, changed) => exclusive(db, 'refresh', () => deriveAfterImport(db, changed));

/**
 * How long the writer waits before trying again when another app server on the same PostgreSQL
 * database is refreshing derived data (db/locks.ts): that refresh covers the same tables.
 */
const BUSY_RETRY_MS = 1000;

type ImportJob = Extract<ToWriter, { type: 'import' }>;
type PullJob = Extract<ToWriter, { type: 'pull-feeds' }>;

export class WriterLoop {
	private pending: PendingScope | null = null;
	private imports: ImportJob[] = [];
	private missing = false;
	private running = false;
	private stopping: (() => void) | null = null;
	private feedSchedule: FeedSchedule | null = null;
	private timer: ReturnType<typeof setInterval> | null = null;
	/** Due feeds and inbox files, by key: a job still waiting is not queued twice. */
	private scheduled = new Map<string, ScheduledJob>();
	private pulls: PullJob[] = [];
	/** Aborts a running download when the writer stops (the feed stays due). */
	private abort = new AbortController();
	private owner = processOwner('server');
	/** Set while waiting to retry a refresh another process held the lock for. */
	private retry: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private db: Db,
		private post: (message: FromWriter) => void,
		/** How long to wait for more requests before a refresh starts (bursts coalesce). */
		private settleMs = 150
	) {}

	get busy(): boolean {
		return this.running;
	}

	get queued(): number {
		return this.imports.length + this.pulls.length + this.scheduled.size + (this.pending ? 1 : 0) + (this.missing ? 1 : 0);
	}

	/** The running feeds-and-inbox schedule, or null before the server started it. */
	get feeds(): FeedSchedule | null {
		return this.feedSchedule;
	}

	async handle(message: ToWriter): Promise<void> {
		if (message.type === 'stop') {
			// Finish what runs now; drop what waits (it is rebuilt at the next start).
			const dropped = this.pending?.ids ?? [];
			this.imports = [];
			this.pending = null;
			this.missing = false;
			if (this.timer) clearInterval(this.timer);
			this.timer = null;
			if (this.retry) clearTimeout(this.retry);
			this.retry = null;
			this.scheduled.clear();
			for (const job of this.pulls.splice(0)) this.post({ type: 'pulled', id: job.id, results: [] });
			this.abort.abort();
			if (dropped.length) this.post({ type: 'error', message: 'Penulis latar berhenti.', ids: dropped });
			if (!this.running) this.post({ type: 'stopped' });
			else this.stopping = () => this.post({ type: 'stopped' });
			return;
		}
		if (message.type === 'schedule') return await this.startSchedule(message.config);
		if (message.type === 'refresh') this.pending = mergeScope(this.pending, message.scope, message.id);
		else if (message.type === 'build-missing') this.missing = true;
		else if (message.type === 'pull-feeds') this.pulls.push(message);
		else this.imports.push(message);
		this.schedule();
	}

	/** Starts the timer that queues due feeds and new inbox files (once; the first look is at once). */
	private async startSchedule(config: FeedSchedule['config']): Promise<void> {
		if (this.feedSchedule || this.stopping) return;
		this.feedSchedule = new FeedSchedule(this.db, config, { derive: deriveExclusively, owner: this.owner });
		await this.feedSchedule.start();
		this.timer = setInterval(async () => this.tick(), config.tickMs);
		this.timer.unref?.();
		await this.tick();
	}

	private async tick(): Promise<void> {
		const schedule = this.feedSchedule;
		if (!schedule || this.stopping) return;
		try {
			for (const job of (await schedule.due())) if (!this.scheduled.has(jobKey(job))) this.scheduled.set(jobKey(job), job);
			await schedule.noteLate();
		} catch (e) {
			this.post({ type: 'error', message: `Jadwal sumber data: ${(e as Error).stack ?? String(e)}` });
		}
		if (this.scheduled.size) this.schedule();
	}

	private schedule(): void {
		if (this.running || this.retry) return;
		this.running = true;
		setTimeout(() => void this.drain(), this.settleMs);
	}

	private async drain(): Promise<void> {
		let scope: PendingScope | null = null;
		try {
			for (;;) {
				if (this.stopping) break;
				const job = this.imports.shift();
				if (job) {
					await this.runImportJob(job);
					continue;
				}
				const pull = this.pulls.shift();
				if (pull) {
					await this.runPullJob(pull);
					continue;
				}
				const [key, due] = this.scheduled.entries().next().value ?? [];
				if (key && due) {
					await this.runScheduled(key, due);
					continue;
				}
				if (this.missing) {
					this.missing = false;
					const t0 = performance.now();
					const built = await tryExclusive(this.db, 'refresh', () => buildMissingGently(this.db));
					if (!built.ran) {
						this.missing = true;
						this.retryLater();
						break;
					}
					this.post({ type: 'built-missing', ms: Math.round(performance.now() - t0), log: built.value });
					continue;
				}
				scope = this.pending;
				if (!scope) break;
				this.pending = null;
				if (!(await this.runRefresh(scope))) {
					this.pending = joinScopes(scope, this.pending);
					scope = null;
					this.retryLater();
					break;
				}
				scope = null;
			}
		} catch (e) {
			this.post({ type: 'error', message: (e as Error).stack ?? String(e), ids: scope?.ids });
		} finally {
			this.running = false;
			if (this.stopping) {
				const done = this.stopping;
				this.stopping = null;
				done();
			} else if (this.imports.length || this.pulls.length || this.scheduled.size || this.pending || this.missing) this.schedule();
		}
	}

	/** Another process holds the refresh lock: look again in a while (its refresh may not cover ours). */
	private retryLater(): void {
		if (this.retry || this.stopping) return;
		this.retry = setTimeout(() => {
			this.retry = null;
			this.schedule();
		}, BUSY_RETRY_MS);
		this.retry.unref?.();
	}

	private async runImportJob(job: ImportJob): Promise<void> {
		try {
			const summary = await runImport(this.db, job.upload, {
				...job.options,
				derive: deriveExclusively,
				onProgress: (progress) => this.post({ type: 'progress', id: job.id, progress })
			});
			this.post({ type: 'imported', id: job.id, summary });
		} catch (e) {
			this.post({ type: 'import-failed', id: job.id, message: (e as Error).message });
		}
	}

	/** An admin's "Tarik sekarang": the feeds one after another, answered together. */
	private async runPullJob(job: PullJob): Promise<void> {
		const results: PullResult[] = [];
		try {
			for (const id of job.feedIds) {
				const result = await pullFeed(this.db, id, { owner: this.owner, derive: deriveExclusively, limits: this.feedSchedule?.config.limits, signal: this.abort.signal });
				results.push(result ?? { feed: String(id), status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Sumber ini sedang ditarik oleh proses lain. Coba lagi sebentar.' });
			}
		} finally {
			this.post({ type: 'pulled', id: job.id, results });
		}
	}

	private async runScheduled(key: string, job: ScheduledJob): Promise<void> {
		try {
			await this.feedSchedule?.run(job, this.abort.signal);
		} finally {
			// Removed only now: a tick meanwhile must not queue the same job again.
			this.scheduled.delete(key);
		}
	}

	/**
	 * Runs the refresh unless another app server on the same database is refreshing (false: the
	 * caller puts the scope back and tries again). On a shared database each refresh is logged
	 * with the process id, so the logs of several servers show that refreshes never overlap.
	 */
	private async runRefresh(scope: PendingScope): Promise<boolean> {
		const t0 = performance.now();
		const log = engineOf(this.db) === 'postgres' ? (line: string) => console.log(`[writer] pid ${process.pid}: ${line}`) : () => {};
		const done = await tryExclusive(this.db, 'refresh', async () => {
			log(`refresh started ${new Date().toISOString()}`);
			try {
				return await refreshScopeGently(
					this.db,
					scope.all ? {} : { categoryIds: [...scope.categories], productIds: [...scope.products], forecasts: [...scope.forecasts] }
				);
			} finally {
				log(`refresh ended ${new Date().toISOString()} (${Math.round(performance.now() - t0)} ms)`);
			}
		});
		if (!done.ran) {
			log(`another server is refreshing; trying again in ${BUSY_RETRY_MS} ms`);
			return false;
		}
		this.post({ type: 'refreshed', ms: Math.round(performance.now() - t0), products: done.value.marketParts, ids: scope.ids });
		return true;
	}
}
