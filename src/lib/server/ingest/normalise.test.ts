// cleanText: what an import keeps of a cell's text. A broken scrape's control characters (a NUL
// above all, which PostgreSQL's text refuses and would fail the whole import) become spaces, as
// stray newlines and tabs do, so the same file imports the same way on both engines.
import { describe, expect, test } from 'vitest';
import { cleanText } from './normalise';

describe('cleanText', () => {
	test.each([
		['Kopi Robusta Temanggung 250gr', 'Kopi Robusta Temanggung 250gr'],
		['  Kopi   Robusta\n250 gr\t', 'Kopi Robusta 250 gr'],
		['Keripik\u00a0Tempe\u202fPedas', 'Keripik Tempe Pedas'],
		['\u0000Kopi Bubuk', 'Kopi Bubuk'],
		['Gula\u0000Aren\u0007Cair', 'Gula Aren Cair'],
		['Sambal Bawang\u007f', 'Sambal Bawang'],
		['', ''],
		[undefined, '']
	])('%j → %j', (input, expected) => {
		expect(cleanText(input)).toBe(expected);
	});
});
