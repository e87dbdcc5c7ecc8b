// Fresh data without anyone clicking (issue 18), end to end: the built server (`npm start`'s
// scripts/start.js, its background writer on its own thread) with an inbox folder and a fast
// schedule, a real local HTTP server started by this test serving a changing export, and an
// admin in Chromium. The admin adds a feed on /impor/sumber; the writer pulls it on schedule
// (imported); a pull now is skipped by its ETag (unchanged); a changed export adds snapshots;
// a failing one is recorded with its reason and retried on schedule; a late feed is flagged on
// every page an admin opens and in /healthz; a file dropped in the inbox is imported once and
// moved; `npm run feeds -- run` works beside the running server; SIGTERM stops it all cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { listingsCsv, startExportServer, type ExportServer } from '../fixtures/export-server';
import { launchBrowser } from './browser';
import { ROOT, startOwnServer, type OwnServer } from './own-server';

const PHONE = '0812 7000 1818';
const PASSWORD = 'sumber-mingguan-18';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const WEEK1 = listingsCsv(
	[
		['S1', 'Sambal Pecel Madiun 250 gr', 'Rp15.000', 120],
		['S2', 'Sambal Pecel Pedas 250 gr', 'Rp17.000', 80]
	],
	day(-7)
);
const WEEK2 = listingsCsv(
	[
		['S1', 'Sambal Pecel Madiun 250 gr', 'Rp16.000', 150],
		['S2', 'Sambal Pecel Pedas 250 gr', 'Rp17.000', 95],
		['S3', 'Sambal Kacang Pecel 500 gr', 'Rp28.000', 12]
	],
	day(0)
);

let dir: string;
let inbox: string;
let dbFile: string;
let exportServer: ExportServer;
let server: OwnServer;
let browser: Browser;

/** A read of the server's database from outside (WAL: the server keeps writing meanwhile). */
function query<T>(sql: string, ...params: unknown[]): T {
	const db = openDatabase(dbFile);
	try {
		return db.$client.prepare(sql).get(...params) as T;
	} finally {
		db.$client.close();
	}
}
const count = (sql: string, ...params: unknown[]) => Object.values(query<Record<string, number>>(sql, ...params))[0];
/** A change made from outside, as an operator with sqlite3 would (moving a feed's clock). */
function exec(sql: string, ...params: unknown[]): void {
	const db = openDatabase(dbFile);
	try {
		db.$client.prepare(sql).run(...params);
	} finally {
		db.$client.close();
	}
}

async function signedIn(path: string, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`/masuk?ke=${encodeURIComponent(path)}`);
	await page.fill('#phone', PHONE);
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/masuk', { timeout: 30_000 }), page.click('main button[type=submit]')]);
	return page;
}

