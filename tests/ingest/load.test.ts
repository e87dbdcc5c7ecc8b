// Loading rules on small hand-written files: idempotent re-imports, later files adding
// snapshots, duplicates and conflicts inside one file, row-level rejections with line, column
// and reasons, manual column maps, unrecognised shapes, and every input format.
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { importPath } from '../../src/lib/server/write/imports';
import { getBatch, rejectedRowsCsv } from '../../src/lib/server/read/imports';
import { createTestDb } from '../fixtures/db';
import { sqlColumn, sqlRow, sqlRows, sqlValue } from '../fixtures/sql';

const dir = mkdtempSync(join(tmpdir(), 'despro-ingest-'));
function file(name: string, text: string | Buffer): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

const HEADER = 'marketplace,listing_id,title,price,sold,location,category';
const ROWS = [
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp45.000,1 rb+ terjual,Temanggung,kopi',
	'Tokopedia,A2,Sambal Bawang 150 gr,"Rp25.000",120,Kab. Madiun,Aneka Sambal',
	'Shopee,B1,Kemeja Batik Pekalongan,Rp95.000,60+,Kota Pekalongan,batik'
];

let db: Db;
beforeEach(() => {
	db = createTestDb();
});

const count = (table: string) => sqlValue<number>(db, `select count(*) from ${table}`);

