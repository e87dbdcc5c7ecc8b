// The background writer's work queue, the same on its own thread (writer-thread.ts) and inline
// (dev server, a server started without the built thread entry): uploads are imported one after
// another, and refresh requests that arrive meanwhile are merged into one pending scope, so a
// burst of edits or several imports cost one refresh, not one each.
import type { Db } from '../db';
import { runImport } from '../ingest/pipeline';
import { refreshDerivedGently } from './refresh';
import type { FromWriter, RefreshScope, ToWriter } from './writer-protocol';

interface PendingScope {
	all: boolean;
	categories: Set<number>;
	products: Set<number>;
}

/** Merges a scope into the pending one; an empty scope means everything. */
export function mergeScope(pending: PendingScope | null, scope: RefreshScope): PendingScope {
	const next = pending ?? { all: false, categories: new Set<number>(), products: new Set<number>() };
	const empty = !scope.categoryIds?.length && !scope.productIds?.length;
	if (empty) next.all = true;
	for (const id of scope.categoryIds ?? []) next.categories.add(id);
	for (const id of scope.productIds ?? []) next.products.add(id);
	return next;
}

type ImportJob = Extract<ToWriter, { type: 'import' }>;

export class WriterLoop {
	private pending: PendingScope | null = null;
	private imports: ImportJob[] = [];
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
		return this.imports.length + (this.pending ? 1 : 0);
	}

	handle(message: ToWriter): void {
		if (message.type === 'stop') {
			// Finish what runs now; drop what waits (it is rebuilt at the next start).
			this.imports = [];
			this.pending = null;
			if (!this.running) this.post({ type: 'stopped' });
			else this.stopping = () => this.post({ type: 'stopped' });
			return;
		}
		if (message.type === 'refresh') this.pending = mergeScope(this.pending, message.scope);
		else this.imports.push(message);
		this.schedule();
	}

	private schedule(): void {
		if (this.running) return;
		this.running = true;
		setTimeout(() => void this.drain(), this.settleMs);
	}

	private async drain(): Promise<void> {
		try {
			for (;;) {
				if (this.stopping) break;
				const job = this.imports.shift();
				if (job) {
					await this.runImportJob(job);
					continue;
				}
				const scope = this.pending;
				if (!scope) break;
				this.pending = null;
				await this.runRefresh(scope);
			}
		} catch (e) {
			this.post({ type: 'error', message: (e as Error).stack ?? String(e) });
		} finally {
			this.running = false;
			if (this.stopping) {
				const done = this.stopping;
				this.stopping = null;
				done();
			} else if (this.imports.length || this.pending) this.schedule();
		}
	}

	private async runImportJob(job: ImportJob): Promise<void> {
		try {
			const summary = await runImport(this.db, job.upload, {
				...job.options,
				onProgress: (progress) => this.post({ type: 'progress', id: job.id, progress })
			});
			this.post({ type: 'imported', id: job.id, summary });
		} catch (e) {
			this.post({ type: 'import-failed', id: job.id, message: (e as Error).message });
		}
	}

	private async runRefresh(scope: PendingScope): Promise<void> {
		const t0 = performance.now();
		const counts = scope.all
			? await refreshDerivedGently(this.db)
			: await refreshDerivedGently(this.db, [...scope.categories], [...scope.products]);
		this.post({ type: 'refreshed', ms: Math.round(performance.now() - t0), products: counts.marketParts });
	}
}
