// Imports for both ways in (CLI and /impor): from a file path (or a folder) or from uploaded
// bytes, each followed by the refresh of what it changed (derive/refresh.ts deriveAfterImport;
// `derive: undefined` in the options loads only). The batch history, one batch and its rejected
// rows are read in read/imports.ts.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Db } from '../db';
import { closeDatabase, importsShareConnection, openSecondConnection } from '../db/connection';
import { deriveAfterImport } from '../derive/refresh';
import { backgroundWriter } from '../derive/writer';
import { parseCompanion } from '../ingest/companions';
import type { CompanionFile } from '../ingest/companions';
import { runImport, type ImportOptions, type ImportSummary } from '../ingest/pipeline';
import { detectShape } from '../ingest/shapes';

export type { ImportOptions, ImportProgress, ImportSummary } from '../ingest/pipeline';

// One import at a time per process: a second upload waits for the first's commit instead of
// waiting on SQLite's lock with the event loop blocked.
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
	const run = queue.then(fn, fn);
	queue = run.catch(() => undefined);
	return run;
}

/**
 * The connection an import writes through: a private one for a database file, so the app's
 * shared connection keeps serving reads of the last committed state during the import
 * (WAL); the same one for an in-memory database (tests), which cannot be shared otherwise, and
 * for PostgreSQL (a pool: the import's transaction has a connection of its own).
 */
async function withWriter<T>(db: Db, fn: (writer: Db) => Promise<T>): Promise<T> {
	if (importsShareConnection(db)) return fn(db);
	const writer = openSecondConnection(db);
	try {
		return await fn(writer);
	} finally {
		closeDatabase(writer);
	}
}

const DATA_EXT = new Set(['.csv', '.tsv', '.txt', '.json', '.jsonl', '.ndjson', '.xlsx']);

/** Main files of a folder (companion files are read along with their main file). */
export function mainFilesIn(dir: string): string[] {
	return readdirSync(dir)
		.filter((f) => DATA_EXT.has(extname(f).toLowerCase()))
		.sort()
		.filter((f) => {
			if (extname(f).toLowerCase() !== '.csv') return true;
			const { headers } = parseCompanion(headOf(join(dir, f)));
			return detectShape(headers)?.kind !== 'companion';
		})
		.map((f) => join(dir, f));
}

function headOf(path: string): Uint8Array {
	// The header line is all detection needs.
	const fd = openSync(path, 'r');
	try {
		const buf = Buffer.alloc(64 * 1024);
		const n = readSync(fd, buf, 0, buf.length, 0);
		const text = buf.subarray(0, n).toString('utf8');
		const end = text.indexOf('\n');
		return Buffer.from(end === -1 ? text : text.slice(0, end));
	} finally {
		closeSync(fd);
	}
}

/** Imports a file, or each main file of a folder (one batch each). */
export async function importPath(db: Db, path: string, opts: ImportOptions = {}): Promise<ImportSummary[]> {
	const files = statSync(path).isDirectory() ? mainFilesIn(path) : [path];
	const out: ImportSummary[] = [];
	for (const file of files) {
		out.push(await serialised(() => withWriter(db, async (w) => runImport(w, { fileName: basename(file), path: file }, { derive: deriveAfterImport, ...opts }))));
	}
	return out;
}

/**
 * Imports an upload held in memory, with optional companion uploads. In the server it runs on
 * the background writer's thread (parsing, loading and the refresh after it never hold up a
 * request); elsewhere here.
 */
export function importUpload(
	db: Db,
	upload: { fileName: string; bytes: Uint8Array; companions?: CompanionFile[] },
	opts: ImportOptions = {}
): Promise<ImportSummary> {
	const writer = backgroundWriter();
	if (writer?.mode === 'thread') {
		// The thread derives after its imports itself; functions do not cross to it.
		const { onProgress, derive: _derive, ...options } = opts;
		return writer.importUpload(upload, options, onProgress);
	}
	return serialised(() => withWriter(db, async (w) => runImport(w, upload, { derive: deriveAfterImport, ...opts })));
}
