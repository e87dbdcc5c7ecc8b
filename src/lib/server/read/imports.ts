// Import batches as /impor and the `imports` procedures show them: the history, one batch with
// its first rejected rows, the rejected rows as CSV text, and the shapes a user can choose.
import type { Db } from '../db';
import type { DateSource } from '../ingest/observed-date';
import { toSpreadsheetCsvLine } from '../ingest/readers/csv';
import { SHAPES } from '../ingest/shapes';
import { batchById, batchRejectionCount, batchRejections, recentBatches } from '../db/queries/read/imports';

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

export async function listBatches(db: Db, opts: { limit?: number } = {}): Promise<BatchRow[]> {
	return await recentBatches<DateSource>(db, opts.limit ?? 50);
}

export async function getBatch(db: Db, id: number, opts: { rejections?: number } = {}): Promise<BatchDetail | null> {
	const row = await batchById<DateSource>(db, id);
	if (!row) return null;
	const rejections = await batchRejections(db, id, opts.rejections ?? 100);
	const total = await batchRejectionCount(db, id);
	return { ...row, unmapped: row.unmapped ? JSON.parse(row.unmapped) : null, rejections, rejectionsTotal: total };
}

/**
 * Every rejected row of a batch as CSV text (line, column, reasons, the row as it came). Cells
 * that a spreadsheet would run as a formula are neutralised: the rows came from an upload.
 */
export async function rejectedRowsCsv(db: Db, batchId: number): Promise<string> {
	const lines = [toSpreadsheetCsvLine(['baris', 'kolom', 'alasan', 'reason', 'isi_baris'])];
	for (const r of (await batchRejections(db, batchId))) lines.push(toSpreadsheetCsvLine([r.line, r.column, r.reasonId, r.reasonEn, r.raw]));
	return lines.join('\r\n') + '\r\n';
}

/**
 * The generic listing format with three made-up rows (not market data): the header the form
 * explains, a price written "Rp14,9jt", a counter "1rb+" and a pack size in the title.
 */
export function sampleListingsCsv(): string {
	const rows = [
		['marketplace', 'listing_id', 'url', 'title', 'price', 'sold', 'rating', 'review_count', 'shop_name', 'location', 'category', 'observed_at'],
		['tokopedia', 'contoh-1', 'https://www.tokopedia.com/contoh/kopi-robusta-250g', 'Kopi Robusta Temanggung 250 gr', 'Rp45.000', '1rb+', '4.8', '312', 'Toko Contoh', 'Kab. Temanggung', 'Kopi Bubuk', '2026-11-23'],
		['shopee', 'contoh-2', 'https://shopee.co.id/contoh-2', 'Vas Gerabah Plered 30cm isi 2', '125rb', '87', '4.9', '40', 'Gerabah Contoh', 'Kab. Purwakarta', 'Gerabah', '2026-11-23'],
		['tokopedia', 'contoh-3', '', 'Laptop Contoh 14 inch', 'Rp14,9jt', '250+', '', '', 'Toko Contoh', 'Jakarta Barat', 'Laptop', '2026-11-23']
	];
	return rows.map((r) => toSpreadsheetCsvLine(r)).join('\r\n') + '\r\n';
}
