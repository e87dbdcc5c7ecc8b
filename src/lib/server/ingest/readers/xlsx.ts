// XLSX through exceljs's streaming WorkbookReader: rows are read sheet by sheet without
// loading the workbook. Each sheet is a table whose first non-empty row is its header. The
// workbook reaches exceljs through xlsx-zip.ts: bounded in size and parts, never via temp files.
// Cell values become text the way a CSV export would show them (numbers in plain notation,
// dates as YYYY-MM-DD, rich text and hyperlinks as their text, formulas as their result).
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { boundedXlsx } from './xlsx-zip';
import { MAX_COLUMNS, ReaderError, tooManyColumns, type TableInfo, type TableSink } from './types';

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
		if ('result' in o) return cellText(o.result);
		if ('text' in o) return cellText(o.text);
		if ('error' in o) return '';
	}
	return String(v);
}

export interface SheetHandler {
	/** Called with each sheet's header; return a sink to receive its rows, or null to skip the sheet. */
	sheet(columns: string[], info: TableInfo): TableSink | null;
}

/** Reads every sheet of a workbook (a file path or the bytes of an upload). */
export async function readXlsx(input: string | Buffer, handler: SheetHandler): Promise<void> {
	// Throws ReaderError here, before any reading, when the ZIP is broken or over the limits.
	const parts = boundedXlsx(input);
	// A part found lying while streaming ends the stream early instead of erroring it: exceljs
	// pipes the stream and would never hear of the error (an unhandled 'error' event). Whether
	// exceljs then notices the cut-off ZIP depends on where in an entry the stream stopped: under
	// load it sometimes waited forever. So the reading races the source's failure, which wins.
	let sourceError: unknown;
	let failSource: (e: unknown) => void = () => {};
	const sourceFailed = new Promise<never>((_, reject) => (failSource = reject));
	sourceFailed.catch(() => {});
	const stream = Readable.from(
		(async function* () {
			try {
				yield* parts;
			} catch (e) {
				sourceError = e;
				failSource(e);
			}
		})()
	);
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as never, {
		sharedStrings: 'cache',
		hyperlinks: 'cache',
		styles: 'ignore',
		worksheets: 'emit',
		entries: 'emit'
	});
	// Errors from the handler (an unrecognised header) pass through as they are; anything
	// exceljs itself throws is a damaged workbook, said in plain words.
	let fromHandler: unknown;
	const pass = <T>(fn: () => T): T => {
		try {
			return fn();
		} catch (e) {
			fromHandler = e;
			throw e;
		}
	};
	const readAll = async () => {
		let sheetNo = 0;
		for await (const worksheet of reader) {
			if (sourceError) throw sourceError;
			sheetNo++;
			const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
			const info: TableInfo = { name: ws.name ?? `Sheet${sheetNo}`, format: 'xlsx' };
			let header: string[] | null = null;
			let sink: TableSink | null = null;
			for await (const row of ws) {
				if (sourceError) throw sourceError;
				const cells = row.values as unknown[];
				if (cells.length - 1 > MAX_COLUMNS) throw tooManyColumns(cells.length - 1, row.number);
				const values = cells.slice(1).map(cellText);
				if (!header) {
					if (values.every((v) => v.trim() === '')) continue;
					header = values.map((v) => v.trim());
					sink = pass(() => handler.sheet(header!, info));
					if (sink) pass(() => sink!.header(header!, info));
					continue;
				}
				if (!sink) continue;
				while (values.length < header.length) values.push('');
				pass(() => sink!.row(values, row.number));
			}
		}
		if (sourceError) throw sourceError;
	};
	try {
		const reading = readAll();
		// If the source fails first, the abandoned reading must not surface as an unhandled rejection.
		reading.catch(() => {});
		await Promise.race([reading, sourceFailed]);
	} catch (e) {
		if (sourceError) throw sourceError;
		if (e === fromHandler || e instanceof ReaderError) throw e;
		throw new ReaderError(
			'Isi berkas XLSX tidak terbaca (lembar kerjanya rusak). Simpan ulang dari Excel atau LibreOffice, atau ekspor sebagai CSV.',
			`The XLSX could not be read (damaged sheet): ${(e as Error).message}`
		);
	} finally {
		// Ends the bounded stream (and closes the file) also when reading stopped half-way.
		stream.destroy();
	}
}
