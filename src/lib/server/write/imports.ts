// Import batches for both ways in (CLI and /impor): run an import from a file path (or a
// folder) or from uploaded bytes, list batches, one batch with its rejected rows, and the
// rejected rows as CSV text. Routes and procedures call these and nothing else, so that
// restricting imports to admins later is one guard in front of each call.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { backgroundWriter } from '../derive/writer';
import { parseCompanion } from '../ingest/companions';
import type { CompanionFile } from '../ingest/companions';
import type { DateSource } from '../ingest/observed-date';
import { runImport, type ImportOptions, type ImportSummary } from '../ingest/pipeline';
import { toSpreadsheetCsvLine } from '../ingest/readers/csv';
import { detectShape, SHAPES } from '../ingest/shapes';

export type { ImportOptions, ImportProgress, ImportSummary } from '../ingest/pipeline';

export interface BatchRow {
	id: number;
	source: string;
	filename: string | null;
	status: 'running' | 'done' | 'failed';
	startedAt: string;
	finishedAt: string | null;
	observedAt: string | null;
	/** Where observedAt came from (ingest/observed-date.ts); null for batches from before it was kept. */
	observedSource: DateSource | null;
	rows: number;
	inserted: number;
	updated: number;
	duplicates: number;
	rejected: number;
	message: string | null;
}

export interface RejectionRow {
	line: number;
	column: string | null;
	reasonId: string;
	reasonEn: string;
	raw: string | null;
}

export interface BatchDetail extends BatchRow {
	fileHash: string | null;
	unmapped: { categories: Record<string, number>; locations: Record<string, number> } | null;
	rejections: RejectionRow[];
	rejectionsTotal: number;
}

/** Shapes a user can choose in the form or with --source. */
export function shapeChoices(): { id: string; label: string }[] {
	return SHAPES.filter((s) => s.kind !== 'companion').map((s) => ({ id: s.id, label: s.label }));
}

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
 * (WAL); the same one for an in-memory database (tests), which cannot be shared otherwise.
 */
async function withWriter<T>(db: Db, fn: (writer: Db) => Promise<T>): Promise<T> {
	if (db.$client.memory) return fn(db);
	const writer = openDatabase(db.$client.name);
	try {
		return await fn(writer);
	} finally {
		writer.$client.close();
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
		out.push(await serialised(() => withWriter(db, (w) => runImport(w, { fileName: basename(file), path: file }, opts))));
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
		const { onProgress, ...options } = opts;
		return writer.importUpload(upload, options, onProgress);
	}
	return serialised(() => withWriter(db, (w) => runImport(w, upload, opts)));
}

const BATCH_COLUMNS = `id, source, filename, status, started_at as startedAt, finished_at as finishedAt, observed_at as observedAt,
	observed_source as observedSource, rows, inserted, updated, duplicates, rejected, message`;

export function listBatches(db: Db, opts: { limit?: number } = {}): BatchRow[] {
	return db.$client
		.prepare(`select ${BATCH_COLUMNS} from import_batches where source <> 'demo' order by id desc limit ?`)
		.all(opts.limit ?? 50) as BatchRow[];
}

export function getBatch(db: Db, id: number, opts: { rejections?: number } = {}): BatchDetail | null {
	const row = db.$client.prepare(`select ${BATCH_COLUMNS}, file_hash as fileHash, unmapped from import_batches where id = ?`).get(id) as
		| (BatchRow & { fileHash: string | null; unmapped: string | null })
		| undefined;
	if (!row) return null;
	const rejections = db.$client
		.prepare('select line, "column", reason_id as reasonId, reason_en as reasonEn, raw from import_rejections where batch_id = ? order by line limit ?')
		.all(id, opts.rejections ?? 100) as RejectionRow[];
	const total = db.$client.prepare('select count(*) from import_rejections where batch_id = ?').pluck().get(id) as number;
	return { ...row, unmapped: row.unmapped ? JSON.parse(row.unmapped) : null, rejections, rejectionsTotal: total };
}

/**
 * Every rejected row of a batch as CSV text (line, column, reasons, the row as it came). Cells
 * that a spreadsheet would run as a formula are neutralised: the rows came from an upload.
 */
export function rejectedRowsCsv(db: Db, batchId: number): string {
	const lines = [toSpreadsheetCsvLine(['baris', 'kolom', 'alasan', 'reason', 'isi_baris'])];
	const rows = db.$client
		.prepare('select line, "column", reason_id, reason_en, raw from import_rejections where batch_id = ? order by line')
		.raw()
		.iterate(batchId) as Iterable<[number, string | null, string, string, string | null]>;
	for (const r of rows) lines.push(toSpreadsheetCsvLine(r));
	return lines.join('\r\n') + '\r\n';
}
