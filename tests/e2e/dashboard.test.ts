import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseURL, launchBrowser } from './browser';
import { openAs } from '../security/sign-in';

// Product pages need a signed-in person; admin may see every product.
const openPage = (b: Browser, path: string, options = {}) => openAs(b, 'admin', path, options);

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const CARDS = ['#harga', '#permintaan', '#ulasan', '#saran'];

async function firstProductPath(query: string): Promise<string> {
	const page = await openPage(browser, `/produk?q=${encodeURIComponent(query)}`);
	const href = await page.locator('main ul a').first().getAttribute('href');
	await page.context().close();
	return href!;
}

describe('product list and dashboard', () => {
	test('search, open a dashboard, read four cards with server-drawn charts and tooltips', async () => {
		const page = await openPage(browser, '/produk');
		await expect.poll(() => page.locator('.badge', { hasText: 'Data contoh' }).count()).toBeGreaterThan(0);
		await page.fill('input[name=q]', 'kopi');
		await page.click('button[type=submit]');
		await page.waitForURL(/q=kopi/);
		const names = await page.locator('main ul a strong').allTextContents();
		expect(names.length).toBeGreaterThan(0);
		for (const n of names) expect(n.toLowerCase()).toContain('kopi');
		await page.locator('main ul a').first().click();
		await page.waitForURL(/\/produk\/\d+/);
		for (const card of CARDS) {
			const text = await page.locator(card).innerText();
			expect(text.length).toBeGreaterThan(30);
		}
		// The producer's own pack first (a piece, or "bungkus (250 gram)" and the price per kg after it).
		expect(await page.locator('#harga').innerText()).toMatch(/Harga Anda Rp[\d.]+ per (\w+|\w+ \([^)]+\), atau Rp[\d.]+ per (kg|liter|buah))\./);
		expect(await page.locator('[data-testid=tanggal-data]').first().innerText()).toMatch(/^Data per \d{1,2} \w+ \d{4}$/);
		// The basis sits in a closed <details>: present in the page, one tap away.
		expect(await page.locator('#harga details').textContent()).toMatch(/Dibandingkan dengan [\d.]+ produk serupa/);
		// The card's headline is the product's one demand call, the same the API gives.
		const lead = await page.locator('#permintaan .lead').innerText();
		expect(lead).toMatch(/^(Naik|Turun) \d+% dalam 4 minggu terakhir\.$|^Stabil: |^Belum ada riwayat|^Riwayat penjualan baru|^Penjualan masih sedikit/);
		const id = Number(new URL(page.url()).pathname.split('/').pop());
		const api = await page.request.get(`/api/trpc/product.dashboard?input=${encodeURIComponent(JSON.stringify({ id }))}`);
		const demand = ((await api.json()) as { result: { data: { demand: { headline: string[]; direction: string | null } } } }).result.data.demand;
		expect(lead).toBe(demand.headline[0]);
		if (demand.direction === 'stabil') expect(lead).not.toMatch(/%/);
		expect(await page.locator('#harga svg').count()).toBeGreaterThanOrEqual(1);
		expect(await page.locator('#permintaan svg').count()).toBe(1);
		// Hover a bar of the price chart: the tiny SSR client shows a tooltip.
		const bar = page.locator('#harga svg [ecmeta_ssr_type]').first();
		await bar.hover({ force: true });
		await expect.poll(() => page.locator('#harga .tip').count()).toBe(1);
		expect(await page.locator('#harga .tip').innerText()).toMatch(/Rp/);
		await page.context().close();
	});

	test('a dashboard opened directly carries each chart once, and keeps it (with tooltips) after the script starts', async () => {
		const path = await firstProductPath('kopi');
		const page = await openPage(browser, path);
		const html = await (await page.request.get(path)).text();
		const figures = (html.match(/<figure class="chart/g) ?? []).length;
		expect(figures).toBeGreaterThanOrEqual(3);
		// The SVG markup is in the page once per chart: not again inside the hydration data.
		expect((html.match(/<svg /g) ?? []).length).toBe(figures);
		expect(html).not.toContain('\\u003Csvg');
		// Scripts are announced after the content, not in a Link header.
		expect((await page.request.get(path)).headers()['link'] ?? '').not.toContain('modulepreload');
		await page.goto(path);
		await page.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()));
		expect(await page.locator('figure.chart svg').count()).toBe(figures);
		await page.locator('#harga svg [ecmeta_ssr_type]').first().hover({ force: true });
		await expect.poll(() => page.locator('#harga .tip').count()).toBe(1);
		await page.context().close();
	});

	test('reads completely with JavaScript disabled', async () => {
		const path = await firstProductPath('gerabah');
		const page = await openPage(browser, path, { javaScriptEnabled: false });
		for (const card of CARDS) expect(await page.locator(card).count()).toBe(1);
		expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
		expect(await page.locator('#harga').innerText()).toMatch(/Harga Anda/);
		// The basis is one tap away, without JavaScript too.
		await page.locator('#harga summary').click();
		expect(await page.locator('#harga details p').innerText()).toMatch(/produk serupa/);
		// Search works as a plain GET form (the product list is /produk; / sends each role home).
		await page.goto('/produk');
		await page.fill('input[name=q]', 'batik');
		await Promise.all([page.waitForURL(/q=batik/), page.click('button[type=submit]')]);
		expect(await page.locator('main ul a').count()).toBeGreaterThan(0);
		await page.context().close();
	});

	test('fits a 360 px phone without sideways scrolling', async () => {
		const path = await firstProductPath('kopi');
		for (const p of ['/', path]) {
			const page = await openPage(browser, p, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
			const { scroll, client } = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(scroll).toBeLessThanOrEqual(client);
			await page.context().close();
		}
	});

	test('an unknown product gets a 404 page in Indonesian', async () => {
		const page = await openPage(browser, '/');
		const response = await page.goto('/produk/99999999');
		expect(response?.status()).toBe(404);
		expect(await page.locator('h1').innerText()).toBe('Halaman tidak ditemukan');
		await page.context().close();
	});

	test('HTML is sent compressed', async () => {
		const res = await fetch(`${baseURL()}/`, { headers: { 'accept-encoding': 'gzip, br' } });
		expect(['gzip', 'br']).toContain(res.headers.get('content-encoding'));
		expect(await res.text()).toContain('Despro Pasar');
	});
});
