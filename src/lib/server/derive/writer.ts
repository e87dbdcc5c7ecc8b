// The request thread's handle on the background writer. One per server process: started by
// the server's init hook (which then asks it to build what start-up found missing), asked to
// refresh derived data after edits and by readers that found something missing, handed uploads
// to import, and stopped at shutdown. On a file database it runs on its own thread (writer-thread.ts,
// built to build/writer-thread.js); where that entry is missing (the vite dev server) or the
// database is in memory (tests), the same loop runs inline on this thread, between requests.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db';
import { connectionTarget } from '../db/connection';
import type { ImportProgress, ImportSummary } from '../ingest/pipeline';
import type { PullResult } from '../feeds/pull';
import type { ScheduleConfig } from '../feeds/config';
import { registerHealthCheck } from '../health';
import { registerShutdown } from '../lifecycle';
import { WriterLoop } from './writer-loop';
import type { FromWriter, RefreshScope, ToWriter, WriterOptions } from './writer-protocol';

export interface WriterHealth {
	mode: 'thread' | 'inline';
	alive: boolean;
	busy: boolean;
	queued: number;
	/** ms since the writer last said it was alive (thread mode), or 0 inline. */
	silentMs: number;
	lastRefresh: { at: string; ms: number } | null;
	/** When start-up's missing derived data was built, and what was built (null: not yet). */
	builtMissing: { at: string; ms: number; log: string[] } | null;
	restarts: number;
	lastError: string | null;
}

interface PendingImport {
	resolve: (summary: ImportSummary) => void;
	reject: (error: Error) => void;
	onProgress?: (progress: ImportProgress) => void;
}

/** A writer thread that said nothing for this long is reported dead by /healthz. */
const SILENT_LIMIT_MS = 60_000;

export class BackgroundWriter {
	private worker: Worker | null = null;
	private inline: WriterLoop | null = null;
	private nextId = 1;
	private imports = new Map<number, PendingImport>();
	private lastHeard = Date.now();
	private busy = false;
	private queued = 0;
	private lastRefresh: WriterHealth['lastRefresh'] = null;
	private builtMissing: WriterHealth['builtMissing'] = null;
	/** Callers of refreshAndWait, by the id their request carries. */
	private waiting = new Map<number, () => void>();
	private lastError: string | null = null;
	private restarts = 0;
	private stopped = false;
	private stoppedWaiters: (() => void)[] = [];
	/** The feeds-and-inbox schedule, once started: sent again to a restarted thread. */
	private scheduleConfig: ScheduleConfig | null = null;
	private pulls = new Map<number, (results: PullResult[]) => void>();

	constructor(
		private db: Db,
		private entry: string | null
	) {
		if (this.entry && !connectionTarget(db).inMemory && existsSync(this.entry)) this.startThread();
		else this.inline = new WriterLoop(db, (m) => this.receive(m));
	}

	get mode(): 'thread' | 'inline' {
		return this.inline ? 'inline' : 'thread';
	}

