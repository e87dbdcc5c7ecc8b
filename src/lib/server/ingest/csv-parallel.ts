// Stages a CSV file on several threads: the file is cut into one byte range per core, each cut
// just after a line end, and each range is read, normalised and staged by its own thread
// (stage-worker.ts). A cut that fell inside a quoted field is found by the range before it (its
// last record ends further on); the range after it is then staged again from the right byte.
// Small files, and places where the worker entry is not available, stage on this thread.
import { existsSync, closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { stageCsvRange, type RangeJob, type RangeResult } from './csv-range';
import { FastCsvUnsupported, type FastCsvOptions } from './readers/csv-fast';
import type { StageConfig } from './stage';

/** One staged part of the file, in file order. */
export interface StagedPart {
	path: string;
	/** seq = seqBase + line within the part; the part's line 1 is the file's line firstLine. */
	seqBase: number;
	firstLine: number;
	result: RangeResult;
}

/** A part's seq base: parts are 2^40 lines apart, so seqs keep file order across parts. */
const PART_SEQ = 2 ** 40;

/** Below this a file is staged on the importing thread (starting threads costs more than it saves). */
export function parallelMinBytes(env: Record<string, string | undefined> = process.env): number {
	const n = Number(env.IMPORT_PARALLEL_MIN_BYTES);
	return env.IMPORT_PARALLEL_MIN_BYTES && Number.isFinite(n) && n >= 0 ? n : 4 * 1024 * 1024;
}

/** How many staging threads: one per core, at most 4 (IMPORT_THREADS overrides; 0 = none). */
export function stagingThreads(env: Record<string, string | undefined> = process.env): number {
	const n = Number(env.IMPORT_THREADS);
	if (env.IMPORT_THREADS !== undefined && env.IMPORT_THREADS !== '' && Number.isInteger(n) && n >= 0) return n;
	return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The worker entry: IMPORT_WORKER_ENTRY (the built server's build/import-worker.js), else the
 * TypeScript source beside this file (tsx and the tests), or null where neither exists (the
 * SvelteKit server bundle): then everything is staged on the importing thread.
 */
function workerEntry(): { code: string; eval: boolean } | null {
	const env = process.env.IMPORT_WORKER_ENTRY;
	if (env) return existsSync(env) ? { code: env, eval: false } : null;
	let file: string;
	try {
		file = fileURLToPath(new URL('./stage-worker.ts', import.meta.url));
	} catch {
		return null;
	}
	if (!existsSync(file)) return null;
	// A thread does not take tsx's loader from --import for its own entry (Node 20): load the
	// TypeScript entry through tsx's API from a small JavaScript one.
	const url = JSON.stringify(pathToFileURL(file).href);
	return { code: `import('tsx/esm/api').then(({ tsImport }) => tsImport(${url}, ${url}))`, eval: true };
}

export interface ParallelCsvInput {
	config: StageConfig;
	csv: FastCsvOptions;
	path?: string;
	bytes?: Uint8Array;
	totalBytes: number;
	/** Byte where the first data record starts, and its line. */
	dataStart: number;
	firstLine: number;
	stageDir: string;
	/** CPU priority of the staging threads (like nice); 0 keeps the importing thread's. */
	nice?: number;
	onProgress?: (rows: number, bytes: number) => void;
	progressEveryMs?: number;
}

/** Where to cut: just after the first line end at or after each 1/n of the data. */
function cuts(input: ParallelCsvInput, n: number): number[] {
	const points = [input.dataStart];
	const size = input.totalBytes - input.dataStart;
	const fd = input.path ? openSync(input.path, 'r') : null;
	try {
		for (let k = 1; k < n; k++) {
			const nominal = input.dataStart + Math.floor((size * k) / n);
			const window = 64 * 1024;
			let bytes: Uint8Array;
			if (fd !== null) {
				const buf = Buffer.allocUnsafe(window);
				bytes = buf.subarray(0, readSync(fd, buf, 0, window, nominal));
			} else bytes = input.bytes!.subarray(nominal, nominal + window);
			const lf = bytes.indexOf(10);
			if (lf < 0) continue;
			const cut = nominal + lf + 1;
			if (cut > points[points.length - 1] && cut < input.totalBytes) points.push(cut);
		}
	} finally {
		if (fd !== null) closeSync(fd);
	}
	return points;
}

/** Runs one range on a thread (or here without an entry); resolves with its result. */
function runRange(
	job: RangeJob,
	inline: boolean,
	nice: number | undefined,
	onProgress: (rows: number, bytes: number) => void
): { done: Promise<RangeResult>; stop: () => void } {
	const entry = inline ? null : workerEntry();
	if (!entry) {
		return { done: Promise.resolve().then(() => stageCsvRange(job, onProgress)), stop: () => {} };
	}
	const worker = new Worker(entry.code, {
		eval: entry.eval,
		workerData: { ...job, nice },
		// Small heaps: a staging thread keeps no rows (they go to its file), and V8 left to itself
		// grew each thread by over 100 MB of garbage before collecting (1M rows: 530 MB → 375 MB peak).
		resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 }
	});
	const done = new Promise<RangeResult>((resolve, reject) => {
		let settled = false;
		worker.on('message', (m: { type: string; rows?: number; bytes?: number; result?: RangeResult; message?: string; stack?: string }) => {
			if (m.type === 'progress') onProgress(m.rows!, m.bytes!);
			else if (m.type === 'done') {
				settled = true;
				resolve(m.result!);
			} else {
				settled = true;
				if (m.type === 'unsupported') reject(new FastCsvUnsupported(m.message ?? ''));
				else reject(Object.assign(new Error(m.message), { stack: m.stack }));
			}
		});
		worker.on('error', (e) => {
			settled = true;
			reject(e);
		});
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`staging thread exited (${code})`));
		});
	});
	return { done, stop: () => void worker.terminate() };
}