describe('idempotent loads', { timeout: 60_000 }, () => {
	test('the same file twice adds nothing the second time', async () => {
		const path = file('pasar_2025-03-01.csv', [HEADER, ...ROWS].join('\n'));
		const [first] = await importPath(db, path, { observedAt: '2025-03-01' });
		expect(first).toMatchObject({ status: 'done', rows: 3, inserted: 3, updated: 0, duplicates: 0, rejected: 0, observedAt: '2025-03-01' });
		const [again] = await importPath(db, path, { observedAt: '2025-03-01' });
		expect(again).toMatchObject({ status: 'done', rows: 3, inserted: 0, updated: 0, duplicates: 3, rejected: 0 });
		expect(again.message).toMatch(/sudah diimpor di batch #/);
		expect(await count('listings')).toBe(3);
		expect(await count('listing_snapshots')).toBe(3);
	});

	test('a later file with the same listings adds snapshots and updates the current state', async () => {
		await importPath(db, file('a.csv', [HEADER, ...ROWS].join('\n')), { observedAt: '2025-03-01' });
		const later = [HEADER, ROWS[0].replace('Rp45.000', 'Rp47.500').replace('1 rb+', '2 rb+'), ROWS[1], ROWS[2]].join('\n');
		const [s] = await importPath(db, file('b.csv', later), { observedAt: '2025-03-08' });
		expect(s).toMatchObject({ inserted: 0, updated: 3, duplicates: 0 });
		expect(await count('listings')).toBe(3);
		expect(await count('listing_snapshots')).toBe(6);
		// sold_lower_bound as 1/0 on both engines (PostgreSQL stores a boolean).
		expect(
			await sqlRow(db, "select price, sold_count, case when sold_lower_bound then 1 else 0 end sold_lower_bound, first_seen_at, last_seen_at from listings where external_id = 'id:A1'")
		).toEqual({
			price: 47500,
			sold_count: 2000,
			sold_lower_bound: 1,
			first_seen_at: '2025-03-01',
			last_seen_at: '2025-03-08'
		});
		// An older file arriving late adds its snapshot without overwriting the newer state.
		const [old] = await importPath(db, file('c.csv', [HEADER, ROWS[0].replace('Rp45.000', 'Rp40.000')].join('\n')), { observedAt: '2025-02-22' });
		expect(old.updated).toBe(1);
		expect(await sqlRow(db, "select price, first_seen_at from listings where external_id = 'id:A1'")).toEqual({ price: 47500, first_seen_at: '2025-02-22' });
	});

	test('inside one file: exact repeats are duplicates, a repeated id with other values is rejected', async () => {
		const text = [HEADER, ROWS[0], ROWS[0], ROWS[0].replace('Rp45.000', 'Rp50.000')].join('\n');
		const [s] = await importPath(db, file('d.csv', text), { observedAt: '2025-03-01' });
		expect(s).toMatchObject({ rows: 3, inserted: 1, duplicates: 1, rejected: 1 });
		// The row as it came, found again in the file (the fast reader does not keep every row's text).
		expect((await getBatch(db, s.batch!))!.rejections[0]).toMatchObject({ line: 4, reasonId: expect.stringMatching(/Baris ganda/), raw: ROWS[0].replace('Rp45.000', 'Rp50.000') });
	});

	test('without ids or URLs, the fingerprint keeps same-titled listings apart and stable across imports', async () => {
		const text = ['title,price,sold', 'Apple iPhone 13,8249000,113K', 'Apple iPhone 13,8249000,62K', 'Apple iPhone 13,8249000,62K'].join('\n');
		const path = file('lazada-like.csv', text);
		const [first] = await importPath(db, path, { source: 'lazada-iphone', observedAt: '2025-03-01' });
		expect(first).toMatchObject({ inserted: 2, duplicates: 1 });
		expect(await sqlColumn(db, 'select external_id from listings order by id')).toEqual([
			expect.stringMatching(/^fp:[0-9a-f]{20}$/),
			expect.stringMatching(/^fp:[0-9a-f]{20}#2$/)
		]);
		const [later] = await importPath(db, path, { source: 'lazada-iphone', observedAt: '2025-03-08' });
		expect(later).toMatchObject({ inserted: 0, updated: 2, duplicates: 1 });
		const [same] = await importPath(db, path, { source: 'lazada-iphone', observedAt: '2025-03-08' });
		expect(same).toMatchObject({ inserted: 0, updated: 0, duplicates: 3 });
	});
});

describe('row-level validation', { timeout: 60_000 }, () => {
	test('rejected rows carry line, column and reasons in Indonesian and English; counts add up', async () => {
		const text = [
			HEADER,
			ROWS[0],
			'Tokopedia,A9,,Rp10.000,5,Bantul,kopi',
			'Tokopedia,A10,"Kopi\nmulti-baris 100 gr",harga?,5,Bantul,kopi',
			'Tokopedia,A11,Kopi Luwak,0,5,Bantul,kopi',
			'Tokopedia,A12,Kopi Tubruk,Rp12.000,banyak sekali,Bantul,kopi',
			'Tokopedia,A13,Kopi Lampung,Rp12.000'
		].join('\r\n');
		const [s] = await importPath(db, file('e.csv', `\uFEFF${text}`), { observedAt: '2025-03-01' });
		expect(s).toMatchObject({ rows: 6, inserted: 1, rejected: 5 });
		const rejections = (await getBatch(db, s.batch!))!.rejections;
		expect(rejections.map((r) => [r.line, r.column])).toEqual([
			[3, 'title'],
			[4, 'price'],
			[6, 'price'],
			[7, 'sold'],
			[8, null]
		]);
		expect(rejections[0]).toMatchObject({ reasonId: 'Nama produk kosong', reasonEn: 'Product title is empty' });
		expect(rejections[1].reasonId).toMatch(/Harga tidak terbaca: "harga\?"/);
		const csv = await rejectedRowsCsv(db, s.batch!);
		expect(csv.split('\r\n')[0]).toBe('baris,kolom,alasan,reason,isi_baris');
		expect(csv).toContain('"Kopi\nmulti-baris 100 gr"');
	});

	test('normalisation: titles, marketplaces, locations to region codes, categories, pack sizes; unknowns reported', async () => {
		const { loadRegions } = await import('../../src/lib/server/db/regions');
		await loadRegions(db);
		const text = [
			'marketplace,title,price,sold,location,category,shop_name',
			'TOKOPEDIA.com,"  Sambal   Roa\n  Pedas 3 x 250gr  ",Rp75.000,10 rb+,Kota Administrasi Jakarta Pusat,Aneka Sambal,Toko A',
			'Shopee Indonesia,Earphone Bass,Rp50.000 - Rp75.000,565 Terjual/ Bulan,jakarta barat,Audio,Toko B',
			'Lazada,Pot Gerabah Plered,"Rp1,5jt",2,Kab. Bogor,Dekorasi,Toko C',
			'Lazada,Tas Rotan,15000,,Atlantis,,Toko C'
		].join('\n');
		const [s] = await importPath(db, file('f.csv', text), { observedAt: '2025-03-01' });
		expect(s).toMatchObject({ inserted: 4, rejected: 0 });
		// The camel-case alias is quoted (PostgreSQL folds bare names to lower case); the boolean as 1/0.
		const rows = await sqlRows(
			db,
			`select l.marketplace_id m, l.title, l.price, l.price_max pmax, l.sold_count sold, case when l.sold_lower_bound then 1 else 0 end lb, l.sold_monthly monthly,
			 l.region_code region, c.slug, l.raw_category raw, l.raw_location "rawLoc", l.pack_quantity q, l.unit from listings l left join categories c on c.id = l.category_id order by l.id`
		);
		expect(rows).toEqual([
			{ m: 'tokopedia', title: 'Sambal Roa Pedas 3 x 250gr', price: 75000, pmax: null, sold: 10000, lb: 1, monthly: null, region: '31.71', slug: 'sambal-bumbu', raw: null, rawLoc: null, q: 750, unit: 'g' },
			{ m: 'shopee', title: 'Earphone Bass', price: 50000, pmax: 75000, sold: null, lb: 0, monthly: 565, region: '31.73', slug: null, raw: 'Audio', rawLoc: null, q: 1, unit: 'pcs' },
			{ m: 'lazada', title: 'Pot Gerabah Plered', price: 1500000, pmax: null, sold: 2, lb: 0, monthly: null, region: '32.01', slug: 'gerabah', raw: null, rawLoc: null, q: 1, unit: 'pcs' },
			{ m: 'lazada', title: 'Tas Rotan', price: 15000, pmax: null, sold: null, lb: 0, monthly: null, region: null, slug: 'anyaman', raw: null, rawLoc: 'Atlantis', q: 1, unit: 'pcs' }
		]);
		expect(s.unmapped).toEqual({ categories: { Audio: 1 }, locations: { Atlantis: 1 } });
	});
});

describe('shapes and formats', { timeout: 60_000 }, () => {
	test('an unrecognised file names the columns it expected; nothing is loaded', async () => {
		const [s] = await importPath(db, file('x.csv', 'foo,bar\n1,2\n'));
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/Bentuk berkas tidak dikenali\. Kolom yang ditemukan: foo, bar\..*title dan price/);
		expect(s.messageEn).toMatch(/Unrecognised file shape/);
		expect(await count('listings')).toBe(0);
		expect(await sqlValue(db, 'select status from import_batches where id = ?', s.batch)).toBe('failed');
	});

	test('--map maps columns by hand', async () => {
		const path = file('y.csv', 'Nama Barang;Harga;Laku\nKopi Gayo 200 gr;Rp60.000;1,2 rb+\n');
		const [s] = await importPath(db, path, { map: 'Nama Barang=title,Harga=price,Laku=sold,Toko=shop_name', observedAt: '2025-03-01' });
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/Kolom "Toko"/);
		const [ok] = await importPath(db, path, { map: 'Nama Barang=title,Harga=price,Laku=sold', observedAt: '2025-03-01' });
		expect(ok).toMatchObject({ status: 'done', source: 'generic-listings', inserted: 1 });
		// No marketplace column: the generic format files the row under "Lainnya".
		expect(await sqlRow(db, 'select marketplace_id, price, sold_count from listings')).toEqual({ marketplace_id: 'lainnya', price: 60000, sold_count: 1200 });
	});

	test('CSV (semicolon, BOM, CRLF), JSON, JSON Lines and XLSX give the same result', async () => {
		const objects = [
			{ marketplace: 'Tokopedia', listing_id: 'A1', title: 'Kopi Robusta 250 gr', price: 'Rp45.000', sold: '1 rb+' },
			{ marketplace: 'Shopee', listing_id: 'B1', title: 'Kemeja Batik', price: 95000, sold: 60 }
		];
		const csv = `\uFEFFmarketplace;listing_id;title;price;sold\r\n${objects.map((o) => Object.values(o).join(';')).join('\r\n')}\r\n`;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('listings');
		ws.addRow(Object.keys(objects[0]));
		for (const o of objects) ws.addRow(Object.values(o));
		const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
		const inputs: [string, string | Buffer][] = [
			['g.csv', csv],
			['g.json', JSON.stringify({ data: objects })],
			['g.jsonl', objects.map((o) => JSON.stringify(o)).join('\n')],
			['g.xlsx', xlsx]
		];
		for (const [name, content] of inputs) {
			const fresh = createTestDb();
			const [s] = await importPath(fresh, file(name, content), { observedAt: '2025-03-01' });
			expect(s, name).toMatchObject({ status: 'done', source: 'generic-listings', rows: 2, inserted: 2, rejected: 0 });
			expect(await sqlColumn(fresh, 'select price from listings order by id'), name).toEqual([45000, 95000]);
		}
	});
});

describe('when rebuilding the summaries fails after the rows are saved', () => {
	test('the import still says done, keeps its batch and rows, and says the summaries were not updated', async () => {
		const path = file('derive-fails.csv', [HEADER, ...ROWS].join('\n'));
		const quiet = console.error;
		console.error = () => {};
		try {
			const [summary] = await importPath(db, path, {
				observedAt: '2026-11-23',
				derive: async () => {
					throw new Error('disk full');
				}
			});
			expect(summary).toMatchObject({ status: 'done', inserted: 3, deriveFailed: true });
			expect(summary.message).toContain('Data sudah tersimpan, tetapi ringkasan pasar gagal diperbarui');
			expect(await count('listings')).toBe(3);
			const batches = await sqlRows<{ status: string; message: string }>(db, 'select status, message from import_batches');
			expect(batches).toHaveLength(1);
			expect(batches[0].status).toBe('done');
			expect(batches[0].message).toContain('ringkasan pasar gagal diperbarui');
		} finally {
			console.error = quiet;
		}
	});
});
