// One import batch: read (CSV/JSON/JSON Lines/XLSX) → recognise the shape → validate and
// normalise each row → load, all inside ONE write transaction, so a batch is all or nothing:
// a process killed half-way leaves the database exactly as it was (SQLite discards the
// uncommitted WAL frames) and running the import again completes it. The transaction spans
// the asynchronous file reads; that is safe because the importer's connection does nothing
// else meanwhile, and in WAL mode readers on other connections keep reading the last
// committed state. After the commit, the caller's `derive` hook gets what changed (the touched
// categories and the batch's reviews): ingest itself derives nothing and imports nothing of
// derive/ (the background writer, the CLI and tests pass derive/refresh.ts deriveAfterImport).
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { Db } from '../db';
import { deferSecondaryIndexes, suspendListingsFtsTrigger } from '../db/dialect';
import { loadRegions } from '../db/regions';
import { CategoryResolver } from './categories';
import { Companions, type CompanionFile, type Table } from './companions';
import type { Field, RowProblem } from './fields';
import { clip, MAX_MESSAGE_CHARS, MAX_RAW_ROW_CHARS, MAX_REASON_CHARS } from './limits';
import { Loader, type Outcome } from './load';
import { LocationResolver } from './locations';
import { normaliseListing, normaliseReview, type NormaliseContext } from './normalise';
import {
	dateFromCompanions,
	dateFromSearchId,
	decideBatchDate,
	explicitDateProblem,
	MissingDateError,
	scanContentDate,
	type DateSource
} from './observed-date';
import { readCsv, toCsvLine } from './readers/csv';
import { ReaderError, readJson, readJsonLines } from './readers/json';
import type { ByteChunks, TableInfo, TableSink } from './readers/types';
import { readXlsx } from './readers/xlsx';
import { isSalesFile, runSalesImport } from './sales';
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
	phase: 'membaca' | 'memperbarui' | 'selesai';
}

export interface ImportSummary {
	batch: number | null;
	rows: number;
	inserted: number;
	updated: number;
	duplicates: number;
	rejected: number;
	status: 'done' | 'failed';
	source: string | null;
	fileName: string;
	/** The batch's date ('' when the import failed before it was known) and where it came from. */
	observedAt: string;
	observedSource: DateSource | null;
	/** A date the file name suggests, when the import was refused for want of a date. */
	dateSuggestion: string | null;
	message: string;
	messageEn: string;
	unmapped: { categories: Record<string, number>; locations: Record<string, number> };
	ms: number;
}

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

async function beginImmediate(db: Db): Promise<void> {
	// Another process may be writing: wait for it without blocking the event loop.
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			db.$client.exec('BEGIN IMMEDIATE');
			return;
		} catch (e) {
			if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
			await new Promise((r) => setTimeout(r, 200));
		}
	}
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

