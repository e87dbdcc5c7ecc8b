// Entry of an import's staging thread (node:worker_threads, started by csv-parallel.ts): reads
// one byte range of a CSV file with the fast reader, maps, validates and normalises its rows
// (stage.ts) and writes them to its own staging file. Several run side by side on the cores
// while the importing thread hashes the file; none touches the main database. Bundled to
// build/import-worker.js by scripts/build-writer.js for the built server.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { stageCsvRange, type RangeJob } from './csv-range';

const port = parentPort;
if (!port) throw new Error('stage-worker.ts runs only as a worker thread');

const job = workerData as RangeJob & { nice?: number };
// Staging is batch work: where the server shares the cores, its requests go first.
if (job.nice) {
	try {
		setPriority(job.nice);
	} catch {
		// Not permitted here: stage at normal priority.
	}
}
try {
	const result = stageCsvRange(job, (rows, bytes) => port.postMessage({ type: 'progress', rows, bytes }));
	port.postMessage({ type: 'done', result });
} catch (e) {
	const unsupported = (e as Error).name === 'FastCsvUnsupported';
	port.postMessage({ type: unsupported ? 'unsupported' : 'error', message: (e as Error).message, stack: (e as Error).stack });
}
