// Uploads are untrusted: what the app hands back (the rejected-rows CSV) must be safe to open in
// a spreadsheet, and what it reads (XLSX, wide files, long names) is bounded, with a clear
// Indonesian message and no temporary file left behind on any path.
import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { spreadsheetSafe } from '../../src/lib/server/ingest/readers/csv';
import { getBatch, importPath, rejectedRowsCsv } from '../../src/lib/server/services/imports';
import { createTestDb } from '../fixtures/db';

const dir = mkdtempSync(join(tmpdir(), 'despro-hardening-'));
function file(name: string, text: string | Buffer): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

let db: Db;
beforeEach(() => {
	db = createTestDb();
});

describe('the rejected-rows CSV is safe to open in a spreadsheet', () => {
	test('cells starting with = + - @, tab or CR are neutralised; the stored rows stay as they came', async () => {
		// Every row is rejected (no title), and its first cell, and so the row as it came, starts
		// with something a spreadsheet would run.
		const starts = ['=1+1', '+62 812 cmd', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://penipu.example","klik")'];
		const text = [
			'marketplace,listing_id,title,price,sold,location,category',
			...starts.map((s, i) => `"${s.replace(/"/g, '""')}",X${i},,Rp10.000,5,Bantul,kopi`),
			'Tokopedia,X9,Kopi Tubruk 250 gr,Rp12.000,5,Bantul,kopi'
		].join('\n');
		const [s] = await importPath(db, file('rumus.csv', text), { observedAt: '2025-03-01' });
		expect(s).toMatchObject({ inserted: 1, rejected: starts.length });
		// Stored as it came: the rule applies to what the app writes out, not to the record.
		expect(getBatch(db, s.batch!)!.rejections[0].raw).toBe('=1+1,X0,,Rp10.000,5,Bantul,kopi');

		const csv = rejectedRowsCsv(db, s.batch!);
		const cells: string[][] = parse(csv, { relax_column_count: true });
		expect(cells.length).toBe(starts.length + 1);
		for (const row of cells) for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
		// The text is all still there, behind the apostrophe a spreadsheet hides.
		expect(cells[1][4]).toBe("'=1+1,X0,,Rp10.000,5,Bantul,kopi");
	});

	test.each([
		['=1+1', "'=1+1"],
		['+1', "'+1"],
		['-1', "'-1"],
		['@A1', "'@A1"],
		['\tx', "'\tx"],
		['\rx', "'\rx"],
		['Kopi = enak', 'Kopi = enak'],
		['', '']
	])('spreadsheetSafe(%j) = %j', (input, expected) => {
		expect(spreadsheetSafe(input)).toBe(expected);
	});
});
