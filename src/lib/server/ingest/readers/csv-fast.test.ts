// The fast reader must read every file it accepts exactly as csv-parse (readCsv's options) does:
// the same records and the same line numbers; what it cannot read so, it refuses.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FastCsvUnsupported, parseCsvRecords, readCsvHeader, recordEnd } from './csv-fast';

/** csv-parse as readCsv runs it: records with the line each starts on. */
function careful(text: string, delimiter: string): { values: string[]; line: number }[] | 'error' {
	const out: { values: string[]; line: number }[] = [];
	try {
		parse(text, {
			delimiter,
			bom: true,
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: true,
			on_record: (record: string[], context) => {
				const newlines = record.reduce((n, v) => n + (v.split('\n').length - 1), 0);
				out.push({ values: record, line: context.lines - newlines });
				return null;
			}
		});
	} catch {
		return 'error';
	}
	return out;
}

/** The fast reader over the whole text, fed in pieces cut at `cuts` (an incomplete record waits for more). */
function fast(text: string, delimiter: string, cuts: number[] = []): { values: string[]; line: number }[] | 'unsupported' {
	const out: { values: string[]; line: number }[] = [];
	const body = text.replace(/^\uFEFF/, '');
	const end = recordEnd(body, 0, delimiter);
	if (end === 'cr') return 'unsupported';
	const crlf = end === 'crlf';
	try {
		let carry = '';
		let line = 1;
		let at = 0;
		for (const cut of [...cuts.filter((c) => c > 0 && c < body.length).sort((a, b) => a - b), body.length]) {
			const text2 = carry + body.slice(at, cut);
			at = cut;
			const final = cut === body.length;
			const done = parseCsvRecords(text2, 0, line, { delimiter, crlf }, final, (values, l) => out.push({ values, line: l }));
			carry = text2.slice(done.pos);
			line = done.line;
		}
		if (carry) return 'unsupported';
	} catch (e) {
		if (e instanceof FastCsvUnsupported) return 'unsupported';
		throw e;
	}
	return out;
}

const cell = fc.oneof(
	fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', ',', ';', '"', '\n', '\r', '\t'), maxLength: 6 }),
	fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '€'), maxLength: 5 }).map((s) => `"${s}"`),
	fc.string({ unit: fc.constantFrom('a', ',', '\n', '""', 'é'), maxLength: 5 }).map((s) => `"${s}"`)
);
const csvText = fc
	.tuple(
		fc.constantFrom(',', ';', '\t'),
		fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
		fc.constantFrom('\n', '\r\n'),
		fc.boolean(),
		fc.boolean()
	)
	.map(([d, rows, eol, bom, trailing]) => ({
		delimiter: d,
		text: (bom ? '\uFEFF' : '') + rows.map((r) => r.join(d)).join(eol) + (trailing ? eol : '')
	}));

describe('the fast CSV reader', () => {
	test('reads what csv-parse reads, record for record and line for line, or refuses', () => {
		let accepted = 0;
		fc.assert(
			fc.property(csvText, fc.array(fc.nat(60), { maxLength: 4 }), ({ delimiter, text }, cuts) => {
				const mine = fast(text, delimiter, cuts);
				if (mine === 'unsupported') return;
				accepted++;
				expect(mine).toEqual(careful(text, delimiter));
			}),
			{ numRuns: 20_000 }
		);
		// Most generated files are plain enough for the fast reader.
		expect(accepted).toBeGreaterThan(5_000);
	});

	test('plain files: quoted commas and line breaks, doubled quotes, CRLF, empty lines, a last line without its end', () => {
		const text = 'a,b,c\r\n1,"x, ""y""",3\r\n\r\n2,"two\nlines",z\r\n3,,"q"';
		expect(fast(text, ',')).toEqual(careful(text, ','));
		expect(fast(text, ',')).toEqual([
			{ values: ['a', 'b', 'c'], line: 1 },
			{ values: ['1', 'x, "y"', '3'], line: 2 },
			{ values: ['2', 'two\nlines', 'z'], line: 4 },
			{ values: ['3', '', 'q'], line: 6 }
		]);
	});

	test('a stray quote inside a field is text; text after a closing quote goes to csv-parse', () => {
		expect(fast('a,b\n12" pipe,x\n', ',')).toEqual(careful('a,b\n12" pipe,x\n', ','));
		expect(fast('a,b\n"12" pipe,x\n', ',')).toBe('unsupported');
	});

	test('the header: columns, where the data starts, the record end', () => {
		expect(readCsvHeader('\uFEFFtitle;"price\nRp";x\r\nA;1;2\r\n', ';')).toEqual({ columns: ['title', 'price\nRp', 'x'], dataStart: 21, line: 3, crlf: true });
		expect(readCsvHeader('only,a,header', ',')).toBeNull();
	});
});
