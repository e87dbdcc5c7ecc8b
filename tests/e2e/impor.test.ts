// The /impor page end to end in Chromium with real files from ../shared/data: signed in as
// the demo admin, upload with JavaScript (live progress, summary, rejected rows as CSV), the
// same without JavaScript (a plain multipart form post), the size limit message, the history.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/lib/server/demo/accounts';
import { clearAddressFailures } from '../security/sign-in';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';
import { baseURL, launchBrowser } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function signedInAdmin(javaScriptEnabled = true): Promise<Page> {
	clearAddressFailures();
	const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled });
	const page = await context.newPage();
	await page.goto('/masuk?ke=/impor');
	await page.fill('#phone', DEMO_PHONES.admin);
	await page.fill('#password', DEMO_PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname === '/impor'), page.click('main button[type=submit]')]);
	return page;
}

const count = async (page: Page, key: string) => Number((await page.locator(`[data-testid=ringkasan] [data-k=${key}]`).innerText()).replace(/\./g, ''));

describe.skipIf(!hasSharedData)(`/impor ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, () => {
	test('upload with JavaScript: progress, summary, rejected rows download, history', async () => {
		const page = await signedInAdmin();
		expect(await page.locator('h1').innerText()).toMatch(/Impor data pasar/);
		await page.setInputFiles('input[name=berkas]', sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'));
		await page.click('#impor');
		await page.locator('[data-testid=ringkasan]').waitFor({ timeout: 30_000 });
		expect(await page.locator('[data-testid=ringkasan] h2').innerText()).toMatch(/Impor selesai: tokopedia_sambal_raw\.csv/);
		const rows = await count(page, 'rows');
		expect(rows).toBe(76);
		const parts = await Promise.all(['inserted', 'updated', 'duplicates', 'rejected'].map((k) => count(page, k)));
		expect(parts.reduce((a, b) => a + b, 0)).toBe(rows);
		expect(parts[3]).toBeGreaterThan(0);
		// The rejected rows, as CSV, with Indonesian and English reasons.
		const href = await page.locator('[data-testid=ringkasan] a[download]').getAttribute('href');
		const csv = await page.request.get(href!);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toMatch(/text\/csv/);
		const text = await csv.text();
		expect(text).toMatch(/baris,kolom,alasan,reason,isi_baris/);
		expect(text).toMatch(/Nama produk kosong,Product title is empty/);
		// The batch appears in the history after the page refreshed its data.
		await expect.poll(() => page.locator('[data-testid=riwayat] li').first().innerText()).toMatch(/tokopedia_sambal_raw\.csv/);
		await page.context().close();
	});

	test('upload without JavaScript: a plain form post answers with the summary', async () => {
		const page = await signedInAdmin(false);
		await page.setInputFiles('input[name=berkas]', sharedPath('lazada-iphone-listings-2025/lazada_iphone.csv'));
		await Promise.all([page.waitForLoadState('load'), page.click('#impor')]);
		await page.locator('[data-testid=ringkasan]').waitFor();
		expect(await count(page, 'rows')).toBe(75);
		expect(await count(page, 'inserted')).toBe(75);
		// The same file again: nothing new, every row already there.
		await page.goto('/impor');
		await page.setInputFiles('input[name=berkas]', sharedPath('lazada-iphone-listings-2025/lazada_iphone.csv'));
		await Promise.all([page.waitForLoadState('load'), page.click('#impor')]);
		await page.locator('[data-testid=ringkasan]').waitFor();
		expect(await count(page, 'inserted')).toBe(0);
		expect(await count(page, 'duplicates')).toBe(75);
		await page.context().close();
	});

	test('an unrecognised file gets a message naming the expected columns; a too large file the size limit', async () => {
		const page = await signedInAdmin(false);
		await page.setInputFiles('input[name=berkas]', {
			name: 'aneh.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('a;b;c\n1;2;3\n')
		});
		await Promise.all([page.waitForLoadState('load'), page.click('#impor')]);
		expect(await page.locator('[role=alert]').innerText()).toMatch(/Bentuk berkas tidak dikenali.*title dan price/);
		await page.goto('/impor');
		// adapter-node's default BODY_SIZE_LIMIT is 512K; this file is larger.
		await page.setInputFiles('input[name=berkas]', sharedPath('prdect-id-tokopedia-reviews/prdect_id.csv'));
		await Promise.all([page.waitForLoadState('load'), page.click('#impor')]);
		expect(await page.locator('[role=alert]').innerText()).toMatch(/Berkas terlalu besar\. Batas unggah/);
		await page.context().close();
	});
});
