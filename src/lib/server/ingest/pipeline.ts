// One import batch: read (CSV/JSON/JSON Lines/XLSX) → recognise the shape → validate and
// normalise each row into staging files (stage.ts; large CSV files on one thread per core,
// csv-parallel.ts) → resolve what each row does against the database as it is (resolve.ts, no
// write lock) → merge into the main database in ONE short write transaction (merge.ts). A batch
// is all or nothing: nothing touches the main file before the merge, and a process killed
// during the merge leaves it exactly as it was (SQLite discards the uncommitted WAL frames);
// running the import again completes it. Readers keep reading the last committed state, and
// the server's own writes wait only for the merge, not for the file to be read. After the
// commit, the caller's `derive` hook gets what changed (the touched categories and the batch's
// reviews): ingest itself derives nothing and imports nothing of derive/ (the background writer,
// the CLI and tests pass derive/refresh.ts deriveAfterImport).
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { Db } from '../db';
import { checkpointPassive, stagingSession } from '../db/import-session';
import { insertBatch, lastDoneBatchOfFile, updateBatch } from '../db/queries/ingest/batches';
import { loadRegions } from '../db/regions';
import { Companions, type CompanionFile, type Table } from './companions';
import { stageCsvParallel, type StagedPart } from './csv-parallel';
import type { Field } from './fields';
import { clip, MAX_MESSAGE_CHARS, MAX_RAW_ROW_CHARS } from './limits';
import { mergeStaged, resolveStaged, stagingFiles, type BatchFinish, type StagedFile } from './merge';
import {
	dateFromCompanions,
	decideBatchDate,
	explicitDateProblem,
	MissingDateError,
	scanContentDate,
	type ContentDate
} from './observed-date';
import type { Outcomes } from './resolve';
import { detectDelimiter, readCsv, toCsvLine } from './readers/csv';
import { FastCsvUnsupported, parseCsvRecords, readCsvHeader, type FastCsvOptions } from './readers/csv-fast';
import { ReaderError, readJson, readJsonLines } from './readers/json';
import type { ByteChunks, TableInfo, TableSink } from './readers/types';
import { readXlsx } from './readers/xlsx';
import { isSalesFile, runSalesImport } from './sales';
import type { ImportSummary } from './summary';
import { RowStager, StageWriter, type StageConfig, type StageCounts } from './stage';
import { parseColumnMap, recordMapper, resolveShape, ShapeError, type Shape } from './shapes';

export type InputFormat = 'csv' | 'json' | 'jsonl' | 'xlsx';

export interface ImportInput {
	fileName: string;
	/** A file on disk. */
	path?: string;
	/** Or the bytes of an upload. */
	bytes?: Uint8Array;
	/** Uploaded companion files (shops.csv, variants.csv, product.csv, merchant.csv). */
	companions?: CompanionFile[];
}

export interface ImportOptions {
	/** A shape id (shapes.ts) or 'auto'. */
	source?: string;
	/** "col=field,col2=field2". */
	map?: string;
	/**
	 * YYYY-MM-DD the data was observed, as the user gave it: used when the content states no
	 * date of its own (observed-date.ts). Without either the import is refused.
	 */
	observedAt?: string;
	/** Who gave observedAt: the CLI's --observed-at (default), the /impor form's date field, or a feed's pull day. */
	observedAtSource?: 'cli' | 'form' | 'feed';
	/** Today (YYYY-MM-DD), to refuse dates from the future; default: the current UTC day. */
	today?: string;
	onProgress?: (p: ImportProgress) => void;
	/** Builds what is derived from the loaded rows, after the commit; without it nothing is. */
	derive?: (db: Db, changed: ImportChanges) => Promise<void>;
	/** Milliseconds between progress callbacks (default 100). */
	progressEveryMs?: number;
}

/** What a loaded batch changed: what derived data is rebuilt from. */
export interface ImportChanges {
	/** Categories whose listings were added or changed. */
	categoryIds: number[];
	/** Reviews added or changed (their text analysis is derived data too). */
	reviewIds: number[];
}

