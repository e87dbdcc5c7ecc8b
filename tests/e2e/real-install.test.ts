// A fresh install without the demo (DEMO_DATA=off) that imports the real Tokopedia sambal scrape
// of ../shared/data (April 2025), as a data steward would: the first account made with
// `npm run account -- create`, one file through the CLI (refused until its date is given: its
// content states none), one through /impor in Chromium (dated by the search_id in its URLs,
// whatever the form's date says). Then a producer's sambal product is compared with sambal only
// (no black garlic, bumbu pecel, BonCabe, gochujang or bottled saus sambal; the jars without a
// weight counted and named), and every surface shows the data's own date, 26 April 2025, marks it
// "data sudah lama", draws no invented weekly bars and gives no price or stock advice from it
// (issue 11). Its own server and database, next to the shared demo server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { createProducerFor } from '../../src/lib/server/write/producers';
import { createProductFor } from '../../src/lib/server/write/products';
import { labels, titleKey } from '../fixtures/competitor-labels';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';
import { launchBrowser } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const PHONE = '0812 7000 0426';
const PASSWORD = 'sambal-april-2025';
const RAW = 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv';
const CLEAN = 'tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv';
// What a producer must not be told from April 2025 data in a later month.
const PRICE_OR_STOCK = /Naikkan harga|Turunkan harga|Pertahankan harga|Jangan naikkan|masih bisa naik|stok/i;

let dir: string;
let dbFile: string;
let server: ChildProcess | undefined;
let baseURL: string;
let browser: Browser;
let productId: number;

function importCli(file: string, ...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/import.ts'), sharedPath(file), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: dbFile, IMPORT_NICE: '0' },
		encoding: 'utf8'
	});
}

async function startServer(): Promise<string> {
	server = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
		cwd: ROOT,
		env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: dbFile, DEMO_DATA: 'off', PAGE_STALE_MS: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	return new Promise<string>((done, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 120_000);
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			const m = /berjalan di (http:\/\/\S+)/.exec(log);
			if (m) {
				clearTimeout(timer);
				done(m[1]);
			}
		};
		server!.stdout!.on('data', onData);
		server!.stderr!.on('data', onData);
		server!.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
	});
}

async function signedIn(path: string, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`/masuk?ke=${encodeURIComponent(path)}`);
	await page.fill('#phone', PHONE);
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/masuk', { timeout: 30_000 }), page.click('main button[type=submit]')]);
	return page;
}