	private startThread(): void {
		const worker = new Worker(this.entry!, { workerData: { databaseUrl: connectionTarget(this.db).url } });
		this.worker = worker;
		this.lastHeard = Date.now();
		worker.on('message', (m: FromWriter) => this.receive(m));
		worker.on('error', (e) => {
			this.lastError = e.stack ?? String(e);
			console.error('[writer] background writer failed:', e);
		});
		worker.on('exit', (code) => {
			if (this.worker !== worker) return;
			this.worker = null;
			for (const [, p] of this.imports) p.reject(new Error('Penulis latar berhenti sebelum impor selesai. Coba unggah lagi.'));
			this.imports.clear();
			for (const [, done] of this.pulls) done([]);
			this.pulls.clear();
			this.releaseWaiting();
			if (this.stopped) return;
			// A crash of the writer must not end the server: start it again, a little later each time.
			this.restarts++;
			console.error(`[writer] background writer exited (${code}); restarting`);
			setTimeout(async () => {
				if (!this.stopped) {
					this.startThread();
					// Whatever it was about to rebuild may be lost: rebuild everything once.
					await this.send({ type: 'refresh', scope: {} });
					if (this.scheduleConfig) await this.send({ type: 'schedule', config: this.scheduleConfig });
				}
			}, Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6))).unref();
		});
	}

	private receive(m: FromWriter): void {
		this.lastHeard = Date.now();
		switch (m.type) {
			case 'heartbeat':
				this.busy = m.busy;
				this.queued = m.queued;
				break;
			case 'progress':
				this.imports.get(m.id)?.onProgress?.(m.progress);
				break;
			case 'imported':
				this.imports.get(m.id)?.resolve(m.summary);
				this.imports.delete(m.id);
				break;
			case 'import-failed':
				this.imports.get(m.id)?.reject(new Error(m.message));
				this.imports.delete(m.id);
				break;
			case 'refreshed':
				this.lastRefresh = { at: new Date().toISOString(), ms: m.ms };
				this.releaseWaiting(m.ids);
				break;
			case 'pulled':
				this.pulls.get(m.id)?.(m.results);
				this.pulls.delete(m.id);
				break;
			case 'built-missing':
				this.builtMissing = { at: new Date().toISOString(), ms: m.ms, log: m.log };
				for (const line of m.log) console.log(line);
				break;
			case 'error':
				this.lastError = m.message;
				console.error('[writer]', m.message);
				this.releaseWaiting(m.ids ?? []);
				break;
			case 'stopped':
				for (const done of this.stoppedWaiters.splice(0)) done();
				break;
			case 'ready':
				break;
		}
	}

	private async send(message: ToWriter, transfer?: ArrayBuffer[]): Promise<void> {
		if (this.inline) await this.inline.handle(message);
		else if (this.worker) this.worker.postMessage(message, transfer);
		else if (message.type === 'refresh' || message.type === 'build-missing') {
			// Restarting: the restart builds what is missing or outdated anyway.
			if (message.type === 'refresh' && message.id !== undefined) this.releaseWaiting([message.id]);
		} else throw new Error('Penulis latar sedang dimulai ulang. Coba lagi sebentar.');
	}

	/** Settles the waiters of these refresh ids (all of them when omitted). */
	private releaseWaiting(ids?: number[]): void {
		for (const id of ids ?? [...this.waiting.keys()]) {
			this.waiting.get(id)?.();
			this.waiting.delete(id);
		}
	}

	/** Asks for derived data to be rebuilt; returns at once. An empty scope means everything. */
	async refresh(scope: RefreshScope = {}): Promise<void> {
		if (this.stopped) return;
		await this.send({ type: 'refresh', scope });
	}

	/**
	 * Asks for a rebuild and resolves when the writer has finished it (true), or after `timeoutMs`
	 * (false: it goes on in the background). Never rejects: a write that asked must still answer.
	 */
	refreshAndWait(scope: RefreshScope, timeoutMs: number): Promise<boolean> {
		if (this.stopped) return Promise.resolve(false);
		const id = this.nextId++;
		return new Promise<boolean>(async (resolve) => {
			const timer = setTimeout(() => {
				this.waiting.delete(id);
				resolve(false);
			}, timeoutMs);
			timer.unref?.();
			this.waiting.set(id, () => {
				clearTimeout(timer);
				resolve(true);
			});
			try {
				await this.send({ type: 'refresh', scope, id });
			} catch {
				this.waiting.delete(id);
				clearTimeout(timer);
				resolve(false);
			}
		});
	}

	/** Builds whatever derived data is missing or outdated (after start-up; derive/missing.ts). */
	async buildMissing(): Promise<void> {
		if (this.stopped) return;
		await this.send({ type: 'build-missing' });
	}

	/**
	 * Starts pulling feeds on their schedule and watching the inbox (issue 18): only the server
	 * does, from its init hook; tests and commands get no timer unless they call this.
	 */
	async startSchedule(config: ScheduleConfig): Promise<void> {
		if (this.stopped || this.scheduleConfig) return;
		this.scheduleConfig = config;
		try {
			await this.send({ type: 'schedule', config });
		} catch {
			// The thread is being restarted: the restart sends the schedule (startThread's exit handler).
		}
	}

	/** Pulls these feeds now on the writer, after what it is doing; resolves with one result each. */
	pullFeeds(feedIds: number[]): Promise<PullResult[]> {
		if (this.stopped) return Promise.reject(new Error('Server sedang berhenti. Coba lagi nanti.'));
		const id = this.nextId++;
		return new Promise<PullResult[]>(async (resolve, reject) => {
			this.pulls.set(id, resolve);
			try {
				await this.send({ type: 'pull-feeds', id, feedIds });
			} catch (e) {
				this.pulls.delete(id);
				reject(e as Error);
			}
		});
	}

	/** Imports an upload on the writer; resolves with the batch summary. */
	importUpload(
		upload: { fileName: string; bytes: Uint8Array; companions?: { fileName: string; bytes: Uint8Array }[] },
		options: WriterOptions,
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportSummary> {
		if (this.stopped) return Promise.reject(new Error('Server sedang berhenti. Coba unggah lagi nanti.'));
		const id = this.nextId++;
		return new Promise<ImportSummary>(async (resolve, reject) => {
			this.imports.set(id, { resolve, reject, onProgress });
			try {
				await this.send({ type: 'import', id, upload, options });
			} catch (e) {
				this.imports.delete(id);
				reject(e as Error);
			}
		});
	}

	health(): WriterHealth {
		const inline = this.inline;
		const silentMs = inline ? 0 : Date.now() - this.lastHeard;
		return {
			mode: this.mode,
			alive: inline ? true : this.worker !== null && silentMs < SILENT_LIMIT_MS,
			busy: inline ? inline.busy : this.busy,
			queued: inline ? inline.queued : this.queued,
			silentMs,
			lastRefresh: this.lastRefresh,
			builtMissing: this.builtMissing,
			restarts: this.restarts,
			lastError: this.lastError
		};
	}

	/** Lets the running job finish (up to `graceMs`), drops waiting ones, then ends the thread. */
	async stop(graceMs = 10_000): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		const done = new Promise<void>((resolve) => this.stoppedWaiters.push(resolve));
		if (this.inline) await this.inline.handle({ type: 'stop' });
		else if (this.worker) this.worker.postMessage({ type: 'stop' } satisfies ToWriter);
		else return;
		await Promise.race([done, new Promise((r) => setTimeout(r, graceMs).unref())]);
		await this.worker?.terminate();
		this.worker = null;
		this.releaseWaiting();
		for (const [, done] of this.pulls) done([]);
		this.pulls.clear();
	}
}

