// A fast CSV record parser for the common case, so that parsing stops being a third of an
// import's time (csv-parse spent ~9 µs a row on the bench file; this takes well under one).
// It reads exactly what readCsv (csv-parse with bom, relax_quotes, relax_column_count,
// skip_empty_lines) reads, for files that are plain CSV:
//   - records end with LF, or with CRLF when the header ends with CRLF;
//   - a field that starts with a double quote is quoted ("" inside is one quote); its closing
//     quote is followed by the delimiter, the line end or the end of the file;
//   - a quote anywhere else in a field is a plain character (relax_quotes);
//   - a line with no characters at all is skipped, and still counts as a line.
// Anything else (a CR anywhere but in a CRLF line end, a quoted field with text after its closing quote, a lone LF
// in a CRLF file, a record over MAX_FAST_RECORD_CHARS, more than MAX_COLUMNS fields) throws
// FastCsvUnsupported, and the caller reads the whole file with csv-parse instead: odd files keep
// csv-parse's exact reading (and its error messages), plain ones are read several times faster.
// Line numbers are those csv-parse reports: the physical line a record starts on (1-based).
import { MAX_COLUMNS } from './types';

/** Longest record read here (csv-parse's own limit is 1,000,000 bytes; longer ones go to it). */
export const MAX_FAST_RECORD_CHARS = 200_000;

export class FastCsvUnsupported extends Error {
	constructor(reason: string) {
		super(`CSV needs the careful reader: ${reason}`);
		this.name = 'FastCsvUnsupported';
	}
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface FastCsvOptions {
	/** One character: , ; tab | */
	delimiter: string;
	/** Records end with CRLF (else LF). */
	crlf: boolean;
}

export interface ParsedUpTo {
	/** Index in the text just past the last complete record (the rest is an incomplete record). */
	pos: number;
	/** The line the text at `pos` starts on. */
	line: number;
}

/**
 * Parses the complete records of `text` from `from`, which must be the start of a record on
 * line `line`, calling `onRecord(values, startLine)` for each. Without `final`, an incomplete
 * record at the end is left for the next call (with more text appended); with `final`, the text
 * is the end of the file and its last record may lack a line end.
 */
export function parseCsvRecords(
	text: string,
	from: number,
	line: number,
	opts: FastCsvOptions,
	final: boolean,
	onRecord: (values: string[], line: number) => void,
	/** Stop after this many records (the header). */
	limit = Infinity
): ParsedUpTo {
	const D = opts.delimiter.charCodeAt(0);
	const crlf = opts.crlf;
	const n = text.length;
	let i = from;
	let emitted = 0;
	outer: while (i < n && emitted < limit) {
		const recStart = i;
		const recLine = line;
		let c = text.charCodeAt(i);
		// An empty line: skipped (skip_empty_lines), counted.
		if (c === LF) {
			if (crlf) throw new FastCsvUnsupported('a bare LF in a CRLF file');
			line++;
			i++;
			continue;
		}
		if (crlf && c === CR) {
			if (i + 1 >= n) {
				if (final) throw new FastCsvUnsupported('a CR at the end');
				break;
			}
			if (text.charCodeAt(i + 1) !== LF) throw new FastCsvUnsupported('a bare CR');
			line++;
			i += 2;
			continue;
		}
		const values: string[] = [];
		for (;;) {
			if (i - recStart > MAX_FAST_RECORD_CHARS) throw new FastCsvUnsupported('a very long record');
			if (i < n && text.charCodeAt(i) === QUOTE) {
				// A quoted field.
				let j = i + 1;
				let value = '';
				for (;;) {
					const q = text.indexOf('"', j);
					if (q < 0 || q - recStart > MAX_FAST_RECORD_CHARS) {
						if (final || q - recStart > MAX_FAST_RECORD_CHARS) throw new FastCsvUnsupported('an unclosed quote or a very long field');
						line = recLine;
						i = recStart;
						break outer;
					}
					const part = text.slice(j, q);
					if (part.includes('\r')) throw new FastCsvUnsupported('a CR inside quotes');
					for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) line++;
					if (q + 1 >= n && !final) {
						// Is it "" or the closing quote? The next text says.
						line = recLine;
						i = recStart;
						break outer;
					}
					if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
						value += part + '"';
						j = q + 2;
						continue;
					}
					value += part;
					i = q + 1;
					break;
				}
				values.push(value);
				if (i >= n) {
					// final: the file ends with the closing quote.
					emit(values, recLine);
					break outer;
				}
				c = text.charCodeAt(i);
				if (c === D) {
					i++;
					continue;
				}
				if (c === LF && !crlf) {
					emit(values, recLine);
					line++;
					i++;
					continue outer;
				}
				if (c === CR && crlf) {
					if (i + 1 >= n) {
						if (final) throw new FastCsvUnsupported('a CR at the end');
						line = recLine;
						i = recStart;
						break outer;
					}
					if (text.charCodeAt(i + 1) !== LF) throw new FastCsvUnsupported('a bare CR');
					emit(values, recLine);
					line++;
					i += 2;
					continue outer;
				}
				throw new FastCsvUnsupported('text after a closing quote');
			}
			// An unquoted field: up to the delimiter or the line end.
			let k = i;
			for (; k < n; k++) {
				c = text.charCodeAt(k);
				if (c === D || c === LF || c === CR) break;
			}
			if (k - recStart > MAX_FAST_RECORD_CHARS) throw new FastCsvUnsupported('a very long record');
			if (k >= n) {
				if (!final) {
					line = recLine;
					i = recStart;
					break outer;
				}
				values.push(text.slice(i, n));
				emit(values, recLine);
				i = n;
				break outer;
			}
			values.push(text.slice(i, k));
			if (c === D) {
				i = k + 1;
				continue;
			}
			if (c === LF) {
				if (crlf) throw new FastCsvUnsupported('a bare LF in a CRLF file');
				emit(values, recLine);
				line++;
				i = k + 1;
				continue outer;
			}
			// csv-parse counts a CR as a line end for its line numbers even where it is text.
			if (!crlf) throw new FastCsvUnsupported('a CR in an LF file');
			if (k + 1 >= n) {
				if (final) throw new FastCsvUnsupported('a CR at the end');
				line = recLine;
				i = recStart;
				break outer;
			}
			if (text.charCodeAt(k + 1) !== LF) throw new FastCsvUnsupported('a bare CR');
			emit(values, recLine);
			line++;
			i = k + 2;
			continue outer;
		}
	}
	return { pos: i, line };

	function emit(values: string[], at: number): void {
		if (values.length > MAX_COLUMNS) throw new FastCsvUnsupported('too many columns');
		emitted++;
		onRecord(values, at);
	}
}