export interface ImportProgress {
	rows: number;
	bytes: number;
	totalBytes: number | null;
	/** Reading and checking rows; saving them (the merge); refreshing derived data; done. */
	phase: 'membaca' | 'menyimpan' | 'memperbarui' | 'selesai';
}

export type { ImportSummary } from './summary';

const DERIVE_FAILED = {
	id: 'Data sudah tersimpan, tetapi ringkasan pasar gagal diperbarui. Beri tahu admin.',
	en: 'The rows are saved, but rebuilding the market summaries failed (see the server log).'
};

export function formatOf(fileName: string, head?: Uint8Array): InputFormat {
	const ext = extname(fileName).toLowerCase();
	if (ext === '.xlsx') return 'xlsx';
	if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
	if (ext === '.json') {
		const first = head ? Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0] : '[';
		return first === '{' && head && /\}\s*\r?\n\s*\{/.test(Buffer.from(head).toString('utf8')) ? 'jsonl' : 'json';
	}
	if (head && head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
	return 'csv';
}

async function* fromBytes(bytes: Uint8Array): ByteChunks {
	const step = 256 * 1024;
	for (let i = 0; i < bytes.length; i += step) {
		yield bytes.subarray(i, i + step);
		// Let the server answer other requests (and flush progress) between slices.
		await new Promise((r) => setImmediate(r));
	}
}

function chunksOf(input: ImportInput): ByteChunks {
	if (input.bytes) return fromBytes(input.bytes);
	return createReadStream(input.path!, { highWaterMark: 1 << 20 });
}

function top(map: Map<string, number>, n = 200): Record<string, number> {
	return Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).slice(0, n));
}

const nf = new Intl.NumberFormat('id-ID');

function summaryMessage(s: ImportSummary, notes: { id: string; en: string }[]): { id: string; en: string } {
	const id = `${nf.format(s.rows)} baris: ${nf.format(s.inserted)} baru, ${nf.format(s.updated)} diperbarui, ${nf.format(s.duplicates)} sudah ada (ganda), ${nf.format(s.rejected)} ditolak.`;
	const en = `${s.rows} rows: ${s.inserted} inserted, ${s.updated} updated, ${s.duplicates} duplicates, ${s.rejected} rejected.`;
	return { id: [id, ...notes.map((n) => n.id)].join(' '), en: [en, ...notes.map((n) => n.en)].join(' ') };
}

/** What staging the file produced: its parts, its shape, and what the rows said on the way. */
interface Staged {
	shape: Shape;
	parts: StagedPart[];
	counts: StageCounts;
	fileHash: string;
	/** Finds the text of rows by line again (the fast CSV path does not keep it). */
	fillRaw: (lines: number[]) => Promise<Map<number, string>>;
}