/**
 * Stages the CSV's data rows in parallel; resolves with the staged parts in file order. Throws
 * FastCsvUnsupported when the file needs the careful reader (then nothing staged is kept).
 */
export async function stageCsvParallel(input: ParallelCsvInput): Promise<StagedPart[]> {
	const threads = stagingThreads();
	const large = input.totalBytes - input.dataStart >= parallelMinBytes();
	// A small file stages here: starting a thread costs more than it saves. A large one gets a
	// thread per core (even one: it keeps this thread free for the file's hash and, in the
	// server, for the background writer's other messages).
	const inline = !large || threads === 0;
	const points = cuts(input, inline ? 1 : threads);
	const progress = points.map(() => ({ rows: 0, bytes: 0 }));
	const report = () => {
		let rows = 0;
		let bytes = input.dataStart;
		for (const p of progress) {
			rows += p.rows;
			bytes += p.bytes;
		}
		input.onProgress?.(rows, bytes);
	};
	const jobFor = (k: number, start: number, name: string): RangeJob => ({
		config: input.config,
		stagePath: join(input.stageDir, name),
		seqBase: (k + 1) * PART_SEQ,
		csv: input.csv,
		path: input.path,
		bytes: input.bytes,
		totalBytes: input.totalBytes,
		start,
		end: k + 1 < points.length ? points[k + 1] : input.totalBytes,
		progressEveryMs: input.progressEveryMs
	});
	const start = (k: number, from: number, name: string) => {
		const job = jobFor(k, from, name);
		const run = runRange(job, inline, input.nice, (rows, bytes) => ((progress[k] = { rows, bytes }), report()));
		// Awaited in order below; a failure of a later range is seen there (or after a stop).
		run.done.catch(() => {});
		return { job, run };
	};
	const running = points.map((from, k) => start(k, from, `part-${k}.db`));
	try {
		const parts: StagedPart[] = [];
		let expectedStart = input.dataStart;
		let line = input.firstLine;
		for (let k = 0; k < running.length; k++) {
			let { job, run } = running[k];
			let result = await run.done;
			if (job.start !== expectedStart) {
				// The cut before this range fell inside a record: stage it again from the true start.
				if (expectedStart >= job.end && job.end < input.totalBytes) {
					// The record before covered this whole range.
					result = { ...result, rows: 0, rejectedRows: 0, ownDates: 0, unmappedCategories: [], unknownLocations: [], marketplaces: [], shops: [], categories: [], lines: 0, endByte: expectedStart };
					parts.push({ path: '', seqBase: job.seqBase, firstLine: line, result });
					continue;
				}
				progress[k] = { rows: 0, bytes: 0 };
				running[k] = start(k, expectedStart, `part-${k}-again.db`);
				({ job, run } = running[k]);
				result = await run.done;
			}
			parts.push({ path: job.stagePath, seqBase: job.seqBase, firstLine: line, result });
			expectedStart = result.endByte;
			line += result.lines;
		}
		return parts;
	} catch (e) {
		for (const r of running) r.run.stop();
		throw e;
	}
}
