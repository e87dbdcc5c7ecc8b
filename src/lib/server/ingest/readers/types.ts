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
