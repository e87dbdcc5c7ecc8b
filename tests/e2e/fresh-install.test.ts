// A fresh install without the demo (DEMO_DATA=off) that imports the real Tokopedia sambal files:
// its own server on its own database, the first account made as an admin would make it, the
// files imported with `npm run import`, and a producer's sambal product whose price is compared
// with sambal only — no black garlic, bumbu pecel, BonCabe, gochujang or bottled saus sambal —
// with the sambal jars that state no weight counted and named on the card and in its list.
//
// The first account: through the accounts service (createAccount) on the install's database, as
// `npm run account -- create` will (issue 11 item 10, built by another engineer). More checks of
// this same install belong here: the data's own date, "data sudah lama", no invented weekly
// bars, no price or stock advice from old data (issue 11 items 5–7) — each a test below the
// setup, reading the same product page.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import { openDatabase } from '../../src/lib/server/db';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createProducerFor } from '../../src/lib/server/write/producers';
import { createProductFor } from '../../src/lib/server/write/products';
import { labels, titleKey } from '../fixtures/competitor-labels';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';
import { launchBrowser } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const PHONE = '0812 7000 0001';
const PASSWORD = 'kata-sandi-desa-1';

let dir: string;
let server: ChildProcess | undefined;
let baseURL: string;
let browser: Browser;
let productId: number;

async function startServer(databaseUrl: string): Promise<string> {
	server = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
		cwd: ROOT,
		env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, DEMO_DATA: 'off' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	return new Promise<string>((done, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log}`)), 120_000);
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

async function signIn(javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`/masuk?ke=${encodeURIComponent(`/produk/${productId}`)}`);
	await page.fill('#phone', PHONE);
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname === `/produk/${productId}`, { timeout: 60_000 }), page.click('main button[type=submit]')]);
	return page;
}

describe.skipIf(!hasSharedData)(`a fresh install with the real sambal files ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, () => {
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'despro-fresh-'));
		const databaseUrl = join(dir, 'desa.db');
		baseURL = await startServer(databaseUrl);
		// The first account of an install without the demo.
		const db = openDatabase(databaseUrl);
		const adminId = await createAccount(db, { phone: PHONE, password: PASSWORD, role: 'admin', name: 'Admin Desa' });
		// The real files, imported from the command line while the server runs.
		for (const file of ['tokopedia_sambal_raw.csv', 'tokopedia_sambal_clean.csv']) {
			await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', sharedPath('tokopedia-sambal-listings-2025', file)], {
				cwd: ROOT,
				env: { ...process.env, DATABASE_URL: databaseUrl, IMPORT_NICE: '0' },
				timeout: 170_000
			});
		}
		// A producer and her sambal, added as the admin would in /agen.
		const admin: Actor = { id: adminId, role: 'admin', name: 'Admin Desa', producerId: null, agentId: null, cooperativeId: null };
		const producerId = await createProducerFor(db, admin, { name: 'Bu Darmi' });
		const categoryId = db.$client.prepare("select id from categories where slug = 'sambal-bumbu'").pluck().get() as number;
		productId = await createProductFor(db, admin, producerId, { name: 'Sambal Bawang Mbok Darmi 200 gr', categoryId, price: 25_000, packQuantity: 200, unit: 'g' });
		db.$client.close();
		browser = await launchBrowser();
	}, 400_000);

	afterAll(async () => {
		await browser?.close();
		if (server && server.exitCode === null) {
			const exited = new Promise<void>((done) => server!.once('exit', () => done()));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server!.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		server?.stdout?.destroy();
		server?.stderr?.destroy();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	test('the sambal product is compared with sambal only, and the jars without a weight are named', async () => {
		const page = await signIn();
		const card = page.locator('#harga');
		const text = await card.innerText();
		expect(text).toMatch(/Dibandingkan dengan \d+ produk sejenis\./);
		expect(text).toMatch(/\d+ tanpa berat di judul/);
		// The list, one tap away.
		await Promise.all([page.waitForURL((u) => u.pathname === `/produk/${productId}/pembanding`), card.getByRole('link', { name: 'Lihat daftarnya' }).click()]);
		const truth = new Map(labels().filter((l) => l.file.startsWith('tokopedia-sambal')).map((l) => [l.key, l.kind]));
		const titlesOf = async (heading: RegExp) => {
			const section = page.locator('h2', { hasText: heading }).locator('xpath=following-sibling::*[1]');
			return (await section.locator('tbody tr td.title').allInnerTexts()).map((t) => t.split('\n')[0].trim());
		};
		const compared = await titlesOf(/^Dibandingkan/);
		expect(compared.length).toBeGreaterThanOrEqual(15);
		// Judged by our hand labels of the real titles, not by the rules under test.
		expect(compared.filter((t) => truth.get(titleKey(t)) !== 'sambal')).toEqual([]);
		for (const lookAlike of [/black garlic/i, /boncabe|bon cabe/i, /gochujang/i, /bumbu pecel/i, /saus sambal|saos cabe/i]) {
			expect(compared.some((t) => lookAlike.test(t)), String(lookAlike)).toBe(false);
		}
		const noWeight = await titlesOf(/tanpa berat di judul/);
		expect(noWeight.length).toBeGreaterThanOrEqual(10);
		expect(noWeight.filter((t) => truth.get(titleKey(t)) !== 'sambal')).toEqual([]);
		await page.context().close();
	});

	test('the list works without JavaScript', async () => {
		const page = await signIn(false);
		await page.goto(`/produk/${productId}/pembanding`);
		expect(await page.locator('h1').innerText()).toBe('Produk pembanding');
		expect(await page.locator('main').innerText()).toMatch(/Harga Anda dibandingkan dengan \d+ produk sejenis: sambal\./);
		await page.context().close();
	});
});