/**
 * The header of a CSV text (its first record, the BOM removed) and where the data starts: the
 * character index in `head`, the line, and the record end the file uses. Null when the head
 * holds no complete header line, or a header only the careful reader reads the same way.
 */
export function readCsvHeader(
	head: string,
	delimiter: string
): { columns: string[]; dataStart: number; line: number; crlf: boolean } | null {
	const bom = head.charCodeAt(0) === 0xfeff ? 1 : 0;
	const end = recordEnd(head, bom, delimiter);
	if (end !== 'lf' && end !== 'crlf') return null;
	const crlf = end === 'crlf';
	let columns: string[] | null = null;
	try {
		const end = parseCsvRecords(head, bom, 1, { delimiter, crlf }, false, (values) => (columns = values), 1);
		return columns ? { columns, dataStart: end.pos, line: end.line, crlf } : null;
	} catch (e) {
		if (e instanceof FastCsvUnsupported) return null;
		throw e;
	}
}

/**
 * How the records of a text end, as csv-parse discovers it: the first line end outside a quoted
 * field. 'cr' (old Mac files) and 'none' (no line end in `text`) are left to csv-parse.
 */
export function recordEnd(text: string, from: number, delimiter: string): 'lf' | 'crlf' | 'cr' | 'none' {
	const D = delimiter.charCodeAt(0);
	let fieldStart = true;
	let inQuotes = false;
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inQuotes) {
			if (c === QUOTE) {
				if (text.charCodeAt(i + 1) === QUOTE) i++;
				else inQuotes = false;
			}
		} else if (c === QUOTE && fieldStart) {
			inQuotes = true;
			fieldStart = false;
		} else if (c === D) fieldStart = true;
		else if (c === LF) return 'lf';
		else if (c === CR) return text.charCodeAt(i + 1) === LF ? 'crlf' : 'cr';
		else fieldStart = false;
	}
	return 'none';
}