/** Runs one import batch against `db`; never throws for problems with the file (the summary says). */
export async function runImport(db: Db, input: ImportInput, opts: ImportOptions = {}): Promise<ImportSummary> {
	const t0 = performance.now();
	const startedAt = new Date().toISOString();
	const today = opts.today ?? new Date().toISOString().slice(0, 10);
	const totalBytes = input.bytes ? input.bytes.length : input.path ? statSync(input.path).size : null;
	const summary: ImportSummary = {
		batch: null,
		rows: 0,
		inserted: 0,
		updated: 0,
		duplicates: 0,
		rejected: 0,
		status: 'failed',
		source: null,
		fileName: input.fileName,
		observedAt: '',
		observedSource: null,
		dateSuggestion: null,
		message: '',
		messageEn: '',
		unmapped: { categories: {}, locations: {} },
		ms: 0,
		lockMs: 0
	};
	let notes: { id: string; en: string }[] = [];
	let bytes = 0;
	const progress = (phase: ImportProgress['phase']) => opts.onProgress?.({ rows: summary.rows, bytes, totalBytes, phase });
	let stageDir: string | null = null;

	try {
		const explicitProblem = opts.observedAt ? explicitDateProblem(opts.observedAt, today) : null;
		if (explicitProblem) throw new ShapeError(explicitProblem, `Invalid observed date "${opts.observedAt}".`);
		const map = opts.map ? parseColumnMap(opts.map) : undefined;
		// Regions are reference data every location needs; load them once, outside the batch.
		await loadRegions(db);

		const head = input.bytes ? input.bytes.subarray(0, 4096) : await readHead(input.path!, 4096);
		const format = formatOf(input.fileName, head);
		// A producers' sales book (issue 14) is read through the same readers and shapes but
		// written by its own short loader (ingest/sales.ts), not into listings.
		const xlsxInput = () => input.path ?? Buffer.from(input.bytes!);
		if (await isSalesFile(format, head, () => chunksOf(input), xlsxInput, opts)) return await runSalesImport(db, input, opts, format, () => chunksOf(input), xlsxInput);
		const companions = new Companions();
		const uploaded = companions.addFiles(input.companions ?? []);
		if (uploaded.length) notes.push({ id: `Berkas pendamping: ${uploaded.join(', ')}.`, en: `Companion files: ${uploaded.join(', ')}.` });

		// XLSX: a first pass finds the main sheet and reads companion sheets (shops, variants).
		let mainSheet = 0;
		if (format === 'xlsx') mainSheet = await xlsxPrepass(input, companions, opts.source, map);
		// What the first rows say about the date, read before the batch so that every row
		// without a date of its own gets the file's date, not the user's guess (observed-date.ts).
		const contentDate = await scanContentDate(
			{ chunks: () => chunksOf(input), xlsx: () => input.path ?? Buffer.from(input.bytes!) },
			format,
			{ source: opts.source, map },
			today
		);
		const explicit = opts.observedAt ? { day: opts.observedAt, source: opts.observedAtSource ?? 'cli' } : undefined;
		const notesBefore = notes.length;

		/** The file's header decides the shape, the companions and the batch's date. */
		const onHeader = (columns: string[]): StageConfig => {
			notes = notes.slice(0, notesBefore);
			const shape = resolveShape(columns, { source: opts.source, map });
			if (shape.kind === 'companion') {
				const main = SHAPE_MAIN[shape.companion!];
				throw new ShapeError(
					`Berkas ini adalah berkas pendamping (${shape.label}). Impor berkas utamanya (${main}) dari folder yang sama; berkas ini ikut dibaca.`,
					`This is a companion file (${shape.id}). Import its main file (${main}) from the same folder; this file is read along with it.`
				);
			}
			if (input.path && format !== 'xlsx') companions.addFromFolder(shape, dirname(input.path));
			const missing = companions.missing(shape);
			if (missing.length) {
				notes.push({
					id: `Berkas pendamping ${missing.join(', ')} tidak ada: data toko atau varian dibiarkan kosong.`,
					en: `Companion file(s) ${missing.join(', ')} missing: shop or variant data left empty.`
				});
			}
			const date = decideBatchDate({ fileName: input.fileName, content: contentDate, companionDay: dateFromCompanions(companions.tables, today), explicit });
			summary.observedAt = date.day;
			summary.observedSource = date.source;
			notes.push(...date.notes);
			return { fileName: input.fileName, format, source: opts.source, map, columns, batchDay: date.day, today, companions: [...companions.tables], keepRaw: true };
		};

		sweepStaleStaging();
		stageDir = mkdtempSync(join(tmpdir(), `despro-impor-${process.pid}-`));
		const tStage = performance.now();
		const every = opts.progressEveryMs ?? 100;
		let lastProgress = 0;
		const reading = (rows: number, read: number) => {
			summary.rows = rows;
			bytes = read;
			if (performance.now() - lastProgress >= every) {
				lastProgress = performance.now();
				progress('membaca');
			}
		};
		const staged =
			(format === 'csv' ? await stageCsvFast(input, totalBytes!, stageDir, onHeader, reading, opts.progressEveryMs) : null) ??
			(await stageInline(input, format, mainSheet, stageDir, onHeader, reading));
		summary.rows = staged.counts.rows;
		bytes = totalBytes ?? bytes;
		progress('menyimpan');

		// What each row does, against the database as it is now (no write lock yet), then the merge,
		// in one session over the staged rows (db/import-session.ts: attached files on SQLite, one
		// transaction over temporary tables on PostgreSQL).
		const shape = staged.shape;
		const stagedFile: StagedFile = { kind: shape.kind === 'reviews' ? 'reviews' : 'listings', parts: staged.parts.map((p) => ({ ...p, counts: p.result })), scratchPath: join(stageDir, 'resolve.db') };
		const tResolve = performance.now();
		const { merged, tResolved } = await stagingSession(db, stagingFiles(stagedFile), async (session) => {
			const outcomes = await resolveStaged(session, stagedFile, staged.fillRaw);
			const tResolved = performance.now();
			const earlier = await lastDoneBatchOfFile(session.db, staged.fileHash);
			const unmappedCategories = sumTallies(staged.parts.map((p) => p.result.unmappedCategories), outcomes.unmappedCategories);
			const unknownLocations = sumTallies(staged.parts.map((p) => p.result.unknownLocations), outcomes.unknownLocations);

			/** The summary and the batch row from the outcomes (final once the merge holds the lock). */
			const finish = (o: Outcomes): BatchFinish => {
				const batchNotes = [...notes];
				summary.inserted = o.inserted;
				summary.updated = o.updated;
				summary.duplicates = o.duplicates;
				summary.rejected = staged.counts.rejectedRows + o.rejected;
				if (earlier) batchNotes.push({ id: `Berkas yang sama sudah diimpor di batch #${earlier}.`, en: `The same file was imported in batch #${earlier}.` });
				if (staged.counts.ownDates) {
					batchNotes.push({
						id: `${nf.format(staged.counts.ownDates)} baris memakai tanggalnya sendiri dari isi berkas.`,
						en: `${staged.counts.ownDates} rows carry a date of their own in the file.`
					});
				}
				const loaded = summary.inserted + summary.updated + summary.duplicates;
				summary.status = loaded > 0 ? 'done' : 'failed';
				summary.source = shape.id;
				if (summary.rows === 0) batchNotes.unshift({ id: 'Berkas tidak berisi baris data.', en: 'The file has no data rows.' });
				else if (loaded === 0) batchNotes.unshift({ id: 'Semua baris ditolak: tidak ada yang dimuat. Unduh daftar baris yang ditolak untuk melihat alasannya.', en: 'Every row was rejected: nothing was loaded. Download the rejected rows to see why.' });
				summary.unmapped = { categories: top(unmappedCategories), locations: top(unknownLocations) };
				const unmappedCount = unmappedCategories.size + unknownLocations.size;
				if (unmappedCount) {
					batchNotes.push({
						id: `${unmappedCategories.size} kategori tidak cocok dengan pohon kategori kami dan ${unknownLocations.size} lokasi tidak dikenal (disimpan apa adanya).`,
						en: `${unmappedCategories.size} categories did not map to our tree and ${unknownLocations.size} locations are unknown (kept as written).`
					});
				}
				const msg = summaryMessage(summary, batchNotes);
				summary.message = clip(msg.id, MAX_MESSAGE_CHARS);
				summary.messageEn = clip(msg.en, MAX_MESSAGE_CHARS);
				return { status: summary.status, rows: summary.rows, rejected: summary.rejected, message: summary.message, fileHash: staged.fileHash, unmapped: unmappedCount ? JSON.stringify(summary.unmapped) : null };
			};

			// The merge: the one moment the main file's write lock is held, with this connection set
			// for a bulk merge (a larger page cache, foreign keys checked by construction: every id the
			// merge writes was just read from or inserted into its table in this transaction —
			// marketplace, shop, category, region from the regions table, the batch, the listing; the
			// write-ahead log folded in after the lock is released; db/import-session.ts).
			const merged = await mergeStaged(
				session,
				stagedFile,
				outcomes,
				{ fileName: input.fileName, source: shape.id, observedAt: summary.observedAt, observedSource: summary.observedSource!, startedAt },
				finish,
				{ deferIndexesFrom: 50_000 }
			);
			return { merged, tResolved };
		});
		summary.batch = merged.batchId;
		summary.lockMs = Math.round(merged.lockMs);
		summary.phases = { stageMs: Math.round(tResolve - tStage), resolveMs: Math.round(tResolved - tResolve), mergeMs: summary.lockMs };
		checkpointPassive(db);

		if (opts.derive && summary.status === 'done') {
			progress('memperbarui');
			try {
				await opts.derive(db, { categoryIds: merged.touchedCategories, reviewIds: merged.reviewIds });
			} catch (e) {
				// The rows are committed: calling the import failed would hide saved data (and record
				// a second, failed batch). Say what did not happen instead, and log it for the admin.
				console.error(e);
				summary.message = clip(`${summary.message} ${DERIVE_FAILED.id}`, MAX_MESSAGE_CHARS);
				summary.messageEn = clip(`${summary.messageEn} ${DERIVE_FAILED.en}`, MAX_MESSAGE_CHARS);
				summary.deriveFailed = true;
				await updateBatch(db, merged.batchId, { message: summary.message });
			}
		}
	} catch (e) {
		// Nothing of the file was loaded: record the failed attempt (with its reason) for the history.
		const known = e instanceof ShapeError || e instanceof ReaderError || e instanceof MissingDateError;
		const id = clip(known ? (e as ShapeError).messageId : `Impor gagal: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		const en = clip(known ? (e as ShapeError).messageEn : `Import failed: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		if (e instanceof MissingDateError) summary.dateSuggestion = e.suggestion;
		Object.assign(summary, { batch: null, rows: summary.rows, inserted: 0, updated: 0, duplicates: 0, rejected: 0, status: 'failed', message: id, messageEn: en, lockMs: 0 });
		if (!known && !isCsvError(e)) console.error(e);
		try {
			summary.batch = await insertBatch(db, {
				source: summary.source ?? 'unknown',
				filename: input.fileName,
				status: 'failed',
				startedAt: new Date().toISOString(),
				finishedAt: new Date().toISOString(),
				observedAt: summary.observedAt || null,
				observedSource: summary.observedSource,
				rows: summary.rows,
				message: id
			});
		} catch {
			// The database itself is unwritable; the summary still carries the message.
		}
	} finally {
		if (stageDir) rmSync(stageDir, { recursive: true, force: true });
	}
	summary.ms = Math.round(performance.now() - t0);
	progress('selesai');
	return summary;
}

/**
 * Staging folders of imports whose process is gone (killed half-way: its `finally` never ran)
 * are removed by the next import, so a killed million-row import does not keep its few hundred
 * MB in the temp folder.
 */
function sweepStaleStaging(): void {
	for (const name of readdirSync(tmpdir())) {
		const m = /^despro-impor-(\d+)-/.exec(name);
		if (!m || Number(m[1]) === process.pid) continue;
		try {
			process.kill(Number(m[1]), 0);
		} catch (e) {
			if ((e as { code?: string }).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
		}
	}
}

function sumTallies(parts: [string, number][][], extra: Map<string, number>): Map<string, number> {
	const out = new Map(extra);
	for (const part of parts) for (const [k, n] of part) out.set(k, (out.get(k) ?? 0) + n);
	return out;
}

function sumCounts(parts: StageCounts[]): StageCounts {
	return {
		rows: parts.reduce((n, p) => n + p.rows, 0),
		rejectedRows: parts.reduce((n, p) => n + p.rejectedRows, 0),
		ownDates: parts.reduce((n, p) => n + p.ownDates, 0),
		unmappedCategories: [],
		unknownLocations: [],
		marketplaces: [],
		shops: [],
		categories: []
	};
}

/** The first `bytes` of the file, as text, for the delimiter and the header. */
function headText(input: ImportInput, bytes: number): string {
	// The BOM stays in the text (ignoreBOM): the data's byte offset is counted from the text.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	if (input.bytes) return decoder.decode(input.bytes.subarray(0, bytes));
	const fd = openSync(input.path!, 'r');
	try {
		const buf = Buffer.alloc(bytes);
		return decoder.decode(buf.subarray(0, readSync(fd, buf, 0, bytes, 0)));
	} finally {
		closeSync(fd);
	}
}

/**
 * A CSV file through the fast reader, staged on one thread per core. Null when the file needs
 * csv-parse (an odd construct anywhere, or a header the fast reader does not take): then it is
 * read by stageInline from the start, and what was staged here is dropped.
 */
async function stageCsvFast(
	input: ImportInput,
	totalBytes: number,
	stageDir: string,
	onHeader: (columns: string[]) => StageConfig,
	reading: (rows: number, bytes: number) => void,
	progressEveryMs?: number
): Promise<Staged | null> {
	// The same text readCsv detects the delimiter from: its first chunk (1 MB of a file, 256 KB of an upload).
	const head = headText(input, input.bytes ? 256 * 1024 : 1 << 20);
	const delimiter = detectDelimiter(head);
	const header = readCsvHeader(head, delimiter);
	if (!header || head.slice(0, header.dataStart).includes('\uFFFD')) return null;
	const columns = header.columns.map((h) => h.trim());
	const config = { ...onHeader(columns), keepRaw: false };
	const shape = resolveShape(columns, { source: config.source, map: config.map });
	const dataStart = Buffer.byteLength(head.slice(0, header.dataStart));
	const csv: FastCsvOptions = { delimiter, crlf: header.crlf };
	const hash = hashOf(input);
	let parts: StagedPart[];
	try {
		parts = await stageCsvParallel({
			config,
			csv,
			path: input.path,
			bytes: input.bytes ? shareable(input.bytes) : undefined,
			totalBytes,
			dataStart,
			firstLine: header.line,
			stageDir,
			// As `npm run import` itself (IMPORT_NICE): a server's requests get the cores first.
			nice: Number(process.env.IMPORT_NICE ?? 10) || undefined,
			onProgress: reading,
			progressEveryMs
		});
	} catch (e) {
		await hash.catch(() => '');
		if (!(e instanceof FastCsvUnsupported)) throw e;
		for (const f of ['part-0.db', 'part-1.db', 'part-2.db', 'part-3.db']) rmSync(join(stageDir, f), { force: true });
		return null;
	}
	return {
		shape,
		parts,
		counts: sumCounts(parts.map((p) => p.result)),
		fileHash: await hash,
		fillRaw: (lines) => rawOfLines(input, dataStart, header.line, csv, lines)
	};
}

/** The upload's bytes in memory the staging threads can read without a copy each. */
function shareable(bytes: Uint8Array): Uint8Array {
	if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
	const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
	shared.set(bytes);
	return shared;
}

/** sha256 of the file's bytes (the same file imported again is recognised). */
async function hashOf(input: ImportInput): Promise<string> {
	const hash = createHash('sha256');
	if (input.bytes) hash.update(input.bytes);
	else for await (const chunk of createReadStream(input.path!, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** The text of rows at `lines`, read from the file again (as toCsvLine writes a rejected row). */
async function rawOfLines(input: ImportInput, dataStart: number, firstLine: number, csv: FastCsvOptions, lines: number[]): Promise<Map<number, string>> {
	const wanted = new Set(lines);
	const out = new Map<number, string>();
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	let carry = '';
	let line = firstLine;
	const take = (values: string[], at: number) => {
		if (wanted.has(at)) out.set(at, clip(toCsvLine(values), MAX_RAW_ROW_CHARS));
	};
	const chunks = input.bytes ? fromBytes(input.bytes.subarray(dataStart)) : createReadStream(input.path!, { start: dataStart, highWaterMark: 1 << 20 });
	for await (const chunk of chunks) {
		const text = carry + decoder.decode(chunk as Uint8Array, { stream: true });
		const done = parseCsvRecords(text, 0, line, csv, false, take);
		carry = text.slice(done.pos);
		line = done.line;
		if (out.size === wanted.size) return out;
	}
	parseCsvRecords(carry + decoder.decode(), 0, line, csv, true, take);
	return out;
}

/** Any format through its reader on this thread (JSON, JSON Lines, XLSX, and CSV that needs csv-parse), into one staging file. */
async function stageInline(
	input: ImportInput,
	format: InputFormat,
	mainSheet: number,
	stageDir: string,
	onHeader: (columns: string[]) => StageConfig,
	reading: (rows: number, bytes: number) => void
): Promise<Staged> {
	const path = join(stageDir, 'inline.db');
	const writer = new StageWriter(path);
	let stager: RowStager | undefined;
	let bytes = 0;
	const hash = createHash('sha256');
	try {
		const sink: TableSink = {
			header(columns: string[], table: TableInfo) {
				stager = new RowStager(onHeader(columns), writer);
				void table;
			},
			row(values: string[], line: number) {
				stager!.row(values, line);
				if ((stager!.rows & 1023) === 0) reading(stager!.rows, bytes);
			}
		};
		const chunks = counted(chunksOf(input), (n, chunk) => {
			bytes += n;
			hash.update(chunk);
		});
		const info: TableInfo = { name: input.fileName, format };
		if (format === 'csv') await readCsv(chunks, sink, info);
		else if (format === 'json') await readJson(chunks, sink, info);
		else if (format === 'jsonl') await readJsonLines(chunks, sink, info);
		else {
			for await (const chunk of chunks) void chunk; // hash the workbook's bytes
			let sheetNo = 0;
			await readXlsx(input.path ?? Buffer.from(input.bytes!), {
				sheet: () => (sheetNo++ === mainSheet ? sink : null)
			});
		}
		if (!stager) throw new ShapeError('Berkas kosong: tidak ada baris judul kolom.', 'Empty file: no header row.');
		writer.finish();
	} catch (e) {
		writer.abandon();
		throw e;
	}
	const counts = stager.counts();
	return {
		shape: stager.shape,
		parts: [{ path, seqBase: 0, firstLine: 1, result: { ...counts, lines: 0, endByte: 0 } }],
		counts,
		fileHash: hash.digest('hex'),
		fillRaw: async () => new Map()
	};
}

const SHAPE_MAIN: Record<string, string> = {
	'shopee-variants': 'products.csv',
	'shopee-shops': 'products.csv',
	'bukalapak-product': 'bukalapak_reviews.csv',
	'bukalapak-merchant': 'bukalapak_reviews.csv'
};

function isCsvError(e: unknown): boolean {
	return typeof (e as { code?: unknown })?.code === 'string' && String((e as { code: string }).code).startsWith('CSV_');
}

async function readHead(path: string, size: number): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	let n = 0;
	for await (const chunk of createReadStream(path, { start: 0, end: size - 1 })) {
		parts.push(chunk as Buffer);
		n += (chunk as Buffer).length;
		if (n >= size) break;
	}
	return Buffer.concat(parts);
}

async function* counted(chunks: ByteChunks, on: (n: number, chunk: Uint8Array) => void): ByteChunks {
	for await (const chunk of chunks) {
		on(chunk.byteLength, chunk);
		yield chunk;
	}
}

/** Reads a workbook once to find its main sheet (index) and to collect companion sheets. */
async function xlsxPrepass(
	input: ImportInput,
	companions: Companions,
	source: string | undefined,
	map: Partial<Record<Field, string>> | undefined
): Promise<number> {
	let main = -1;
	let sheetNo = 0;
	const collected: { kind: string; rows: Table; headers: string[] }[] = [];
	await readXlsx(input.path ?? Buffer.from(input.bytes!), {
		sheet(columns) {
			const index = sheetNo++;
			let shape: Shape | undefined;
			try {
				shape = resolveShape(columns, main === -1 ? { source, map } : {});
			} catch {
				shape = undefined;
			}
			if (shape?.kind === 'companion') {
				const entry = { kind: shape.companion!, rows: [] as Table, headers: columns };
				collected.push(entry);
				return {
					header() {},
					row(values) {
						entry.rows.push(Object.fromEntries(columns.map((h, i) => [h, values[i] ?? ''])));
					}
				};
			}
			if (shape && main === -1) main = index;
			return null;
		}
	});
	for (const c of collected) companions.add(c.kind as never, c.rows);
	// No recognised sheet: read the first one so the user gets the "columns expected" message.
	return main === -1 ? 0 : main;
}
