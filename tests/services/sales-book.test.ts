// The sales book (issue 14) end to end on a small market: the product page's short form (a plain
// POST, as a phone without JavaScript sends it), `sales.record` / `sales.list` as every role, an
// imported file (through runImport, as /impor does, and `npm run import -- --source sales` as an
// operator runs it), the product page's "Penjualan Anda", and the agent's list of producers who
// have not recorded sales for a month.
import { isHttpError } from '@sveltejs/kit';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays, mondayOf } from '../../src/lib/analysis/calendar';
import { formatDate } from '../../src/lib/format';
import type { Actor } from '../../src/lib/server/auth/actor';
import { migrateDatabase, openDatabase, setDb } from '../../src/lib/server/db';
import type { PgDb } from '../../src/lib/server/db/postgres';
import { salesOf } from '../../src/lib/server/db/sales';
import { runImport } from '../../src/lib/server/ingest/pipeline';
import { producersWithoutSales, salesBookFor } from '../../src/lib/server/read/sales';
import { rejectedRowsCsv } from '../../src/lib/server/read/imports';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { actions, load } from '../../src/routes/produk/[id]/+page.server';
import { createWorld, type World } from '../security/world';
import { createTestDb, isPostgres } from '../fixtures/db';
import { createCategory, createProducer, createProduct } from '../fixtures/factories';
import { sqlRow, sqlRows } from '../fixtures/sql';

const TODAY = new Date().toISOString().slice(0, 10);
const THIS_WEEK = mondayOf(TODAY);
const weeksAgo = (n: number) => addDays(THIS_WEEK, -7 * n);

let world: World;
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'despro-sales-'));

beforeAll(async () => {
	world = await createWorld();
	setDb(world.db);
});
afterAll(() => {
	setDb(undefined);
	rmSync(dir, { recursive: true, force: true });
});

