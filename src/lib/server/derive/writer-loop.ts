// The background writer's work queue, the same on its own thread (writer-thread.ts) and inline
// (dev server, a server started without the built thread entry): uploads are imported one after
// another, what start-up found missing is built once, and refresh requests that arrive meanwhile
// are merged into one pending scope, so a burst of edits, readers' requests or several imports
// cost one refresh, not one each.
import type { Db } from '../db';
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

type ImportJob = Extract<ToWriter, { type: 'import' }>;

export class WriterLoop {
	private pending: PendingScope | null = null;
	private imports: ImportJob[] = [];
	private missing = false;
	private running = false;
	private stopping: (() => void) | null = null;

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
		return this.imports.length + (this.pending ? 1 : 0) + (this.missing ? 1 : 0);
	}

	handle(message: ToWriter): void {
		if (message.type === 'stop') {
			// Finish what runs now; drop what waits (it is rebuilt at the next start).
			const dropped = this.pending?.ids ?? [];
			this.imports = [];
			this.pending = null;
			this.missing = false;
			if (dropped.length) this.post({ type: 'error', message: 'Penulis latar berhenti.', ids: dropped });
			if (!this.running) this.post({ type: 'stopped' });
			else this.stopping = () => this.post({ type: 'stopped' });
			return;
		}
		if (message.type === 'refresh') this.pending = mergeScope(this.pending, message.scope, message.id);
		else if (message.type === 'build-missing') this.missing = true;
		else this.imports.push(message);
		this.schedule();
	}

	private schedule(): void {
		if (this.running) return;
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
				if (this.missing) {
					this.missing = false;
					const t0 = performance.now();
					const log = await buildMissingGently(this.db);
					this.post({ type: 'built-missing', ms: Math.round(performance.now() - t0), log });
					continue;
				}
				scope = this.pending;
				if (!scope) break;
				this.pending = null;
				await this.runRefresh(scope);
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
			} else if (this.imports.length || this.pending || this.missing) this.schedule();
		}
	}

	private async runImportJob(job: ImportJob): Promise<void> {
		try {
			const summary = await runImport(this.db, job.upload, {
				...job.options,
				derive: deriveAfterImport,
				onProgress: (progress) => this.post({ type: 'progress', id: job.id, progress })
			});
			this.post({ type: 'imported', id: job.id, summary });
		} catch (e) {
			this.post({ type: 'import-failed', id: job.id, message: (e as Error).message });
		}
	}

	private async runRefresh(scope: PendingScope): Promise<void> {
		const t0 = performance.now();
		const counts = await refreshScopeGently(
			this.db,
			scope.all ? {} : { categoryIds: [...scope.categories], productIds: [...scope.products], forecasts: [...scope.forecasts] }
		);
		this.post({ type: 'refreshed', ms: Math.round(performance.now() - t0), products: counts.marketParts, ids: scope.ids });
	}
}
