// /tren and /koperasi in Chromium, signed in as the demo co-op account, with and without
// JavaScript: filters as a GET form, server-drawn charts, the season plan, and editing a bill of
// materials with the plain form (the season plan itself: coop-season.test.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openAs } from '../security/sign-in';
import { launchBrowser } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function signedIn(javaScriptEnabled: boolean, path: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
	const page = await openAs(browser, 'koperasi', path, { javaScriptEnabled, ...(viewport ? { viewport } : {}) });
	return { context: page.context(), page };
}

describe.each([true, false])('/tren (JavaScript %s)', (js) => {
	test('categories ranked with a verdict, a sentence, a chart and the basis; filters by marketplace', async () => {
		const { context, page } = await signedIn(js, '/tren');
		const items = page.locator('ol.list > li');
		expect(await items.count()).toBeGreaterThan(10);
		const first = items.first();
		expect(await first.locator('.verdict').innerText()).toMatch(/^(Naik|Turun|Stabil|Belum dinilai)$/);
		expect(await first.locator('.headline').innerText()).toMatch(/minggu|sedikit|penjualan|naik-turun biasa/i);
		expect(await page.locator('ol.list svg').count()).toBe(await items.count());
		await first.locator('summary').click();
		expect(await first.locator('details li').first().innerText()).toMatch(/^Terjual [\d.]+ pada /);
		expect(await page.locator('#ringkasan').innerText()).toMatch(/^\d+ kategori: \d+ naik, \d+ turun, \d+ stabil(, \d+ belum dinilai)?\.$/);
		await page.selectOption('select[name=marketplace]', 'lazada');
		await Promise.all([page.waitForURL(/marketplace=lazada/), page.click('form.filters button[type=submit]')]);
		expect(await page.locator('select[name=marketplace]').inputValue()).toBe('lazada');
		expect(await page.locator('ol.list > li').count()).toBeGreaterThan(0);
		await context.close();
	});
});

describe('/koperasi', () => {
	test('forecast with its band, next peak, production and raw-material plan', async () => {
		const { context, page } = await signedIn(true, '/koperasi');
		expect(await page.locator('h1').innerText()).toMatch(/^KUD /);
		expect(await page.locator('#puncak').innerText()).toMatch(/Lebaran 20\d\d: \d{1,2} \w+, \d+ minggu lagi/);
		expect(await page.locator('#perkiraan svg').count()).toBeGreaterThan(0);
		const blocks = await page.locator('#perkiraan article').allInnerTexts();
		for (const b of blocks) expect(b).toMatch(/Perkiraan \d+ minggu ke depan: sekitar [\d.]+ terjual\.|Permintaan sulit diperkirakan\./);
		expect(await page.locator('#rencana li[data-product]').count()).toBeGreaterThan(0);
		expect(await page.locator('#rencana .lead').innerText()).toMatch(/^Buat [\d.]+ barang untuk Lebaran 20\d\d\./);
		expect(await page.locator('#beli-paling-lambat').innerText()).toMatch(/^Beli bersama paling lambat \d+ \w+ 20\d\d\.$/);
		expect(await page.locator('#perkiraan figcaption').first().innerText()).toMatch(/terjual per minggu/);
		// Another co-op's plan is not for this account.
		const other = await page.goto('/koperasi?koperasi=99999');
		expect(other?.status()).toBe(403);
		await context.close();
	});

	test('edits a bill of materials with the plain form (no JavaScript), with a 422 on bad input', async () => {
		const { context, page } = await signedIn(false, '/koperasi');
		// A product the season plan makes something of, so its materials join the purchase.
		const made = page.locator('#rencana li[data-product]').filter({ hasNot: page.locator('[data-testid=jumlah]', { hasText: /^0$/ }) }).first();
		const bom = page.locator(`#bom-${await made.getAttribute('data-product')}`);
		await bom.locator('summary').click();
		const materials = bom.locator('input[name=material]');
		const last = (await materials.count()) - 1;
		await materials.nth(last).fill('Kardus pengiriman');
		await bom.locator('input[name=quantity]').nth(last).fill('dua');
		await bom.locator('input[name=unit]').nth(last).fill('buah');
		const bad = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), bom.locator('button[type=submit]').click()]);
		expect(bad[0].status()).toBe(422);
		await page.waitForLoadState();
		const again = page.locator('#daftar-bahan details[open]');
		expect(await again.locator('[role=alert]').innerText()).toMatch(/jumlah Kardus pengiriman harus angka lebih dari 0/);
		// The typed rows come back; fix the amount and save.
		expect(await again.locator('input[name=material]').nth(last).inputValue()).toBe('Kardus pengiriman');
		await again.locator('input[name=quantity]').nth(last).fill('1');
		await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 200), again.locator('button[type=submit]').click()]);
		await page.waitForLoadState();
		await page.goto('/koperasi');
		expect(await page.locator('#bahan').innerText()).toContain('Kardus pengiriman');
		await context.close();
	});

	test('fits a 360 px phone without sideways scrolling', async () => {
		for (const path of ['/tren', '/koperasi']) {
			const { context, page } = await signedIn(true, path, { width: 360, height: 740 });
			const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
			expect(scroll).toBeLessThanOrEqual(client);
			await context.close();
		}
	});
});