/** The product page's form action, posted as a browser without JavaScript posts it. */
async function post(actor: Actor, productId: number, fields: Record<string, string>) {
	const url = new URL(`http://localhost/produk/${productId}?/penjualan`);
	const body = new URLSearchParams(fields);
	const event = {
		params: { id: String(productId) },
		url,
		locals: { user: actor, sessionId: null },
		request: new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
	};
	try {
		return (await (actions.penjualan as (e: unknown) => Promise<unknown>)(event)) as { status?: number; data?: { sales: { message?: string } }; sales?: { saved?: string } };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describe('the short form on the product page', () => {
	test("a producer records this week's sales for her product; a week again replaces it", async () => {
		const { produsen } = world.actors;
		const saved = await post(produsen, world.products.pA1, { minggu: THIS_WEEK, terjual: '25' });
		expect(saved.sales?.saved).toMatch(/^Tersimpan: 25 terjual, minggu /);
		expect(await salesOf(world.db, world.products.pA1)).toEqual([expect.objectContaining({ weekStart: THIS_WEEK, units: 25, source: 'form' })]);
		// "1.200" is Indonesian for a thousand two hundred; any day of the week names that week.
		await post(produsen, world.products.pA1, { minggu: addDays(THIS_WEEK, 3 - 7), terjual: '1.200' });
		await post(produsen, world.products.pA1, { minggu: THIS_WEEK, terjual: '30 bungkus' });
		expect((await salesOf(world.db, world.products.pA1)).map((r) => [r.weekStart, r.units])).toEqual([
			[weeksAgo(1), 1200],
			[THIS_WEEK, 30]
		]);
	});

	test('bad input is a 422 with a plain message; a week not begun is refused', async () => {
		const { produsen } = world.actors;
		const bad = await post(produsen, world.products.pA1, { minggu: THIS_WEEK, terjual: 'banyak' });
		expect(bad.status).toBe(422);
		expect(bad.data?.sales.message).toBe('Tulis jumlah terjual sebagai angka, misalnya 25.');
		const future = await post(produsen, world.products.pA1, { minggu: addDays(THIS_WEEK, 7), terjual: '5' });
		expect(future.status).toBe(422);
		expect(future.data?.sales.message).toBe('Minggu itu belum mulai. Catat penjualan sesudah terjadi.');
		expect((await salesOf(world.db, world.products.pA1)).some((r) => r.weekStart > THIS_WEEK)).toBe(false);
	});

	test("the agent records for her producer; a co-op only reads (403); someone else's product does not exist (404)", async () => {
		const { agen, koperasi, produsen } = world.actors;
		expect((await post(agen, world.products.pA2, { minggu: weeksAgo(2), terjual: '7' })).sales?.saved).toBeTruthy();
		expect(await salesOf(world.db, world.products.pA2)).toEqual([expect.objectContaining({ units: 7, source: 'form' })]);
		expect((await post(koperasi, world.products.pA1, { minggu: THIS_WEEK, terjual: '9' })).status).toBe(403);
		expect((await post(produsen, world.products.pB1, { minggu: THIS_WEEK, terjual: '9' })).status).toBe(404);
		expect((await post(agen, world.products.pB1, { minggu: THIS_WEEK, terjual: '9' })).status).toBe(404);
		expect(await salesOf(world.db, world.products.pB1)).toEqual([]);
	});

	test('the product page shows "Penjualan Anda" and the form only to who may record', async () => {
		const page = async (actor: Actor, id: number) =>
			(await load({ params: { id: String(id) }, url: new URL(`http://localhost/produk/${id}`), locals: { user: actor, sessionId: null } } as never)) as {
				sales: Awaited<ReturnType<typeof salesBookFor>>;
				salesChart: unknown;
			};
		const own = await page(world.actors.produsen, world.products.pA1);
		expect(own.sales.canRecord).toBe(true);
		expect(own.sales.headline[0]).toBe('Minggu lalu Anda menjual 1.200 bungkus.');
		expect(own.sales.formWeeks[0]).toMatchObject({ weekStart: THIS_WEEK, label: expect.stringMatching(/^Minggu ini \(/), units: 30 });
		expect(own.salesChart).not.toBeNull();
		expect((await page(world.actors.koperasi, world.products.pA1)).sales.canRecord).toBe(false);
	});
});

describe('sales.record and sales.list', () => {
	const caller = (actor: Actor) => createCaller(createContext(world.db, actor));

	test('scoped like everything else', async () => {
		const { produsen, agen, koperasi, admin } = world.actors;
		const r = await caller(produsen).sales.record({ productId: world.products.pA1, weekStart: weeksAgo(3), units: 40 });
		expect(r).toEqual({ productId: world.products.pA1, weekStart: weeksAgo(3), units: 40, outcome: 'inserted' });
		expect((await caller(produsen).sales.record({ productId: world.products.pA1, weekStart: weeksAgo(3), units: 40 })).outcome).toBe('duplicate');
		expect((await caller(admin).sales.record({ productId: world.products.pB2, weekStart: weeksAgo(3), units: 4 })).outcome).toBe('inserted');
		await expect(caller(koperasi).sales.record({ productId: world.products.pA1, weekStart: weeksAgo(3), units: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(caller(produsen).sales.record({ productId: world.products.pA2, weekStart: weeksAgo(3), units: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(caller(agen).sales.record({ productId: world.products.pB1, weekStart: weeksAgo(3), units: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// The input's shape is 400; the service's verdict on it 422 with the field.
		await expect(caller(produsen).sales.record({ productId: world.products.pA1, weekStart: 'kemarin', units: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(caller(produsen).sales.record({ productId: world.products.pA1, weekStart: addDays(THIS_WEEK, 14), units: 1 })).rejects.toMatchObject({
			code: 'UNPROCESSABLE_CONTENT',
			message: 'Minggu itu belum mulai. Catat penjualan sesudah terjadi.'
		});
		// Whoever sees the product reads its book: the co-op its member's, not another co-op's.
		const list = await caller(koperasi).sales.list({ productId: world.products.pA1 });
		expect(list.weeks.map((w) => w.weekStart)).toEqual([weeksAgo(3), weeksAgo(1), THIS_WEEK]);
		await expect(caller(koperasi).sales.list({ productId: world.products.pB2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(caller(produsen).sales.list({ productId: world.products.pB2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});

// PostgreSQL: the import pipeline is being ported (issue 15); these tests import sales books.
describe('importing a sales book', () => {
	test('through runImport (as /impor does): checked rows, rejections with reasons, one batch', async () => {
		const p = world.products.pB1;
		const csv = [
			'product_id,week_start,units',
			`${p},${weeksAgo(6)},12`,
			`${p},${addDays(weeksAgo(5), 2)},15`, // a Wednesday names its week
			`${p},${weeksAgo(5)},15`, // the same week again, same number: a duplicate
			`${p},${weeksAgo(5)},16`, // the same week, another number: refused
			`999999,${weeksAgo(4)},3`, // no such product
			`${p},kemarin,3`,
			`${p},${addDays(THIS_WEEK, 7)},3`, // not begun
			`${p},${weeksAgo(4)},-2`,
			`${p},${weeksAgo(4)},1.250`
		].join('\n');
		// Recognised by its columns: no --source needed.
		const s = await runImport(world.db, { fileName: 'penjualan-tutik.csv', bytes: Buffer.from(csv) });
		expect(s).toMatchObject({ status: 'done', source: 'sales', rows: 9, inserted: 3, updated: 0, duplicates: 1, rejected: 5, observedAt: weeksAgo(4), observedSource: 'column' });
		expect(s.message).toBe('9 baris penjualan: 3 baru, 0 diperbarui, 1 sudah ada (ganda), 5 ditolak.');
		expect((await salesOf(world.db, p)).map((r) => [r.weekStart, r.units, r.source])).toEqual([
			[weeksAgo(6), 12, 'import'],
			[weeksAgo(5), 15, 'import'],
			[weeksAgo(4), 1250, 'import']
		]);
		const rejected = await rejectedRowsCsv(world.db, s.batch!);
		expect(rejected).toContain('sudah ada di baris 3 dengan jumlah lain');
		expect(rejected).toContain('Produk 999999 tidak ada');
		expect(rejected).toMatch(/Tanggal "+kemarin"+ tidak terbaca/);
		expect(rejected).toContain('Minggu itu belum mulai');
		expect(rejected).toContain('Tulis jumlah terjual sebagai angka bulat');
		expect(await sqlRow(world.db, 'select source, status from import_batches where id = ?', s.batch)).toEqual({ source: 'sales', status: 'done' });
		// The same file again changes nothing; a corrected number is an update.
		const again = await runImport(world.db, { fileName: 'penjualan-tutik.csv', bytes: Buffer.from(csv) });
		expect(again).toMatchObject({ inserted: 0, updated: 0, duplicates: 4, rejected: 5 });
		const fix = await runImport(world.db, { fileName: 'koreksi.csv', bytes: Buffer.from(`product_id,week_start,units\n${p},${weeksAgo(6)},13\n`) });
		expect(fix).toMatchObject({ updated: 1 });
	});

	test('XLSX with Indonesian headers mapped by hand, and a file the sales shape cannot read', async () => {
		const wb = new ExcelJS.Workbook();
		const sheet = wb.addWorksheet('Penjualan');
		sheet.addRow(['ID Produk', 'Minggu', 'Terjual']);
		sheet.addRow([world.products.pB2, weeksAgo(8), 21]);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const s = await runImport(world.db, { fileName: 'buku.xlsx', bytes }, { map: 'ID Produk=product_id,Minggu=week_start,Terjual=units' });
		expect(s).toMatchObject({ status: 'done', source: 'sales', inserted: 1 });
		expect((await salesOf(world.db, world.products.pB2)).find((r) => r.weekStart === weeksAgo(8))?.units).toBe(21);
		const wrong = await runImport(world.db, { fileName: 'salah.csv', bytes: Buffer.from('produk,jumlah\nA,1\n') }, { source: 'sales' });
		expect(wrong.status).toBe('failed');
		expect(wrong.message).toBe('Berkas tidak cocok dengan bentuk "sales": kolom product_id, week_start, units tidak ada.');
	});

	test('npm run import -- <file> --source sales: a JSON summary, exit 0; nothing loadable: exit 1 with the reason', async () => {
		// The database the command opens: a SQLite file, or in server-pg one of the run's PostgreSQL
		// databases (a child process cannot see an in-memory one).
		const sqliteFile = join(dir, 'despro.db');
		const db = isPostgres ? createTestDb() : openDatabase(sqliteFile);
		if (!isPostgres) migrateDatabase(db);
		const url = isPostgres ? (db.$client as unknown as PgDb['$client']).options.connectionString! : sqliteFile;
		const categoryId = await createCategory(db, { name: 'Gerabah' });
		const producerId = await createProducer(db, { name: 'Bu Ani' });
		const productId = await createProduct(db, { producerId, categoryId, name: 'Pot Gerabah', keywords: 'pot gerabah' });
		if (!isPostgres) db.$client.close();
		const run = (csv: string) => {
			const path = join(dir, `buku-${Math.random().toString(36).slice(2)}.csv`);
			writeFileSync(path, csv);
			return spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/import.ts'), path, '--source', 'sales'], {
				cwd: root,
				env: { ...process.env, DATABASE_URL: url, IMPORT_NICE: '0' },
				encoding: 'utf8',
				timeout: 90_000
			});
		};
		const ok = run(`product_id,week_start,units\n${productId},${weeksAgo(1)},9\n${productId},${weeksAgo(2)},11\n`);
		expect(ok.status).toBe(0);
		expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ inserted: 2, rejected: 0, observedAt: weeksAgo(1), observedSource: 'column' });
		expect(ok.stderr).toContain('2 baris penjualan: 2 baru');
		const none = run(`product_id,week_start,units\n${productId + 1},${weeksAgo(1)},9\n`);
		expect(none.status).toBe(1);
		expect(none.stdout + none.stderr).toContain('Semua baris ditolak');
		const check = isPostgres ? db : openDatabase(sqliteFile);
		expect((await salesOf(check, productId)).map((r) => r.units)).toEqual([11, 9]);
		expect(await sqlRows(check, "select source, status from import_batches order by id")).toEqual([
			{ source: 'sales', status: 'done' },
			{ source: 'sales', status: 'failed' }
		]);
		if (!isPostgres) check.$client.close();
	}, 120_000);
});

describe('the agent sees who has not recorded sales for a month', () => {
	test('quiet producers in her scope only, never-recorded first', async () => {
		const db = world.db;
		// pA1 recorded this week; pA2 two weeks ago (the form above): neither is quiet.
		expect(await producersWithoutSales(db, world.actors.agen, TODAY)).toEqual([]);
		// Five weeks on, pA2's last week (two weeks ago) is over a month old; pA1 recorded this week.
		const later = addDays(TODAY, 35);
		expect((await producersWithoutSales(db, world.actors.agen, later)).map((q) => [q.name, q.line])).toEqual([
			['Pak Joko', `Terakhir mencatat penjualan minggu ${formatDate(weeksAgo(2))}.`],
			['Bu Sri', expect.stringMatching(/^Terakhir mencatat penjualan minggu /)]
		]);
		// Admin sees every producer; one who never recorded is said so.
		const quiet = await producersWithoutSales(db, world.actors.admin, later);
		expect(quiet.map((q) => q.name)).toContain('Pak Heru');
		expect(quiet.every((q) => q.lastWeek !== null || q.line === 'Belum pernah mencatat penjualan.')).toBe(true);
	});
});