/** Reloads until `what` shows on the page (the writer works in the background). */
async function reloadUntil(page: Page, what: () => Promise<boolean>, ms = 60_000): Promise<void> {
	const deadline = Date.now() + ms;
	for (;;) {
		if (await what()) return;
		if (Date.now() > deadline) throw new Error(`not seen in time:\n${await page.locator('main').innerText()}\n${server.log().slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 500));
		await page.reload();
	}
}

const feedItem = (page: Page, name: string) => page.locator('[data-testid=sumber]', { hasText: name });

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'despro-e2e-feeds-'));
	inbox = join(dir, 'kotak-masuk');
	mkdirSync(inbox);
	dbFile = join(dir, 'feeds.db');
	exportServer = await startExportServer({ body: WEEK1, contentType: 'text/csv; charset=utf-8' });
	// The first account of an install without the demo, made as the README says (before the server: nothing else runs yet).
	const made = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/account.ts'), 'create', '--role', 'admin', '--phone', PHONE, '--name', 'Admin Sumber'], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: dbFile, ACCOUNT_PASSWORD: PASSWORD },
		encoding: 'utf8'
	});
	expect(made.status, made.stderr).toBe(0);
	server = await startOwnServer({ DATABASE_URL: dbFile, IMPORT_INBOX: inbox, FEEDS_TICK_MS: '300', IMPORT_INBOX_SETTLE_MS: '600' });
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await exportServer?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('feeds and the inbox on a running server', () => {
	test('an admin adds a feed; the server pulls it on schedule; a pull now is skipped by its ETag; a changed export adds snapshots', async () => {
		const page = await signedIn('/impor');
		await Promise.all([page.waitForURL((u) => u.pathname === '/impor/sumber'), page.getByRole('link', { name: 'Sumber otomatis' }).click()]);
		expect(await page.locator('main').innerText()).toMatch(/Belum ada sumber\./);
		await page.fill('#nama', 'Ekspor sambal');
		await page.fill('#alamat', exportServer.url());
		// The export is on this machine: refused until the admin allows a local address, next to its field.
		await page.getByRole('button', { name: 'Tambah sumber' }).click();
		await expect.poll(() => page.locator('form [role=alert]').innerText()).toMatch(/^Alamat 127\.0\.0\.1 ada di jaringan lokal/);
		await page.locator('summary', { hasText: 'Pilihan lain' }).click();
		await page.check('input[name=lokal]');
		await page.getByRole('button', { name: 'Tambah sumber' }).click();
		await expect.poll(() => page.locator('main').innerText()).toMatch(/Sumber "Ekspor sambal" ditambahkan\./);

		// Nobody clicks: the writer's schedule pulls it.
		await reloadUntil(page, async () => /data baru masuk/.test(await feedItem(page, 'Ekspor sambal').innerText()));
		const item = await feedItem(page, 'Ekspor sambal').innerText();
		expect(item).toMatch(/Terakhir dicoba\s+baru saja \([^)]+\): data baru masuk\./);
		expect(item).toMatch(/2 baris masuk, 0 ditolak/);
		expect(item).toMatch(/Tarik berikutnya\s+dalam 7 hari/);
		expect(count('select count(*) from listing_snapshots')).toBe(2);

		// Pull now: the export did not change, the server answers 304 to our ETag.
		await feedItem(page, 'Ekspor sambal').getByRole('button', { name: 'Tarik sekarang' }).click();
		await expect.poll(() => page.locator('[data-testid=hasil-tarik]').innerText(), { timeout: 30_000 }).toBe('"Ekspor sambal" belum punya data baru. Tidak ada yang diimpor.');
		expect(exportServer.requests.at(-1)!.ifNoneMatch).toMatch(/^"/);
		expect(count("select count(*) from import_batches where status = 'done'")).toBe(1);

		// The partner publishes the next week: pulled now without JavaScript (a plain form post).
		exportServer.state = { body: WEEK2, contentType: 'text/csv' };
		const plain = await signedIn('/impor/sumber', false);
		await Promise.all([plain.waitForLoadState('load'), feedItem(plain, 'Ekspor sambal').getByRole('button', { name: 'Tarik sekarang' }).click()]);
		await expect.poll(() => plain.locator('[data-testid=hasil-tarik]').innerText(), { timeout: 30_000 }).toMatch(/^Data baru masuk dari "Ekspor sambal": 3 baris, 0 ditolak \(batch #\d+\)\.$/);
		expect(count('select count(*) from listing_snapshots')).toBe(5);
		expect(query('select s.price from listing_snapshots s join listings l on l.id = s.listing_id where l.external_id = ? and s.observed_at = ?', 'id:S1', day(0))).toEqual({ price: 16_000 });
		await plain.context().close();
		await page.context().close();
	});

	test('a failing export is recorded with its reason and retried on schedule, with nothing lost', async () => {
		exportServer.state = { body: 'down', contentType: 'text/plain', status: 500 };
		const page = await signedIn('/impor/sumber');
		await feedItem(page, 'Ekspor sambal').getByRole('button', { name: 'Tarik sekarang' }).click();
		await expect.poll(() => page.locator('[data-testid=hasil-tarik]').innerText(), { timeout: 30_000 }).toBe('Penarikan "Ekspor sambal" gagal. Server sumber menjawab 500 (Internal Server Error).');
		await page.reload();
		const item = await feedItem(page, 'Ekspor sambal').innerText();
		expect(item).toMatch(/Terakhir dicoba\s+baru saja \([^)]+\): gagal\. Server sumber menjawab 500/);
		expect(item).toMatch(/Tarik berikutnya\s+dalam 15 menit/);
		expect(count('select count(*) from listing_snapshots')).toBe(5);
		// Its retry time comes (moved here instead of waiting 15 minutes): the schedule pulls it again, and it works.
		exportServer.state = { body: WEEK2.replace('Rp28.000', 'Rp27.500'), contentType: 'text/csv' };
		exec("update feeds set next_run_at = '2000-01-01T00:00:00.000Z' where name = 'Ekspor sambal'");
		await reloadUntil(page, async () => /data baru masuk/.test(await feedItem(page, 'Ekspor sambal').locator('[data-testid=dicoba]').innerText()));
		expect(count('select failures from feeds')).toBe(0);
		await page.context().close();
	});

	test('a late feed is flagged on every page an admin opens and in /healthz', async () => {
		exec("update feeds set last_import_at = '2020-01-01T00:00:00.000Z', next_run_at = '2999-01-01T00:00:00.000Z' where name = 'Ekspor sambal'");
		const page = await signedIn('/impor');
		const banner = page.locator('[data-testid=sumber-terlambat]');
		expect(await banner.innerText()).toMatch(/Data terlambat masuk\.\s+Ekspor sambal: Terlambat [\d.]+ minggu: data baru seharusnya masuk 8 Januari 2020\./);
		await Promise.all([page.waitForURL((u) => u.pathname === '/impor/sumber'), banner.getByRole('link', { name: 'Lihat sumber data' }).click()]);
		expect(await feedItem(page, 'Ekspor sambal').locator('[data-testid=terlambat]').innerText()).toBe('Terlambat');
		const healthz = await (await fetch(`${server.url}/healthz`)).json();
		expect(healthz.ok).toBe(true);
		expect(healthz.checks.sumber).toMatchObject({ ok: true, feeds: 1, inbox: true, late: [{ name: 'Ekspor sambal' }] });
		// The pulls ran on the writer's own thread, as in production.
		expect(healthz.checks.writer).toMatchObject({ ok: true, mode: 'thread' });
		expect(JSON.stringify(healthz)).not.toContain('127.0.0.1');
		expect(server.log()).toMatch(/\[peringatan\] Sumber "Ekspor sambal" terlambat/);
		exec("update feeds set last_import_at = ?, next_run_at = '2999-01-01T00:00:00.000Z' where name = 'Ekspor sambal'", new Date().toISOString());
		await page.context().close();
	});

	test('a file dropped in the inbox is imported once and moved to done/ with a note; the same content again is not imported', async () => {
		const csv = listingsCsv([['T1', 'Sambal Tumpang Kediri 200 gr', 'Rp22.000', 30]], day(-1));
		// As the README tells a scraper: written as .part, renamed when complete.
		writeFileSync(join(inbox, 'tumpang.csv.part'), csv);
		renameSync(join(inbox, 'tumpang.csv.part'), join(inbox, 'tumpang.csv'));
		const deadline = Date.now() + 60_000;
		while (!existsSync(join(inbox, 'done', 'tumpang.csv.catatan.txt')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
		expect(existsSync(join(inbox, 'tumpang.csv'))).toBe(false);
		const note = readFileSync(join(inbox, 'done', 'tumpang.csv.catatan.txt'), 'utf8');
		expect(note).toMatch(/^Berkas: tumpang\.csv\n/);
		expect(note).toMatch(/Hasil: Diimpor sebagai batch #\d+\./);
		const batches = count("select count(*) from import_batches where status = 'done'");

		writeFileSync(join(inbox, 'tumpang-lagi.csv'), csv);
		while (!existsSync(join(inbox, 'done', 'tumpang-lagi.csv.catatan.txt')) && Date.now() < deadline + 30_000) await new Promise((r) => setTimeout(r, 200));
		expect(readFileSync(join(inbox, 'done', 'tumpang-lagi.csv.catatan.txt'), 'utf8')).toMatch(/Tidak diimpor lagi: isi yang sama sudah diimpor di batch #\d+\./);
		expect(count("select count(*) from import_batches where status = 'done'")).toBe(batches);

		const page = await signedIn('/impor/sumber');
		const folder = await page.locator('[data-testid=folder-impor]').innerText();
		expect(folder).toContain(inbox);
		expect(folder).toMatch(/Terakhir berhasil\s+baru saja \([^)]+\): tumpang\.csv/);
		expect(folder).toMatch(/1 baris masuk, 0 ditolak\./);
		await page.context().close();
	});

	test('removing a feed is asked once more, and keeps the data it brought', async () => {
		const page = await signedIn('/impor/sumber');
		await page.fill('#nama', 'Coba hapus');
		await page.fill('#alamat', exportServer.url('/lain.csv'));
		await page.locator('summary', { hasText: 'Pilihan lain' }).click();
		await page.check('input[name=lokal]');
		await page.getByRole('button', { name: 'Tambah sumber' }).click();
		await expect.poll(() => page.locator('main').innerText()).toMatch(/Sumber "Coba hapus" ditambahkan\./);
		const snapshots = count('select count(*) from listing_snapshots');
		// The first tap only opens the question; nothing is removed yet.
		await feedItem(page, 'Coba hapus').locator('summary', { hasText: 'Hapus sumber' }).click();
		expect(count("select count(*) from feeds where name = 'Coba hapus'")).toBe(1);
		await feedItem(page, 'Coba hapus').getByRole('button', { name: 'Ya, hapus "Coba hapus"' }).click();
		await expect.poll(() => page.locator('main').innerText()).toMatch(/Sumber "Coba hapus" dihapus\. Data yang sudah masuk tetap ada\./);
		expect(count("select count(*) from feeds where name = 'Coba hapus'")).toBe(0);
		expect(await page.locator('[data-testid=sumber]').count()).toBe(1);
		expect(count('select count(*) from listing_snapshots')).toBeGreaterThanOrEqual(snapshots);
		await page.context().close();
	});

	test('npm run feeds -- run works beside the running server; SIGTERM stops the server and its schedule cleanly', async () => {
		const run = await new Promise<{ status: number | null; stdout: string }>((done) => {
			const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/feeds.ts'), 'run'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: dbFile, IMPORT_NICE: '0' } });
			let stdout = '';
			child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
			child.on('close', (status) => done({ status, stdout }));
		});
		expect(run.status).toBe(0);
		expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ feed: 'Ekspor sambal', status: 'unchanged', batch: null, rows: 0 });
		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(server.log()).not.toMatch(/\[galat|Error:/);
	});
});
