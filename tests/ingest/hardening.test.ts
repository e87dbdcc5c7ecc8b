// Uploads are untrusted: what the app hands back (the rejected-rows CSV) must be safe to open in
// a spreadsheet, and what it reads (XLSX, wide files, long names) is bounded, with a clear
// Indonesian message and no temporary file left behind on any path.
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { MAX_MESSAGE_CHARS, MAX_RAW_ROW_CHARS } from '../../src/lib/server/ingest/limits';
import type { ImportSummary } from '../../src/lib/server/ingest/pipeline';
import { spreadsheetSafe } from '../../src/lib/server/ingest/readers/csv';
import { MAX_COLUMNS } from '../../src/lib/server/ingest/readers/types';
import { XLSX_MAX_ENTRIES } from '../../src/lib/server/ingest/readers/xlsx-zip';
import { getBatch, rejectedRowsCsv } from '../../src/lib/server/read/imports';
import { importPath } from '../../src/lib/server/write/imports';
import { readUploadForm } from '../../src/lib/server/write/imports-upload';
import { createTestDb } from '../fixtures/db';
import { sqlValue } from '../fixtures/sql';
import { inlineWorkbook, sheetXml, zip } from '../fixtures/zip';

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
		expect((await getBatch(db, s.batch!))!.rejections[0].raw).toBe('=1+1,X0,,Rp10.000,5,Bantul,kopi');

		const csv = await rejectedRowsCsv(db, s.batch!);
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

describe('XLSX uploads are bounded and leave no temporary files', { timeout: 60_000 }, () => {
	const HEADER = ['marketplace', 'listing_id', 'title', 'price', 'sold', 'location', 'category'];
	const ROW = ['Tokopedia', 'X1', 'Kopi Robusta 250 gr', 'Rp45.000', '10', 'Temanggung', 'kopi'];

	/** Runs `fn` with TMPDIR pointing at an empty folder and returns what is left in it. */
	async function leftInTmp(fn: () => Promise<unknown>): Promise<string[]> {
		const tmp = mkdtempSync(join(tmpdir(), 'despro-tmp-'));
		const before = process.env.TMPDIR;
		process.env.TMPDIR = tmp;
		try {
			await fn();
		} finally {
			if (before === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = before;
		}
		return readdirSync(tmp);
	}

	test('a workbook without shared strings imports without writing temporary files', async () => {
		const path = file('inline.xlsx', inlineWorkbook(sheetXml([HEADER, ROW])));
		let summary: ImportSummary | undefined;
		expect(await leftInTmp(async () => ([summary] = await importPath(db, path, { observedAt: '2025-03-01' })))).toEqual([]);
		expect(summary).toMatchObject({ status: 'done', inserted: 1 });
	});

	test('a malformed workbook fails with a clear message, and the temp folder is as it was', async () => {
		// The sheet's XML breaks off half-way: exceljs fails while reading it.
		const broken = sheetXml([HEADER, ROW, ROW]).slice(0, -60) + '<row r="9"><c r="A9" t="inlineStr"><is><t>';
		const path = file('rusak.xlsx', inlineWorkbook(broken));
		let summary: ImportSummary | undefined;
		expect(await leftInTmp(async () => ([summary] = await importPath(db, path, { observedAt: '2025-03-01' })))).toEqual([]);
		expect(summary).toMatchObject({ status: 'failed', inserted: 0 });
		expect(summary!.message).toMatch(/^Isi berkas XLSX tidak terbaca/);
	});

	test('bytes that are not a ZIP at all, with an .xlsx name', async () => {
		const [s] = await importPath(db, file('palsu.xlsx', Buffer.concat([Buffer.from('PK'), Buffer.alloc(5000, 7)])), { observedAt: '2025-03-01' });
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/^Berkas XLSX rusak atau bukan XLSX/);
	});

	test('a workbook that unpacks beyond XLSX_MAX_UNPACKED is refused before it is unpacked', async () => {
		// About 1.5 MB of rows in a ZIP of about a tenth of that; the limit is set to 1 MB for the test.
		const bytes = inlineWorkbook(sheetXml([HEADER, ...Array.from({ length: 5000 }, () => ROW)]));
		expect(bytes.length).toBeLessThan(1024 * 1024);
		const before = process.env.XLSX_MAX_UNPACKED;
		process.env.XLSX_MAX_UNPACKED = '1M';
		try {
			const [s] = await importPath(db, file('bom.xlsx', bytes), { observedAt: '2025-03-01' });
			expect(s).toMatchObject({ status: 'failed', rows: 0 });
			expect(s.message).toMatch(/^Isi berkas XLSX terlalu besar setelah dibuka: .* MB, paling banyak 1 MB\./);
		} finally {
			if (before === undefined) delete process.env.XLSX_MAX_UNPACKED;
			else process.env.XLSX_MAX_UNPACKED = before;
		}
	});

	test('a part that inflates beyond the size its directory declares is refused (a lying ZIP bomb)', async () => {
		const sheet = sheetXml([HEADER, ...Array.from({ length: 5000 }, () => ROW)]);
		const [s] = await importPath(db, file('bohong.xlsx', inlineWorkbook(sheet, { sheetDeclaredSize: 2000 })), { observedAt: '2025-03-01' });
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/^Berkas XLSX tidak wajar: bagian xl\/worksheets\/sheet1\.xml lebih besar/);
		expect(await sqlValue(db, 'select count(*) from listings')).toBe(0);
	});

	test(`a workbook of more than ${XLSX_MAX_ENTRIES} parts is refused`, async () => {
		const parts = Array.from({ length: XLSX_MAX_ENTRIES + 1 }, (_, i) => ({ name: `xl/media/m${i}.bin`, data: 'x', method: 0 as const }));
		const [s] = await importPath(db, file('banyak.xlsx', zip(parts)), { observedAt: '2025-03-01' });
		expect(s.message).toMatch(/^Berkas XLSX berisi 2\.001 bagian; paling banyak 2\.000\./);
	});
});