let current: BackgroundWriter | null = null;

/** Starts the process's background writer (once); `entry` is the built thread file, if any. */
export function startBackgroundWriter(db: Db, entry: string | null = process.env.WRITER_ENTRY ?? null): BackgroundWriter {
	if (!current) {
		current = new BackgroundWriter(db, entry);
		// At SIGTERM, after the last request: the writer finishes its running job and stops
		// (before the database is closed: shutdown steps run newest first).
		registerShutdown('background writer', () => stopBackgroundWriter());
		registerHealthCheck('writer', () => {
			const h = current?.health();
			if (!h) return { ok: false, detail: 'Penulis latar tidak berjalan.' };
			const detail = !h.alive
				? `Penulis latar tidak menjawab selama ${Math.round(h.silentMs / 1000)} detik.`
				: h.busy
					? `Penulis latar sedang bekerja (${h.queued} tugas menunggu).`
					: 'Penulis latar siap.';
			return { ok: h.alive, detail, ...h };
		});
	}
	return current;
}

/** The running background writer, or null (CLI commands and tests run derivations themselves). */
export function backgroundWriter(): BackgroundWriter | null {
	return current;
}

/** Test hook. */
export async function stopBackgroundWriter(): Promise<void> {
	const w = current;
	current = null;
	await w?.stop();
}
