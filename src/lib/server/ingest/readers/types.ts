// What every reader hands to the pipeline: the header once, then each data row with the
// physical line it started on (1-based, as a spreadsheet or text editor would show it).

export interface TableSink {
	/** Called once per table before its rows; may throw to stop reading (unrecognised shape). */
	header(columns: string[], table: TableInfo): void;
	row(values: string[], line: number): void;
}

export interface TableInfo {
	/** Sheet name for XLSX; the file name otherwise. */
	name: string;
	format: 'csv' | 'json' | 'jsonl' | 'xlsx';
}

/** Bytes of a file or an upload, in order. */
export type ByteChunks = AsyncIterable<Uint8Array>;

/** A file-level problem found while reading (bilingual): nothing of the file can be loaded. */
export class ReaderError extends Error {
	constructor(
		public readonly messageId: string,
		public readonly messageEn: string
	) {
		super(`${messageId} / ${messageEn}`);
	}
}

/** Columns in one row of any format. Real exports have dozens; a file with 250,000 was an attack. */
export const MAX_COLUMNS = 500;

/** The refusal of a row wider than MAX_COLUMNS (header or data), said once for every format. */
export function tooManyColumns(count: number, line: number): ReaderError {
	return new ReaderError(
		`Baris ${line.toLocaleString('id-ID')} punya ${count.toLocaleString('id-ID')} kolom; paling banyak ${MAX_COLUMNS}. Periksa pemisah kolomnya, atau hapus kolom yang tidak dipakai.`,
		`Line ${line} has ${count} columns; at most ${MAX_COLUMNS}. Check the delimiter, or remove unused columns.`
	);
}

/** Bytes as written in settings: "512K", "200M", "1G", plain bytes; null when unset or unreadable. */
export function parseByteSize(value: string | undefined): number | null {
	const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg])?b?\s*$/i.exec(value ?? '');
	if (!m) return null;
	const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
	return Math.floor(Number(m[1]) * unit);
}
