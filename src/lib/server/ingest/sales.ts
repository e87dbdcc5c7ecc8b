// Importing a sales book (issue 14): a CSV, JSON or XLSX of product_id, week_start and units, as
// `npm run import -- <file> --source sales` or the /impor form. The same entry (runImport), the
// same readers, column mapping and shape messages, the same batch history, per-row rejections
// (downloadable) and summary as a listing import; its rows are few (products × weeks), so they
// are checked and written here in one short transaction rather than through the listing loader.
// A row is checked as the product page's form checks a week (write/sales.ts checkSale): a real
// day of a week that has begun and is at most two years old, whole units; and the product must
// exist. A week written twice in one file with different numbers is refused the second time.
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { insertBatch, insertRejections, updateBatch } from '../db/queries/ingest/batches';
import { productIds } from '../db/queries/ingest/sales';
import { transaction } from '../db/run';
import { upsertSale } from '../db/sales';
import { checkSale } from '$lib/analysis/sales-book';
import type { ImportSummary } from './summary';
import type { Field, RowProblem } from './fields';
import { clip, MAX_MESSAGE_CHARS, MAX_RAW_ROW_CHARS, MAX_REASON_CHARS } from './limits';
import { parseDay } from './normalise';
import { readCsv, toCsvLine } from './readers/csv';
import { readJson, readJsonLines } from './readers/json';
import { ReaderError, type ByteChunks, type TableSink } from './readers/types';
import { readXlsx } from './readers/xlsx';
import { parseColumnMap, recordMapper, resolveShape, ShapeError, type Shape } from './shapes';

// The pipeline's own types, repeated by shape (importing them would tie the two files in a cycle).
type InputFormat = 'csv' | 'json' | 'jsonl' | 'xlsx';
interface SalesImportOptions {
	source?: string;
	map?: string;
	today?: string;
	onProgress?: (p: { rows: number; bytes: number; totalBytes: number | null; phase: 'selesai' }) => void;
}
/** A sales book reports like any import; its lock is held while it is read (a sales book is small). */
export type SalesImportSummary = ImportSummary;

/** Thrown by a header-only sink to stop reading once the columns are known. */
class HeaderFound extends Error {
	constructor(readonly columns: string[]) {
		super('header found');
	}
}

async function readTable(format: InputFormat, chunks: () => ByteChunks, xlsx: () => string | Buffer, sink: TableSink, name: string): Promise<void> {
	const info = { name, format };
	if (format === 'csv') await readCsv(chunks(), sink, info);
	else if (format === 'json') await readJson(chunks(), sink, info);
	else if (format === 'jsonl') await readJsonLines(chunks(), sink, info);
	else {
		let first = true;
		// The first sheet is the sales book; a workbook of listings is not read here.
		await readXlsx(xlsx(), { sheet: () => (first ? ((first = false), sink) : null) });
	}
}

/**
 * Whether a file is a sales book: asked for by name (`--source sales`), or recognised by its
 * columns when the source is automatic. Reads only the header.
 */
export async function isSalesFile(
	format: InputFormat,
	head: Uint8Array,
	chunks: () => ByteChunks,
	xlsx: () => string | Buffer,
	opts: Pick<SalesImportOptions, 'source' | 'map'>
): Promise<boolean> {
	if (opts.source && opts.source !== 'auto') return opts.source === 'sales';
	// A JSON document is parsed whole to see its first object: only when its start names the week.
	if (format === 'json') {
		const week = opts.map ? (parseColumnMap(opts.map).week_start ?? 'week_start') : 'week_start';
		if (!Buffer.from(head).toString('utf8').toLowerCase().includes(`"${week.toLowerCase()}"`)) return false;
	}
	let columns: string[] | null = null;
	try {
		await readTable(format, chunks, xlsx, { header: (c) => { throw new HeaderFound(c); }, row() {} }, 'header');
	} catch (e) {
		if (e instanceof HeaderFound) columns = e.columns;
		else return false; // unreadable: the listing pipeline says why, in its words
	}
	if (!columns) return false;
	try {
		return resolveShape(columns, { map: opts.map ? parseColumnMap(opts.map) : undefined }).kind === 'sales';
	} catch {
		return false;
	}
}

const nf = new Intl.NumberFormat('id-ID');