describe.skipIf(!hasSharedData)(`a fresh install with the real sambal scrape ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, () => {
	let admin: Actor;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'despro-real-'));
		dbFile = join(dir, 'real.db');
		// The first account of an install without the demo, made as the README says.
		const made = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/account.ts'), 'create', '--role', 'admin', '--phone', PHONE, '--name', 'Admin Uji'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: dbFile, ACCOUNT_PASSWORD: PASSWORD },
			encoding: 'utf8'
		});
		expect(made.status, made.stderr).toBe(0);
		const db = openDatabase(dbFile);
		migrateDatabase(db);
		const id = db.$client.prepare("select id from users where role = 'admin'").pluck().get() as number;
		admin = { id, role: 'admin', name: 'Admin Uji', producerId: null, agentId: null, cooperativeId: null };
		db.$client.close();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		if (server && server.exitCode === null) {
			const exited = new Promise<void>((done) => server!.once('exit', () => done()));
			server.kill('SIGTERM');
			await exited;
		}
		server?.stdout?.destroy();
		server?.stderr?.destroy();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	test('the CLI refuses the clean file until its date is given; it is not taken from anywhere else', () => {
		const refused = importCli(CLEAN);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/Isi berkas tidak menyebut tanggal data diambil\. Sebutkan tanggalnya dengan --observed-at TTTT-BB-HH/);
		const ok = importCli(CLEAN, '--observed-at', '2025-04-26');
		expect(ok.status).toBe(0);
		expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ observedAt: '2025-04-26', observedSource: 'cli' });
	});

	test('/impor: the date field is visible, required and shows today; the raw file is dated by its own URLs', async () => {
		baseURL = await startServer();
		const page = await signedIn('/impor');
		const field = page.locator('#tanggal');
		expect(await field.isVisible()).toBe(true);
		expect(await field.getAttribute('required')).not.toBeNull();
		const today = new Date().toISOString().slice(0, 10);
		expect(await field.inputValue()).toBe(today);
		// A date in a file's name is put in the field and said, for the user to check; never silently.
		await page.setInputFiles('input[name=berkas]', { name: 'tokopedia_laptop_2023-02-09.csv', mimeType: 'text/csv', buffer: Buffer.from('title,price\n') });
		expect(await field.inputValue()).toBe('2023-02-09');
		expect(await page.locator('#tanggal-info [role=status]').innerText()).toBe('Tanggal dari nama berkas: 9 Februari 2023. Periksa dulu sebelum impor.');
		await page.setInputFiles('input[name=berkas]', sharedPath(RAW));
		// Another file without a date in its name: today again, no suggestion left behind.
		expect(await field.inputValue()).toBe(today);
		expect(await page.locator('#tanggal-info [role=status]').count()).toBe(0);
		await page.click('#impor');
		await page.locator('[data-testid=ringkasan]').waitFor({ timeout: 60_000 });
		expect(await page.locator('[data-testid=tanggal-data]').innerText()).toBe('Tanggal data: 26 April 2025 (dari search_id di URL produk)');
		expect(await page.locator('[data-testid=ringkasan]').innerText()).toMatch(/dari formulir tidak dipakai: isi berkas menyebut tanggalnya sendiri/);
		// The history names each batch's date and where it came from.
		await expect.poll(() => page.locator('[data-testid=riwayat]').innerText()).toMatch(/26 April 2025 \(dari search_id di URL produk\)/);
		expect(await page.locator('[data-testid=riwayat]').innerText()).toMatch(/26 April 2025 \(dari perintah impor \(--observed-at\)\)/);
		await page.context().close();
	});

	test('a sambal product: "Data per 26 April 2025", "data sudah lama", no price or stock advice, no alerts', async () => {
		const db = openDatabase(dbFile);
		try {
			const categoryId = db.$client.prepare("select id from categories where slug = 'sambal-bumbu'").pluck().get() as number;
			const producerId = await createProducerFor(db, admin, { name: 'Bu Yuni' });
			productId = await createProductFor(db, admin, producerId, { name: 'Sambal Bawang Pedas 200 gr', categoryId, price: 25_000, packQuantity: 200, unit: 'g' });
			// A co-op for /koperasi (no service creates one yet).
			const coop = Number(db.$client.prepare("insert into cooperatives (name) values ('KUD Uji')").run().lastInsertRowid);
			db.$client.prepare("insert into memberships (cooperative_id, producer_id, joined_at) values (?, ?, '2025-01-01')").run(coop, producerId);
		} finally {
			db.$client.close();
		}
		for (const js of [true, false]) {
			const page = await signedIn(`/produk/${productId}`, js);
			const date = await page.locator('[data-testid=tanggal-data]').innerText();
			expect(date).toMatch(/^Data per 26 April 2025 · data sudah lama/);
			const saran = await page.locator('#saran').innerText();
			expect(saran).toMatch(/Perbarui data pasar dulu, data ini sudah lama\./);
			expect(saran).toMatch(/Data per 26 April 2025, lebih dari 4 minggu lalu\./);
			for (const title of await page.locator('#saran li strong').allInnerTexts()) expect(title).not.toMatch(PRICE_OR_STOCK);
			expect(await page.locator('#peringatan').count()).toBe(0);
			expect(await page.locator('#harga').textContent()).toMatch(/Data per 26 April 2025\./);
			// One scrape is no weekly history: what is known is said, and no bars are drawn.
			const demand = page.locator('#permintaan');
			expect(await demand.innerText()).toMatch(/Belum ada riwayat penjualan mingguan\./);
			expect(await demand.innerText()).toMatch(/Produk serupa sudah terjual [\d.,]+( rb)?\+ sejauh ini\./);
			expect(await demand.locator('svg').count()).toBe(0);
			await page.context().close();
		}
	});

	test('the sambal product is compared with sambal only; the jars without a weight are named, one tap away', async () => {
		const page = await signedIn(`/produk/${productId}`);
		const card = page.locator('#harga');
		const text = await card.innerText();
		expect(text).toMatch(/Dibandingkan dengan \d+ produk sejenis\./);
		expect(text).toMatch(/\d+ tanpa berat di judul/);
		await Promise.all([page.waitForURL((u) => u.pathname === `/produk/${productId}/pembanding`), card.getByRole('link', { name: 'Lihat daftarnya' }).click()]);
		// Judged by our hand labels of the real titles, not by the rules under test.
		const truth = new Map(labels().filter((l) => l.file.startsWith('tokopedia-sambal')).map((l) => [l.key, l.kind]));
		const titlesOf = async (heading: RegExp) => {
			const section = page.locator('h2', { hasText: heading }).locator('xpath=following-sibling::*[1]');
			return (await section.locator('tbody tr td.title').allInnerTexts()).map((t) => t.split('\n')[0].trim());
		};
		const compared = await titlesOf(/^Dibandingkan/);
		expect(compared.length).toBeGreaterThanOrEqual(15);
		expect(compared.filter((t) => truth.get(titleKey(t)) !== 'sambal')).toEqual([]);
		for (const lookAlike of [/black garlic/i, /boncabe|bon cabe/i, /gochujang/i, /bumbu pecel/i, /saus sambal|saos cabe/i]) {
			expect(compared.some((t) => lookAlike.test(t)), String(lookAlike)).toBe(false);
		}
		const noWeight = await titlesOf(/tanpa berat di judul/);
		expect(noWeight.length).toBeGreaterThanOrEqual(10);
		expect(noWeight.filter((t) => truth.get(titleKey(t)) !== 'sambal')).toEqual([]);
		await page.context().close();
		// The list works without JavaScript too.
		const plain = await signedIn(`/produk/${productId}/pembanding`, false);
		expect(await plain.locator('h1').innerText()).toBe('Produk pembanding');
		expect(await plain.locator('main').innerText()).toMatch(/Harga Anda dibandingkan dengan \d+ produk sejenis: sambal\./);
		await plain.context().close();
	});

	test('the explain view, WhatsApp text, print, /agen, /tren, /koperasi and tRPC say the same date', async () => {
		const page = await signedIn(`/agen/produk/${productId}`);
		const points = await page.locator('#poin + ol li').allInnerTexts();
		expect(points[0]).toBe('Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu. Angka bisa sudah berubah.');
		const advice = await page.locator('[data-testid=saran] li strong').allInnerTexts();
		for (const title of advice) expect(title).not.toMatch(PRICE_OR_STOCK);
		const wa = await page.locator('#wa-text').inputValue();
		expect(wa.split('\n')[1]).toBe('Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu. Angka bisa sudah berubah.');
		const lines = wa.split('\n');
		expect(lines.slice(lines.indexOf('Saran:') + 1).map((l) => l.replace(/^\d+\. /, ''))).toEqual(advice);
		expect(wa).not.toMatch(PRICE_OR_STOCK);

		await page.goto(`/agen/produk/${productId}/cetak`);
		expect(await page.locator('[data-testid=tanggal-data]').innerText()).toBe('Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu.');
		expect(await page.locator('[data-testid=saran] strong').allInnerTexts()).toEqual(advice);
		expect(await page.locator('footer').innerText()).toMatch(/Data per 26 April 2025 \(data sudah lama\)/);

		await page.goto('/agen');
		// Issue 13: the agent's line says how old, in weeks ("data 6 minggu lama"); the date itself sits just below.
		expect(await page.locator('main ul.list .status').first().innerText()).toMatch(/^Sambal Bawang Pedas 200 gr: data \d+ minggu lama, perlu diperbarui$/);
		expect(await page.locator('main ul.list [data-testid=tanggal-data]').first().innerText()).toBe('Data per 26 April 2025');

		for (const path of ['/tren', '/koperasi']) {
			await page.goto(path);
			expect(await page.locator('[data-testid=tanggal-data]').innerText(), path).toMatch(/^Data per 26 April 2025 · data sudah lama/);
		}

		const api = await page.request.get(`/api/trpc/product.dashboard?input=${encodeURIComponent(JSON.stringify({ id: productId }))}`);
		expect(api.status()).toBe(200);
		const d = (await api.json()).result.data;
		expect(d).toMatchObject({ dataUntil: '2025-04-26', stale: true, dataNote: 'Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu.', alerts: [] });
		expect(d.advice.map((a: { title: string }) => a.title)).toEqual(advice);
		expect(d.advice.filter((a: { kind: string }) => a.kind === 'harga' || a.kind === 'stok')).toEqual([]);
		await page.context().close();
	});
});
