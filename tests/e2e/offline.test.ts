// Offline after a first visit (src/service-worker.ts): a dashboard opened once opens again without
// a network, with the note of when its data was fetched; signing out forgets the kept pages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseURL, launchBrowser } from './browser';
import { openAs, sessionCookie } from '../security/sign-in';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const keptPages = (page: Page) =>
	page.evaluate(async () => {
		const names = (await caches.keys()).filter((k) => k.startsWith('pages-'));
		let n = 0;
		for (const name of names) n += (await (await caches.open(name)).keys()).length;
		return n;
	});

/** Whether the worker has kept this very page (not just any page: "/" is kept too). */
const isKept = (page: Page, path: string) =>
	page.evaluate(async (path) => {
		for (const name of (await caches.keys()).filter((k) => k.startsWith('pages-'))) {
			if ((await (await caches.open(name)).keys()).some((r) => new URL(r.url).pathname === path)) return true;
		}
		return false;
	}, path);

async function signedInWithWorker(): Promise<Page> {
	// The product list (/ sends each role home; the admin's is /impor).
	const page = await openAs(browser, 'admin', '/produk');
	await page.evaluate(() => navigator.serviceWorker.ready);
	return page;
}

describe('offline', () => {
	test('a dashboard opened once opens again offline, with "Data terakhir diperbarui"', async () => {
		const page = await signedInWithWorker();
		// An in-app link: the page arrives as data, and the app asks the worker to keep it.
		const link = page.locator('main ul a').first();
		const href = (await link.getAttribute('href'))!;
		await Promise.all([page.waitForURL(href), link.click()]);
		const name = (await page.locator('h1').first().innerText()).trim();
		expect(await page.locator('.offline-note').count()).toBe(0);
		await expect.poll(() => isKept(page, href), { timeout: 15_000 }).toBe(true);

		await page.context().setOffline(true);
		await page.goto('/');
		await page.goto(href);
		await expect.poll(() => page.locator('.offline-note').count()).toBe(1);
		expect(await page.locator('.offline-note').innerText()).toMatch(/Data terakhir diperbarui \d{1,2} \w+ \d{4}/);
		expect((await page.locator('h1').first().innerText()).trim()).toBe(name);
		// The server-drawn charts are in the kept page.
		expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(0);
		await page.context().close();
	});

	test('the first page, loaded before the worker was there, is not downloaded again to keep it; its next visit is kept', async () => {
		// Signed in without opening any page (as a browser whose first page is this one).
		const context = await browser.newContext({ baseURL: baseURL() });
		await context.addCookies([{ name: 'despro_sesi', value: await sessionCookie('admin'), url: baseURL() }]);
		const page = await context.newPage();
		const workerFetches: string[] = [];
		context.on('request', (request) => {
			if (request.serviceWorker()) workerFetches.push(new URL(request.url()).pathname);
		});
		await page.goto('/agen');
		await page.evaluate(() => navigator.serviceWorker.ready);
		// The worker has taken the scripts the page used: it got the page's message.
		await expect
			.poll(() => page.evaluate(async () => (await Promise.all((await caches.keys()).filter((k) => k.startsWith('shell-')).map(async (k) => (await (await caches.open(k)).keys()).length))).reduce((a, b) => a + b, 0)), { timeout: 15_000 })
			.toBeGreaterThan(0);
		await page.waitForTimeout(500);
		expect(workerFetches.filter((p) => p === '/agen')).toEqual([]);
		expect(await isKept(page, '/agen')).toBe(false);
		await page.goto('/agen');
		await expect.poll(() => isKept(page, '/agen'), { timeout: 15_000 }).toBe(true);
		await page.context().close();
	});

	test('a page never opened says so offline; signing out forgets the kept pages', async () => {
		const page = await signedInWithWorker();
		await page.goto('/tren');
		await expect.poll(() => isKept(page, '/tren'), { timeout: 15_000 }).toBe(true);
		await page.context().setOffline(true);
		const res = await page.goto('/koperasi');
		expect(res?.status()).toBe(503);
		expect(await page.locator('body').innerText()).toContain('belum pernah dibuka');
		await page.context().setOffline(false);

		await page.goto('/tren');
		await Promise.all([page.waitForURL(/\/masuk/), page.locator('header input[type=submit]').click()]);
		await expect.poll(() => keptPages(page), { timeout: 15_000 }).toBe(0);
		await page.context().close();
	});
});