/** One sales book file into `sales`, as one batch. Never throws for problems with the file. */
export async function runSalesImport(
	db: Db,
	input: { fileName: string },
	opts: SalesImportOptions,
	format: InputFormat,
	chunks: () => ByteChunks,
	xlsx: () => string | Buffer
): Promise<SalesImportSummary> {
	const t0 = performance.now();
	const today = opts.today ?? new Date().toISOString().slice(0, 10);
	const summary: SalesImportSummary = {
		batch: null,
		rows: 0,
		inserted: 0,
		updated: 0,
		duplicates: 0,
		rejected: 0,
		status: 'failed',
		source: 'sales',
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
	const hash = createHash('sha256');
	const started = new Date().toISOString();
	try {
		const map = opts.map ? parseColumnMap(opts.map) : undefined;
		// One transaction (on PostgreSQL, every statement on its connection, `tx`).
		let locked = 0;
		await transaction(db, async (tx) => {
			locked = performance.now();
			const batchId = await insertBatch(tx, { source: 'sales', filename: input.fileName, status: 'running', startedAt: started });
			summary.batch = batchId;
			// Rows refused while reading, written once the file is read (a reader hands rows over synchronously).
			const refused: Parameters<typeof insertRejections>[2] = [];
			const products = await productIds(tx);
			// Weeks this file wrote, with the line and the units, to tell a repeat from a contradiction.
			const seen = new Map<string, { line: number; units: number }>();
			// Rows that passed every check, written once the file is read (a reader hands rows over synchronously).
			const accepted: { productId: number; weekStart: string; units: number }[] = [];
			let shape: Shape | undefined;
			let width = 0;
			let mapRow: ReturnType<typeof recordMapper> | undefined;
			let newest = '';
			const refuse = (line: number, problems: RowProblem[], values: string[]) => {
				summary.rejected++;
				const raw = clip(toCsvLine(values), MAX_RAW_ROW_CHARS);
				for (const p of problems) refused.push({ line, column: p.column, reasonId: clip(p.reasonId, MAX_REASON_CHARS), reasonEn: clip(p.reasonEn, MAX_REASON_CHARS), raw });
			};
			const column = (field: Field) => shape?.columns[field] ?? field;
			const sink: TableSink = {
				header(columns) {
					shape = resolveShape(columns, { source: 'sales', map });
					width = columns.length;
					mapRow = recordMapper(shape, columns);
				},
				row(values, line) {
					summary.rows++;
					if (values.length !== width && format !== 'json' && format !== 'jsonl') {
						refuse(line, [{ column: null, reasonId: `Jumlah kolom ${values.length}, seharusnya ${width}`, reasonEn: `${values.length} columns, expected ${width}` }], values);
						return;
					}
					const rec = mapRow!(values);
					const problems: RowProblem[] = [];
					const idText = (rec.product_id ?? '').trim();
					const productId = /^\d{1,9}$/.test(idText) ? Number(idText) : null;
					if (productId === null) problems.push({ column: column('product_id'), reasonId: `Nomor produk "${clip(idText, 40)}" bukan angka`, reasonEn: `Product id "${clip(idText, 40)}" is not a number` });
					else if (!products.has(productId)) problems.push({ column: column('product_id'), reasonId: `Produk ${productId} tidak ada`, reasonEn: `Product ${productId} does not exist` });
					const day = parseDay(rec.week_start ?? '');
					const unitsText = (rec.units ?? '').trim().replace(/\.(?=\d{3}\b)/g, '');
					const units = /^\d+$/.test(unitsText) ? Number(unitsText) : NaN;
					if (!day) problems.push({ column: column('week_start'), reasonId: `Tanggal "${clip(rec.week_start ?? '', 40)}" tidak terbaca`, reasonEn: `Date "${clip(rec.week_start ?? '', 40)}" is unreadable` });
					let checked: ReturnType<typeof checkSale> | null = null;
					if (day) {
						checked = checkSale(day, Number.isNaN(units) ? -1 : units, today);
						if (!checked.ok) {
							const field = checked.field === 'weekStart' ? 'week_start' : 'units';
							problems.push({ column: column(field), reasonId: checked.message.replace(/\.$/, ''), reasonEn: field === 'units' ? 'Units must be a whole number from 0 to 1,000,000' : 'The week has not begun or is over two years old' });
						}
					} else if (Number.isNaN(units)) problems.push({ column: column('units'), reasonId: 'Tulis jumlah terjual sebagai angka bulat, misalnya 25', reasonEn: 'Units must be a whole number' });
					if (problems.length || !checked?.ok || productId === null) {
						refuse(line, problems, values);
						return;
					}
					const key = `${productId}|${checked.weekStart}`;
					const before = seen.get(key);
					if (before) {
						if (before.units === checked.units) summary.duplicates++;
						else
							refuse(line, [{ column: column('units'), reasonId: `Minggu ${checked.weekStart} produk ${productId} sudah ada di baris ${before.line} dengan jumlah lain`, reasonEn: `Week ${checked.weekStart} of product ${productId} is already on line ${before.line} with other units` }], values);
						return;
					}
					seen.set(key, { line, units: checked.units });
					accepted.push({ productId, weekStart: checked.weekStart, units: checked.units });
					if (checked.weekStart > newest) newest = checked.weekStart;
				}
			};
			const counted = async function* (): ByteChunks {
				for await (const c of chunks()) {
					hash.update(c);
					yield c;
				}
			};
			await readTable(format, counted, xlsx, sink, input.fileName);
			if (!shape) throw new ShapeError('Berkas kosong: tidak ada baris judul kolom.', 'Empty file: no header row.');
			await insertRejections(tx, batchId, refused);
			for (const sale of accepted) {
				const outcome = await upsertSale(tx, { ...sale, source: 'import', batchId, recordedAt: started });
				if (outcome === 'inserted') summary.inserted++;
				else if (outcome === 'updated') summary.updated++;
				else summary.duplicates++;
			}
			const loaded = summary.inserted + summary.updated + summary.duplicates;
			summary.status = loaded > 0 ? 'done' : 'failed';
			summary.observedAt = newest;
			summary.observedSource = newest ? 'column' : null;
			const notes: string[] = [];
			const notesEn: string[] = [];
			if (summary.rows === 0) notes.push('Berkas tidak berisi baris data.'), notesEn.push('The file has no data rows.');
			else if (loaded === 0) {
				notes.push('Semua baris ditolak: tidak ada yang dimuat. Unduh daftar baris yang ditolak untuk melihat alasannya.');
				notesEn.push('Every row was rejected: nothing was loaded. Download the rejected rows to see why.');
			}
			summary.message = clip(
				[`${nf.format(summary.rows)} baris penjualan: ${nf.format(summary.inserted)} baru, ${nf.format(summary.updated)} diperbarui, ${nf.format(summary.duplicates)} sudah ada (ganda), ${nf.format(summary.rejected)} ditolak.`, ...notes].join(' '),
				MAX_MESSAGE_CHARS
			);
			summary.messageEn = clip([`${summary.rows} sales rows: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.duplicates} duplicates, ${summary.rejected} rejected.`, ...notesEn].join(' '), MAX_MESSAGE_CHARS);
			await updateBatch(tx, batchId, {
				status: summary.status,
				finishedAt: new Date().toISOString(),
				observedAt: newest || null,
				observedSource: summary.observedSource,
				rows: summary.rows,
				inserted: summary.inserted,
				updated: summary.updated,
				duplicates: summary.duplicates,
				rejected: summary.rejected,
				message: summary.message,
				fileHash: hash.digest('hex')
			});
		});
		summary.lockMs = Math.round(performance.now() - locked);
	} catch (e) {
		const known = e instanceof ShapeError || e instanceof ReaderError;
		const id = clip(known ? (e as ShapeError).messageId : `Impor gagal: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		const en = clip(known ? (e as ShapeError).messageEn : `Import failed: ${(e as Error).message}`, MAX_MESSAGE_CHARS);
		if (!known) console.error(e);
		Object.assign(summary, { batch: null, inserted: 0, updated: 0, duplicates: 0, rejected: 0, status: 'failed', message: id, messageEn: en });
		try {
			summary.batch = await insertBatch(db, { source: 'sales', filename: input.fileName, status: 'failed', startedAt: started, finishedAt: new Date().toISOString(), rows: summary.rows, message: id });
		} catch {
			// The database itself is unwritable; the summary still carries the message.
		}
	}
	summary.ms = Math.round(performance.now() - t0);
	opts.onProgress?.({ rows: summary.rows, bytes: 0, totalBytes: null, phase: 'selesai' });
	return summary;
}