/** Runs one import batch against `db`; never throws for problems with the file (the summary says). */
export async function runImport(db: Db, input: ImportInput, opts: ImportOptions = {}): Promise<ImportSummary> {
	const t0 = performance.now();
	const client = db.$client;
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
		ms: 0
	};
	const notes: { id: string; en: string }[] = [];
	const progress = (phase: ImportProgress['phase']) => opts.onProgress?.({ rows: summary.rows, bytes, totalBytes, phase });
	let bytes = 0;
	const hash = createHash('sha256');

	try {
		const explicitProblem = opts.observedAt ? explicitDateProblem(opts.observedAt, today) : null;
		if (explicitProblem) throw new ShapeError(explicitProblem, `Invalid observed date "${opts.observedAt}".`);
		const map = opts.map ? parseColumnMap(opts.map) : undefined;
		// Regions are reference data every location needs; load them once, outside the batch.
		loadRegions(db);

		const head = input.bytes ? input.bytes.subarray(0, 4096) : await readHead(input.path!);
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
		let ownDates = 0;

		// A batch writes all its pages in one transaction: a larger page cache keeps the
		// listings indexes in memory instead of spilling dirty pages to the WAL mid-batch
		// (which made a million-row batch several times slower than ten 100k-row ones).
		const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
		client.pragma(`cache_size = ${Math.min(cacheBefore, -256 * 1024)}`);
		// Foreign keys are checked by construction, not per row: every id the loader writes was
		// just read from or inserted into its table in this transaction (marketplace, shop,
		// category, region from the regions table, the batch, the listing). SQLite's per-row
		// checks were a third of the load's time. The pragma only works outside a transaction
		// and only for this connection (imports have their own writer connection).
		const foreignKeysBefore = client.pragma('foreign_keys', { simple: true }) as number;
		client.pragma('foreign_keys = OFF');
		await beginImmediate(db);
		try {
			const restoreFts = suspendListingsFtsTrigger(client);
			const restoreIndexes = largeBatch(client, head, totalBytes, format)
				? deferSecondaryIndexes(client, ['listings', 'listing_snapshots'])
				: () => {};
			const startedAt = new Date().toISOString();
			const batchId = Number(
				client
					.prepare(
						`insert into import_batches (source, filename, status, started_at, observed_at) values ('unknown', ?, 'running', ?, null)`
					)
					.run(input.fileName, startedAt).lastInsertRowid
			);
			summary.batch = batchId;
			const categories = new CategoryResolver(db);
			const locations = new LocationResolver(db);
			// The batch's date is decided at the header, once companion files are known (below).
			const loader = new Loader(db, batchId, '', categories, locations);
			const reject = client.prepare(
				'insert into import_rejections (batch_id, line, "column", reason_id, reason_en, raw) values (?, ?, ?, ?, ?, ?)'
			);

			let shape: Shape | undefined;
			let headerLength = 0;
			let mapRow: ((values: string[]) => ReturnType<ReturnType<typeof recordMapper>>) | undefined;
			let ctx: NormaliseContext | undefined;
			let lastProgress = performance.now();
			const every = opts.progressEveryMs ?? 100;

			const refuse = (line: number, problems: RowProblem[], values: string[]) => {
				summary.rejected++;
				const raw = clip(toCsvLine(values), MAX_RAW_ROW_CHARS);
				for (const p of problems) reject.run(batchId, line, p.column, clip(p.reasonId, MAX_REASON_CHARS), clip(p.reasonEn, MAX_REASON_CHARS), raw);
			};
			const count = (o: Outcome, line: number, values: string[]) => {
				if (o === 'inserted') summary.inserted++;
				else if (o === 'updated') summary.updated++;
				else if (o === 'duplicate') summary.duplicates++;
				else refuse(line, [o], values);
			};

			const sink: TableSink = {
				header(columns: string[], table: TableInfo) {
					shape = resolveShape(columns, { source: opts.source, map });
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
					const date = decideBatchDate({
						fileName: input.fileName,
						content: contentDate,
						companionDay: dateFromCompanions(companions.tables, today),
						explicit
					});
					summary.observedAt = loader.observedAt = date.day;
					summary.observedSource = date.source;
					notes.push(...date.notes);
					client.prepare('update import_batches set observed_at = ?, observed_source = ? where id = ?').run(date.day, date.source, batchId);
					headerLength = columns.length;
					mapRow = recordMapper(shape, columns);
					const columnOf = (field: Field) => shape!.columns[field] ?? field;
					ctx = { shape, columnOf, fileName: basename(input.fileName) };
					client.prepare('update import_batches set source = ? where id = ?').run(shape.id, batchId);
					void table;
				},
				row(values: string[], line: number) {
					summary.rows++;
					if (values.length !== headerLength && !(format === 'json' || format === 'jsonl')) {
						refuse(line, [{ column: null, reasonId: `Jumlah kolom ${values.length}, seharusnya ${headerLength}`, reasonEn: `${values.length} columns, expected ${headerLength}` }], values);
					} else {
						const rec = mapRow!(values);
						companions.apply(shape!, rec);
						if (shape!.kind === 'listings') {
							const n = normaliseListing(rec, ctx!);
							if (n.ok) {
								// A row's own date (a date column, else its URL's search_id) beats the batch's.
								n.value.observedAt ??= dateFromSearchId(n.value.url, today);
								if (n.value.observedAt && n.value.observedAt !== loader.observedAt) ownDates++;
								count(loader.listing(n.value), line, values);
							} else refuse(line, n.problems, values);
						} else {
							const n = normaliseReview(rec, ctx!);
							if (n.ok) {
								n.value.listing.observedAt ??= dateFromSearchId(n.value.listing.url, today);
								count(loader.review(n.value), line, values);
							} else refuse(line, n.problems, values);
						}
					}
					if ((summary.rows & 1023) === 0 && performance.now() - lastProgress >= every) {
						lastProgress = performance.now();
						progress('membaca');
					}
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
			if (!shape) throw new ShapeError('Berkas kosong: tidak ada baris judul kolom.', 'Empty file: no header row.');

			const fileHash = hash.digest('hex');
			const earlier = client
				.prepare("select id from import_batches where file_hash = ? and status = 'done' and id <> ? order by id desc limit 1")
				.pluck()
				.get(fileHash, batchId) as number | undefined;
			if (earlier) notes.push({ id: `Berkas yang sama sudah diimpor di batch #${earlier}.`, en: `The same file was imported in batch #${earlier}.` });
			if (ownDates) {
				notes.push({
					id: `${nf.format(ownDates)} baris memakai tanggalnya sendiri dari isi berkas.`,
					en: `${ownDates} rows carry a date of their own in the file.`
				});
			}

			const loaded = summary.inserted + summary.updated + summary.duplicates;
			summary.status = loaded > 0 ? 'done' : 'failed';
			summary.source = shape.id;
			if (summary.rows === 0) notes.unshift({ id: 'Berkas tidak berisi baris data.', en: 'The file has no data rows.' });
			else if (loaded === 0) notes.unshift({ id: 'Semua baris ditolak: tidak ada yang dimuat. Unduh daftar baris yang ditolak untuk melihat alasannya.', en: 'Every row was rejected: nothing was loaded. Download the rejected rows to see why.' });
			summary.unmapped = { categories: top(categories.unmapped), locations: top(locations.unknown) };
			const unmappedCount = categories.unmapped.size + locations.unknown.size;
			if (unmappedCount) {
				notes.push({
					id: `${categories.unmapped.size} kategori tidak cocok dengan pohon kategori kami dan ${locations.unknown.size} lokasi tidak dikenal (disimpan apa adanya).`,
					en: `${categories.unmapped.size} categories did not map to our tree and ${locations.unknown.size} locations are unknown (kept as written).`
				});
			}
			const msg = summaryMessage(summary, notes);
			summary.message = clip(msg.id, MAX_MESSAGE_CHARS);
			summary.messageEn = clip(msg.en, MAX_MESSAGE_CHARS);
			client
				.prepare(
					`update import_batches set status = ?, finished_at = ?, rows = ?, inserted = ?, updated = ?, duplicates = ?, rejected = ?,
					 message = ?, file_hash = ?, unmapped = ? where id = ?`
				)
				.run(
					summary.status,
					new Date().toISOString(),
					summary.rows,
					summary.inserted,
					summary.updated,
					summary.duplicates,
					summary.rejected,
					summary.message,
					fileHash,
					unmappedCount ? JSON.stringify(summary.unmapped) : null,
					batchId
				);
			restoreIndexes();
			restoreFts();
			client.exec('COMMIT');
			client.pragma(`foreign_keys = ${foreignKeysBefore ? 'ON' : 'OFF'}`);

			if (opts.derive && summary.status === 'done') {
				progress('memperbarui');
				await opts.derive(db, { categoryIds: [...loader.touchedCategories], reviewIds: loader.reviewIds });
			}
		} catch (e) {
			if (client.inTransaction) client.exec('ROLLBACK');
			throw e;
		} finally {
			client.pragma(`cache_size = ${cacheBefore}`);
			client.pragma(`foreign_keys = ${foreignKeysBefore ? 'ON' : 'OFF'}`);
		}
	} catch (e) {
		// Nothing of the file was loaded: record the failed attempt (with its reason) for the history.
		const known = e instanceof ShapeError || e instanceof ReaderError || e instanceof MissingDateError;
		const id = clip(known ? (e as ShapeError).messageId : `Impor gagal: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		const en = clip(known ? (e as ShapeError).messageEn : `Import failed: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		if (e instanceof MissingDateError) summary.dateSuggestion = e.suggestion;
		Object.assign(summary, { batch: null, rows: summary.rows, inserted: 0, updated: 0, duplicates: 0, rejected: 0, status: 'failed', message: id, messageEn: en });
		if (!known && !isCsvError(e)) console.error(e);
		try {
			summary.batch = Number(
				client
					.prepare(
						`insert into import_batches (source, filename, status, started_at, finished_at, observed_at, observed_source, rows, message)
						 values (?, ?, 'failed', ?, ?, ?, ?, ?, ?)`
					)
					.run(
						summary.source ?? 'unknown',
						input.fileName,
						new Date().toISOString(),
						new Date().toISOString(),
						summary.observedAt || null,
						summary.observedSource,
						summary.rows,
						id
					)
					.lastInsertRowid
			);
		} catch {
			// The database itself is unwritable; the summary still carries the message.
		}
	}
	summary.ms = Math.round(performance.now() - t0);
	progress('selesai');
	return summary;
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

/**
 * Whether the file adds a large share of the listings table, so that its secondary indexes
 * are cheaper to build again at the end than to keep up row by row (deferSecondaryIndexes).
 * Rows are estimated from the file size and the line length of its first 4 KB.
 */
function largeBatch(client: Db['$client'], head: Uint8Array, totalBytes: number | null, format: InputFormat): boolean {
	if (!totalBytes || format === 'xlsx') return false;
	let lines = 0;
	for (let i = 0; i < head.length; i++) if (head[i] === 10) lines++;
	const estimatedRows = totalBytes / Math.max(20, head.length / Math.max(1, lines));
	if (estimatedRows < 50_000) return false;
	const existing = client.prepare('select coalesce(max(id), 0) from listings').pluck().get() as number;
	return estimatedRows >= existing / 4;
}

async function readHead(path: string): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	let n = 0;
	for await (const chunk of createReadStream(path, { start: 0, end: 4095 })) {
		parts.push(chunk as Buffer);
		n += (chunk as Buffer).length;
		if (n >= 4096) break;
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
