// The agent's main path in Chromium: their producers by urgency, adding a producer and a
// product with plain forms, the explain view, the WhatsApp text and a one-page print.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser';
import { openAs } from '../security/sign-in';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** Pages in a PDF: one "/Type /Page" object per page ("/Type /Pages" is the tree). */
function pdfPages(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function addProducerAndProduct(page: Page, name: string): Promise<void> {
	await page.goto('/agen/produsen/baru');
	await page.fill('#name', name);
	await page.selectOption('#villageCode', { index: 1 });
	await Promise.all([page.waitForURL(/\/agen\/produsen\/\d+\?baru=1/), page.click('main button[type=submit]')]);
	expect(await page.locator('h1').innerText()).toBe(name);
	await page.fill('#p-name', 'Kopi Robusta Bubuk Temanggung 250 gr');
	const kopi = await page.locator('#p-category option', { hasText: 'Kopi Bubuk' }).first().getAttribute('value');
	await page.selectOption('#p-category', kopi!);
	await page.fill('#p-price', '32.000');
	await page.fill('#p-pack', '250');
	await page.selectOption('#p-unit', 'g');
	await Promise.all([page.waitForURL(/\/agen\/produk\/\d+$/), page.click('form[action="?/produk"] button[type=submit]')]);
}

describe('agent', () => {
	test('sees their producers, most urgent first, each with a one-line status', async () => {
		const page = await openAs(browser, 'agen');
		expect(new URL(page.url()).pathname).toBe('/agen');
		const items = page.locator('main ul.list > li');
		expect(await items.count()).toBeGreaterThan(3);
		const lines = await page.locator('main ul.list .status').allInnerTexts();
		for (const l of lines) expect(l).toMatch(/penjual|harga|permintaan|data|produk/);
		// Urgent ones (orange) come before the rest.
		const urgent = await items.evaluateAll((els) => els.map((e) => e.classList.contains('urgent')));
		expect(urgent.indexOf(false) === -1 || !urgent.slice(urgent.indexOf(false)).includes(true)).toBe(true);
		await page.context().close();
	});

	test.each([true, false])('adds a producer and a product, explains, shares and prints (JavaScript %s)', async (javaScriptEnabled) => {
		const page = await openAs(browser, 'agen', '/agen', { javaScriptEnabled });
		const name = `Bu Uji ${javaScriptEnabled ? 'Satu' : 'Dua'}`;
		await addProducerAndProduct(page, name);

		// Explain view: 3–5 talking points, large charts, WhatsApp link, print links.
		expect(await page.locator('h1').innerText()).toBe('Kopi Robusta Bubuk Temanggung 250 gr');
		const points = await page.locator('#poin + ol li').allInnerTexts();
		expect(points.length).toBeGreaterThanOrEqual(3);
		expect(points.length).toBeLessThanOrEqual(5);
		// The data's date first, then the price in the producer's own pack and per kg.
		expect(points[0]).toMatch(/^Data per \d{1,2} \w+ \d{4}\./);
		expect(points[1]).toMatch(/^Harga Anda Rp32\.000 per bungkus \(250 gram\), atau Rp128\.000 per kg\./);
		// The Saran: the dashboard's whole list, also at the end of the WhatsApp text.
		const advice = await page.locator('[data-testid=saran] li strong').allInnerTexts();
		expect(advice.length).toBeGreaterThanOrEqual(2);
		expect(await page.locator('main svg').count()).toBeGreaterThanOrEqual(2);
		const href = (await page.locator('a', { hasText: 'Bagikan ke WhatsApp' }).getAttribute('href'))!;
		expect(href.startsWith('https://wa.me/?text=')).toBe(true);
		const text = decodeURIComponent(href.slice('https://wa.me/?text='.length));
		expect(text.length).toBeLessThanOrEqual(700);
		expect(text).toContain(`(${name})`);
		expect(text).toContain('Rp128.000');
		expect(text).not.toMatch(/[<>*_~`]/);
		const lines = text.split('\n');
		const at = lines.indexOf('Saran:');
		expect(lines.slice(at + 1, at + 1 + advice.length).map((l) => l.replace(/^\d+\. /, ''))).toEqual(advice);
		expect(await page.locator('#wa-text').inputValue()).toBe(text);

		// The new producer is in the agent's list.
		await page.goto('/agen');
		expect(await page.locator('main ul.list a.name', { hasText: name }).count()).toBe(1);
		await page.context().close();
	});

	test('the print view is one page on A4 and on A5, with charts and without menus', async () => {
		const page = await openAs(browser, 'agen');
		const explain = (await page.locator('main ul.list a[href^="/agen/produk/"]').first().getAttribute('href'))!;
		// The printed points say the product's one demand call, as the dashboard API does.
		const id = Number(explain.split('/').pop());
		const api = await page.request.get(`/api/trpc/product.dashboard?input=${encodeURIComponent(JSON.stringify({ id }))}`);
		const demand = ((await api.json()) as { result: { data: { demand: { headline: string[] } } } }).result.data.demand;
		const said = demand.headline[0].charAt(0).toLowerCase() + demand.headline[0].slice(1);
		for (const [paper, format] of [['a4', 'A4'], ['a5', 'A5']] as const) {
			await page.goto(`${explain}/cetak?kertas=${paper}`);
			expect(await page.locator('.sheet .points').innerText()).toContain(said);
			await page.emulateMedia({ media: 'print' });
			expect(await page.locator('header.top').isVisible()).toBe(false);
			expect(await page.locator('nav.menu').isVisible()).toBe(false);
			expect(await page.locator('.screen-only').isVisible()).toBe(false);
			expect(await page.locator('.sheet svg').count()).toBeGreaterThanOrEqual(1);
			const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: true });
			expect(pdfPages(pdf), `${format} pages`).toBe(1);
			const plain = await page.pdf({ format });
			expect(pdfPages(plain), `${format} pages with the browser's own margins`).toBe(1);
			await page.emulateMedia({ media: 'screen' });
		}
		await page.context().close();
	});

	test("another agent's product answers 404 in the explain and print views", async () => {
		const page = await openAs(browser, 'agen');
		const own = await page.locator('main ul.list a[href^="/agen/produk/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		const foreign = [1, 2, 3, 4, 5, 6].map((i) => `/agen/produk/${i}`).find((h) => !own.includes(h))!;
		expect((await page.goto(foreign))?.status()).toBe(404);
		expect((await page.goto(`${foreign}/cetak`))?.status()).toBe(404);
		await page.context().close();
	});
});
