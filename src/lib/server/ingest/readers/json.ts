// JSON and JSON Lines. JSON Lines (one object per line) streams like CSV. A JSON document is
// an array of objects, or an object holding one (`{ "data": [...] }`, `{ "items": [...] }`);
// it is parsed whole, so very large feeds should come as JSON Lines or CSV (docs/import.md).
// Columns are the keys of the objects in first-seen order; a nested value becomes its JSON text.
import { MAX_COLUMNS, ReaderError, tooManyColumns, type ByteChunks, type TableInfo, type TableSink } from './types';

function cell(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/** Rows of objects into header + value arrays; keys first seen later become extra columns. */
class ObjectTable {
	private columns: string[] = [];
	private index = new Map<string, number>();
	private started = false;
	constructor(
		private sink: TableSink,
		private table: TableInfo
	) {}

	/** The header is taken from the first object; keys that only appear later are ignored. */
	push(obj: unknown, line: number): void {
		if (!this.started) {
			this.started = true;
			const keys = obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj) : [];
			if (keys.length > MAX_COLUMNS) throw tooManyColumns(keys.length, line);
			this.columns = keys;
			keys.forEach((k, i) => this.index.set(k, i));
			this.sink.header(keys, this.table);
		}
		if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
			// Not an object: hand over an empty row; validation rejects it with its line.
			this.sink.row([], line);
			return;
		}
		const values = new Array<string>(this.columns.length).fill('');
		for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
			const i = this.index.get(k);
			if (i !== undefined) values[i] = cell(v);
		}
		this.sink.row(values, line);
	}

	finish(): void {
		if (!this.started) this.sink.header([], this.table);
	}
}

export async function readJsonLines(chunks: ByteChunks, sink: TableSink, table: TableInfo): Promise<void> {
	const decoder = new TextDecoder('utf-8');
	const rows = new ObjectTable(sink, table);
	let rest = '';
	let line = 0;
	const handle = (text: string) => {
		line++;
		const t = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
		if (!t) return;
		let obj: unknown;
		try {
			obj = JSON.parse(t);
		} catch {
			obj = null;
		}
		rows.push(obj, line);
	};
	for await (const chunk of chunks) {
		const text = rest + decoder.decode(chunk, { stream: true });
		const parts = text.split('\n');
		rest = parts.pop() ?? '';
		for (const p of parts) handle(p);
	}
	rest += decoder.decode();
	if (rest.trim()) handle(rest);
	rows.finish();
}

export async function readJson(chunks: ByteChunks, sink: TableSink, table: TableInfo): Promise<void> {
	const parts: Buffer[] = [];
	for await (const chunk of chunks) parts.push(Buffer.from(chunk));
	const text = Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '');
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		throw new ReaderError(
			`Berkas JSON tidak bisa dibaca: ${(e as Error).message}`,
			`The JSON file could not be parsed: ${(e as Error).message}`
		);
	}
	let items: unknown[] | undefined;
	if (Array.isArray(doc)) items = doc;
	else if (doc && typeof doc === 'object') {
		items = Object.values(doc as Record<string, unknown>).find((v): v is unknown[] => Array.isArray(v));
	}
	if (!items) {
		throw new ReaderError(
			'Berkas JSON harus berisi daftar (array) objek, satu objek per baris data.',
			'The JSON file must hold an array of objects, one object per data row.'
		);
	}
	const rows = new ObjectTable(sink, table);
	// JSON has no line numbers for elements; the element's position (1-based) stands in.
	items.forEach((obj, i) => rows.push(obj, i + 1));
	rows.finish();
}

// A problem with the file as a whole (Indonesian and English); defined with the other readers' types.
export { ReaderError };
