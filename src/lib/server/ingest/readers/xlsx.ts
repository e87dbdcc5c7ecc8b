// XLSX through exceljs's streaming WorkbookReader: rows are read sheet by sheet without
// loading the workbook. Each sheet is a table whose first non-empty row is its header.
// Cell values become text the way a CSV export would show them (numbers in plain notation,
// dates as YYYY-MM-DD, rich text and hyperlinks as their text, formulas as their result).
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { TableInfo, TableSink } from './types';

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
	const stream = typeof input === 'string' ? input : Readable.from([input]);
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as never, {
		sharedStrings: 'cache',
		hyperlinks: 'cache',
		styles: 'ignore',
		worksheets: 'emit',
		entries: 'emit'
	});
	let sheetNo = 0;
	for await (const worksheet of reader) {
		sheetNo++;
		const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
		const info: TableInfo = { name: ws.name ?? `Sheet${sheetNo}`, format: 'xlsx' };
		let header: string[] | null = null;
		let sink: TableSink | null = null;
		for await (const row of ws) {
			const values = (row.values as unknown[]).slice(1).map(cellText);
			if (!header) {
				if (values.every((v) => v.trim() === '')) continue;
				header = values.map((v) => v.trim());
				sink = handler.sheet(header, info);
				if (sink) sink.header(header, info);
				continue;
			}
			if (!sink) continue;
			while (values.length < header.length) values.push('');
			sink.row(values, row.number);
		}
	}
}
