// CSV through csv-parse's streaming parser: any of , ; tab | as delimiter (detected from the
// first lines), quoted fields with embedded newlines, a UTF-8 BOM, CRLF or LF line ends.
// Records are handed to the sink from csv-parse's `on_record` hook and then dropped (the hook
// returns null), so nothing accumulates in the parser's readable buffer: memory stays flat
// however long the file is.
import { parse, type Parser } from 'csv-parse';
import { MAX_COLUMNS, ReaderError, tooManyColumns, type ByteChunks, type TableInfo, type TableSink } from './types';

/** Characters in one record: a file without line ends (or one giant quoted cell) stops here. */
const MAX_RECORD_CHARS = 1_000_000;

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Counts a delimiter outside double quotes on each of the first complete lines. */
function countsPerLine(sample: string, delimiter: string): number[] {
	const counts: number[] = [];
	let inQuotes = false;
	let n = 0;
	for (let i = 0; i < sample.length && counts.length < 20; i++) {
		const c = sample[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && c === delimiter) n++;
		else if (!inQuotes && c === '\n') {
			if (n > 0 || counts.length > 0) counts.push(n);
			n = 0;
		}
	}
	return counts;
}

/**
 * The delimiter that splits the header and the following lines into the same number of
 * fields. Ties go to the comma (the usual case); a one-column file reads as comma-separated.
 */
export function detectDelimiter(sample: string): string {
	let best: string = ',';
	let bestScore = 0;
	for (const d of CANDIDATES) {
		const counts = countsPerLine(sample.replace(/^\uFEFF/, ''), d);
		if (counts.length === 0 || counts[0] === 0) continue;
		// A delimiter consistent with the header on most lines beats one that merely appears often.
		const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
		const score = consistent * 1000 + counts[0];
		if (score > bestScore) {
			best = d;
			bestScore = score;
		}
	}
	return best;
}

function newlines(values: string[]): number {
	let n = 0;
	for (const v of values) {
		if (v.length > 0 && v.includes('\n')) n += v.split('\n').length - 1;
	}
	return n;
}

/** Reads a CSV byte stream into the sink. Resolves when the last row has been handed over. */
export async function readCsv(
	chunks: ByteChunks,
	sink: TableSink,
	table: TableInfo,
	opts: { delimiter?: string } = {}
): Promise<void> {
	let parser: Parser | undefined;
	let headerSeen = false;
	let failure: unknown;
	const done = new Promise<void>((resolve, reject) => {
		const start = (delimiter: string) => {
			parser = parse({
				delimiter,
				bom: true,
				relax_quotes: true,
				relax_column_count: true,
				skip_empty_lines: true,
				max_record_size: MAX_RECORD_CHARS,
				on_record: (record: string[], context) => {
					if (failure) return null;
					try {
						if (record.length > MAX_COLUMNS) throw tooManyColumns(record.length, context.lines);
						if (!headerSeen) {
							headerSeen = true;
							sink.header(record.map((h) => h.trim()), table);
						} else {
							// context.lines is the line the record ends on; quoted newlines move its start up.
							sink.row(record, context.lines - newlines(record));
						}
					} catch (e) {
						failure ??= e;
						parser?.destroy(e as Error);
					}
					return null;
				}
			});
			parser.on('error', (e) => reject(failure ?? recordTooLong(e)));
			parser.on('end', () => (failure ? reject(failure) : resolve()));
			parser.resume();
		};
		(async () => {
			let pending: Buffer[] = [];
			let pendingBytes = 0;
			for await (const chunk of chunks) {
				if (failure) break;
				const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
				if (!parser) {
					pending.push(buf);
					pendingBytes += buf.length;
					// Wait for enough text to see the header and a few lines.
					if (pendingBytes < 64 * 1024) continue;
					start(opts.delimiter ?? detectDelimiter(Buffer.concat(pending).toString('utf8')));
					for (const p of pending) if (!parser!.write(p)) await drained(parser!);
					pending = [];
					continue;
				}
				if (!parser.write(buf)) await drained(parser);
			}
			if (!parser) {
				start(opts.delimiter ?? detectDelimiter(Buffer.concat(pending).toString('utf8')));
				for (const p of pending) parser!.write(p);
			}
			if (!failure) parser!.end();
		})().catch(reject);
	});
	await done;
}

/** csv-parse's own limit, said like the others. */
function recordTooLong(e: unknown): unknown {
	if ((e as { code?: string }).code !== 'CSV_MAX_RECORD_SIZE') return e;
	return new ReaderError(
		`Satu baris berkas ini lebih dari ${MAX_RECORD_CHARS.toLocaleString('id-ID')} huruf. Periksa apakah berkasnya benar CSV dengan satu baris per produk.`,
		`One record is over ${MAX_RECORD_CHARS} characters. Check that the file is a CSV with one line per row.`
	);
}

function drained(parser: Parser): Promise<void> {
	return new Promise((resolve) => {
		if (parser.destroyed) return resolve();
		parser.once('drain', resolve);
		parser.once('close', resolve);
	});
}

/** One CSV line for a rejected row, quoted where needed: the stored row is kept as it came. */
export function toCsvLine(values: (string | number | null | undefined)[]): string {
	return values.map((v) => quoteCsv(v === null || v === undefined ? '' : String(v))).join(',');
}

function quoteCsv(s: string): string {
	return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @ start a formula
 * in Excel, LibreOffice and Google Sheets, and a leading tab or CR can hide one. Rows people
 * upload are untrusted, so every CSV the app hands out goes through this.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe to open in a spreadsheet: a leading apostrophe makes it plain text. */
export function spreadsheetSafe(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV line for a file people download and open in a spreadsheet: quoted and neutralised. */
export function toSpreadsheetCsvLine(values: (string | number | null | undefined)[]): string {
	return values
		.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : quoteCsv(spreadsheetSafe(v))))
		.join(',');
}