describe('wide files and long text are bounded', { timeout: 60_000 }, () => {
	test('a CSV with 250,000 columns is refused with a short message', async () => {
		const header = Array.from({ length: 250_000 }, () => 'k').join(',');
		const [s] = await importPath(db, file('lebar.csv', `${header}\n1,2,3\n`), { observedAt: '2025-03-01' });
		expect(s.status).toBe('failed');
		expect(s.message).toBe(`Baris 1 punya 250.000 kolom; paling banyak ${MAX_COLUMNS}. Periksa pemisah kolomnya, atau hapus kolom yang tidak dipakai.`);
		const stored = await sqlValue<string>(db, 'select message from import_batches where id = ?', s.batch);
		expect(stored).toBe(s.message);
	});

	test('a file of one endless line is refused with a message, not read into memory whole', async () => {
		const [s] = await importPath(db, file('satu-baris.csv', `title,price\n${'x'.repeat(2_000_000)}`), { observedAt: '2025-03-01' });
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/^Satu baris berkas ini lebih dari 1\.000\.000 huruf/);
	});

	test('an unrecognised header of 500 columns names only the first 40; stored messages stay short', async () => {
		const header = Array.from({ length: MAX_COLUMNS }, (_, i) => `kolom_tak_dikenal_nomor_${i}`).join(',');
		const [s] = await importPath(db, file('aneh.csv', `${header}\n`), { observedAt: '2025-03-01' });
		expect(s.message).toContain('… dan 460 kolom lain');
		expect(s.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
	});

	test('a rejected row keeps at most its first characters', async () => {
		const long = 'x'.repeat(50_000);
		const text = ['marketplace,listing_id,title,price', `Tokopedia,A1,,${long}`, 'Tokopedia,A2,Kopi 250 gr,Rp10.000'].join('\n');
		const [s] = await importPath(db, file('panjang.csv', text), { observedAt: '2025-03-01' });
		expect(s.rejected).toBe(1);
		const r = (await getBatch(db, s.batch!))!.rejections[0];
		expect(r.raw!.length).toBeLessThanOrEqual(MAX_RAW_ROW_CHARS);
		expect(r.reasonId.length).toBeLessThanOrEqual(500);
	});

	test('an upload whose file name is over 200 characters is refused with a message', async () => {
		const form = new FormData();
		form.append('berkas', new Blob(['judul,harga\nKopi,1000\n']), `${'n'.repeat(240)}.csv`);
		const r = await readUploadForm(new Request('http://localhost/impor', { method: 'POST', body: form }));
		expect(r).toEqual({ ok: false, status: 422, message: 'Nama berkas terlalu panjang (244 huruf; paling banyak 200). Ganti namanya, lalu unggah lagi.' });
	});

	test('a multipart body that breaks off is a 400 with a message', async () => {
		const r = await readUploadForm(
			new Request('http://localhost/impor', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\nContent-Disposition: form-data; name="berkas"; filename="a.csv"\r\n\r\njudul' })
		);
		expect(r).toMatchObject({ ok: false, status: 400 });
	});
});
