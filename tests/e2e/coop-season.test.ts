// Issue 14 in Chromium on the demo server: the demo co-op, on a 360 px phone, picks the next
// Lebaran and reads each member's quantity and the buy-by dates (warned where today or past); the
// WhatsApp texts, the one-page print and the treasurer's CSV; and a producer records this week's
// sales with the short form, without JavaScript.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextSeason } from '../../src/lib/analysis/seasons';
import { formatDate, formatDateRange } from '../../src/lib/format';
import { openAs } from '../security/sign-in';
import { launchBrowser } from './browser';

const PHONE = { width: 360, height: 740 };
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** The plan's season forecasts are fitted by the background writer after start-up: reload until they are. */
async function untilPrepared(page: Page): Promise<void> {
	for (let i = 0; i < 90 && (await page.locator('#musim .preparing').count()) > 0; i++) {
		await page.waitForTimeout(1000);
		await page.reload();
	}
	expect(await page.locator('#musim .preparing').count()).toBe(0);
}

describe('/koperasi: a season plan on a phone', () => {
	test('the demo co-op picks the next Lebaran and reads each member’s quantity and buy-by date at 360 px', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const lebaran = nextSeason('lebaran', today); // Lebaran 2027 on 30 November 2026
		const page = await openAs(browser, 'koperasi', '/koperasi?musim=harbolnas', { viewport: PHONE });
		await untilPrepared(page);
		expect(await page.locator('#musim h2').innerText()).toMatch(/^Rencana musim: Harbolnas 12\.12 20\d\d$/);

		const option = page.locator('select[name=musim] option[value=lebaran]');
		expect(await option.innerText()).toBe(`${lebaran.name} (${formatDateRange(lebaran.start, lebaran.end)})`);
		await page.selectOption('select[name=musim]', 'lebaran');
		await Promise.all([page.waitForURL(/musim=lebaran/), page.click('#pilih-musim button[type=submit]')]);
		await untilPrepared(page);
		expect(await page.locator('#musim h2').innerText()).toBe(`Rencana musim: ${lebaran.name}`);
		expect(await page.locator('#musim .season-line').allInnerTexts()).toEqual([
			`Lebaran jatuh ${formatDate(lebaran.day!)}.`,
			`Minggu penjualan: ${formatDateRange(lebaran.start, lebaran.end)} (6 minggu).`
		]);

		// Each member product: a whole quantity, production dates, and the date materials must be in.
		const members = page.locator('#rencana li[data-product]');
		const n = await members.count();
		expect(n).toBeGreaterThan(2);
		let warned = 0;
		for (let i = 0; i < n; i++) {
			const m = members.nth(i);
			expect(await m.locator('[data-testid=jumlah]').innerText()).toMatch(/^\d{1,3}(\.\d{3})*$/);
			expect(await m.locator('.dates').innerText()).toMatch(new RegExp(`^Mulai \\d+ \\w+ 20\\d\\d · siap ${formatDate(lebaran.start)}$`));
			const buyBy = m.locator('.buy-by');
			expect(await buyBy.locator('strong').innerText()).toMatch(/^\d{1,2} \w+ 20\d\d$/);
			const status = await buyBy.getAttribute('data-status');
			if (status === 'past' || status === 'today') {
				warned++;
				expect(await buyBy.locator('.warn').innerText()).toMatch(/ — beli sekarang atau kurangi produksi\.$/);
			} else expect(await buyBy.locator('.warn').count()).toBe(0);
			// The basis is a tap away: own sales or the co-op's guess.
			expect(await m.locator('summary').innerText()).toMatch(/^Dasar: (dari penjualan Anda \d+ minggu terakhir|perkiraan koperasi)$/);
		}
		// The bulk purchase: whole purchase units and the earliest date, warned when it has passed.
		expect(await page.locator('#beli-paling-lambat').innerText()).toMatch(/^Beli bersama paling lambat \d{1,2} \w+ 20\d\d\.$/);
		expect(await page.locator('#bahan .buy li strong').first().innerText()).toMatch(/^.+: [\d.]+ (karung|pak|dus|botol|kaleng|bal|ikat|gulung|lusin|gros|lembar|batang) \([\d,.]+ \w+\), sisa [\d,.]+ \w+\.$|^.+: [\d,.]+ \w+\.$/);
		if (warned) expect(await page.locator('#bahan .warn').count()).toBeGreaterThan(0);
		// One WhatsApp text per member.
		const texts = await page.locator('#pesan .text').allInnerTexts();
		expect(texts.length).toBeGreaterThan(0);
		for (const t of texts) expect(t).toMatch(new RegExp(`(siapkan .+ sebelum ${formatDate(lebaran.start)}|belum ada yang perlu dibuat)`));
		// Each opens WhatsApp with that text; the member's number is not on the page.
		const links = await page.locator('#pesan li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
		expect(links).toHaveLength(texts.length);
		links.forEach((href, i) => {
			expect(href.startsWith('https://wa.me/?text=')).toBe(true);
			expect(decodeURIComponent(href.slice('https://wa.me/?text='.length))).toBe(texts[i]);
		});

		// Nothing scrolls sideways on the phone.
		const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
		expect(scroll).toBeLessThanOrEqual(client);

		// The one-page print and the treasurer's CSV, for the same season.
		const print = page.locator('a[href^="/koperasi/cetak?"]');
		await Promise.all([page.waitForURL(/\/koperasi\/cetak\?/), print.click()]);
		expect(await page.locator('h1').innerText()).toMatch(new RegExp(`: rencana ${lebaran.name}$`));
		expect(await page.locator('table.members tbody tr').count()).toBe(n);
		const csv = await page.context().request.get(`/koperasi/rencana.csv?${new URL(page.url()).search.slice(1)}`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const body = await csv.text();
		expect(body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('bagian,anggota,produk_atau_bahan,jumlah,satuan,mulai,siap,beli_paling_lambat,dasar,catatan');
		expect(body.split('\r\n').filter((l) => l.startsWith('produksi,'))).toHaveLength(n);
		await page.context().close();
	}, 180_000);
});

describe('the sales book on the product page', () => {
	test("a producer records this week's sales with the short form, without JavaScript", async () => {
		const page = await openAs(browser, 'produsen', '/', { viewport: PHONE, javaScriptEnabled: false });
		const first = page.locator('a[href^="/produk/"]').first();
		await Promise.all([page.waitForURL(/\/produk\/\d+$/), first.click()]);
		const card = page.locator('#penjualan');
		expect(await card.locator('h2').innerText()).toMatch(/penjualan anda/i);
		expect(await card.locator('select[name=minggu] option').first().innerText()).toMatch(/^Minggu ini \(\d+ \w+\)/);
		await card.locator('input[name=terjual]').fill('abc');
		const bad = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), card.locator('button[type=submit]').click()]);
		expect(bad[0].status()).toBe(422);
		await page.waitForLoadState();
		expect(await page.locator('#penjualan [role=alert]').innerText()).toBe('Tulis jumlah terjual sebagai angka, misalnya 25.');
		await page.locator('#penjualan input[name=terjual]').fill('17');
		const ok = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('#penjualan button[type=submit]').click()]);
		expect(ok[0].status()).toBe(200);
		await page.waitForLoadState();
		expect(await page.locator('#penjualan [role=status]').innerText()).toMatch(/^Tersimpan: 17 terjual, minggu /);
		await page.reload();
		expect(await page.locator('#penjualan select[name=minggu] option').first().innerText()).toMatch(/— tercatat 17$/);
		await page.context().close();
	}, 120_000);
});
