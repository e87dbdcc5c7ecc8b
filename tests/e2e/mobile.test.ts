// Issue 13 in Chromium at 360 × 740 px, for each role with the demo accounts: the answer within
// the first screen, no page scrolling sideways (with long names and a long search term), every
// link, button and field at least 44 px for a thumb, chart text ≥ 12 px (≥ 8 pt printed), and
// axe-core without a serious or critical violation, with JavaScript on and off. Then accounts
// people run themselves (a reset with a one-time code, a password change, ending other sessions,
// an account disabled) and a preview-then-load of a CSV whose columns are mapped in the form.
// One signed-in state per role is shared by all its pages; one axe pass per page per mode.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/server/auth/actor';
import { clearAddressFailures, DEMO_PASSWORD, DEMO_PHONES } from '../security/sign-in';
import { launchBrowser } from './browser';
import { axeProblems, MIN_CHART_PX, MIN_PRINT_PT, pageBox, PHONE, phoneContext, sidewaysOverflow, signedInState, smallestChartText, smallTargets } from './mobile';

type State = Awaited<ReturnType<BrowserContext['storageState']>>;

let browser: Browser;
const states: Partial<Record<Role, State>> = {};

beforeAll(async () => {
	browser = await launchBrowser();
	clearAddressFailures();
	for (const role of ['produsen', 'agen', 'koperasi', 'admin'] as const) states[role] = await signedInState(browser, DEMO_PHONES[role], DEMO_PASSWORD);
});
afterAll(async () => {
	await browser?.close();
});

/** A long name and search term, as real data has them (issue 13: "Sri Les…", an 829 px page). */
const LONG_NAME = 'Ibu Sri Lestari Wahyuningsih Purwaningtyas Kusumawardhani dari Plered';
const LONG_QUERY = 'gerabahhiasplered'.repeat(8);

/** Everything measured on one page as a phone shows it; `js` false: the page as the server sent it. */
async function checkPage(page: Page, path: string, opts: { js: boolean; charts?: boolean; status?: number }): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), `${path} answers`).toBe(opts.status ?? 200);
	const overflow = await sidewaysOverflow(page);
	expect(overflow.offenders, `${path} (JS ${opts.js ? 'on' : 'off'}) scrolls sideways by ${overflow.extra} px`).toEqual([]);
	expect(overflow.extra, path).toBeLessThanOrEqual(0);
	expect(await axeProblems(page), `${path} axe (JS ${opts.js ? 'on' : 'off'})`).toEqual([]);
	if (!opts.js) return;
	expect(await smallTargets(page), `${path} touch targets`).toEqual([]);
	if (opts.charts) {
		const text = await smallestChartText(page);
		expect(text.charts, `${path} has charts`).toBeGreaterThan(0);
		expect(text.px, `${path} smallest chart text "${text.text}"`).toBeGreaterThanOrEqual(MIN_CHART_PX - 0.05);
	}
}

/** The pages of a role, found by following its own links from its home page. */
async function routesOf(role: Role, page: Page): Promise<{ path: string; charts?: boolean; status?: number }[]> {
	const first = async (selector: string) => {
		const href = await page.locator(selector).first().getAttribute('href');
		expect(href, `${role}: a link ${selector}`).toBeTruthy();
		return href!;
	};
	if (role === 'produsen') {
		await page.goto('/produk');
		const product = await first('main a[href^="/produk/"]');
		return [{ path: '/produk' }, { path: product, charts: true }, { path: `${product}/pembanding` }, { path: `/produk?q=${LONG_QUERY}` }, { path: '/tren', charts: true }, { path: '/akun' }];
	}
	if (role === 'agen') {
		await page.goto('/agen');
		const producer = await first('main a[href^="/agen/produsen/"]:not([href$="/baru"])');
		await page.goto(producer);
		const product = await first('main a[href^="/agen/produk/"]');
		return [{ path: '/agen' }, { path: producer }, { path: product, charts: true }, { path: `${product}/cetak`, charts: true }, { path: '/agen/produsen/baru' }, { path: '/akun' }];
	}
	if (role === 'koperasi') return [{ path: '/koperasi', charts: true }, { path: '/tren', charts: true }, { path: '/akun' }];
	return [{ path: '/impor' }, { path: '/pengguna' }, { path: '/akun' }, { path: '/halaman-yang-tidak-ada', status: 404 }];
}

/** Where each role's answer is and what it must say, on its home page. */
const ANSWER: Record<Role, { path: (page: Page) => Promise<string>; selector: string; says: RegExp }> = {
	produsen: {
		path: async (page) => {
			await page.goto('/produk');
			return (await page.locator('main a[href^="/produk/"]').first().getAttribute('href'))!;
		},
		selector: '[data-testid=jawaban]',
		says: /Harga Anda Rp[\d.]+ per .*Yang perlu dilakukan/is
	},
	agen: { path: async () => '/agen', selector: '[data-testid=alasan]', says: /Perlu dibantu: .*(harga|permintaan|data|keluhan|ulasan)/ },
	koperasi: { path: async () => '/koperasi', selector: '[data-testid=jawaban]', says: /Musim ramai berikutnya|Mulai produksi|Belum ada yang perlu dibuat/ },
	admin: { path: async () => '/impor', selector: '[data-testid=jawaban]', says: /Impor terakhir|Belum ada impor/i }
};

describe('each role at 360 × 740', () => {
	for (const role of ['produsen', 'agen', 'koperasi', 'admin'] as const) {
		test(`${role}: the answer in the first screen; every page fits, has thumb-sized targets, readable charts and no serious axe finding (JS on and off)`, async () => {
			const on = await phoneContext(browser, { storageState: states[role] });
			const off = await phoneContext(browser, { storageState: states[role], js: false });
			try {
				const page = await on.newPage();
				const answer = ANSWER[role];
				await page.goto(await answer.path(page));
				const box = await pageBox(page, answer.selector);
				expect(box, `${role}: ${answer.selector} on the home page`).not.toBeNull();
				expect(box!.bottom, `${role}: the answer ends within the first ${PHONE.height} px`).toBeLessThanOrEqual(PHONE.height);
				expect(await page.locator(answer.selector).first().innerText()).toMatch(answer.says);

				const routes = await routesOf(role, page);
				const plain = await off.newPage();
				for (const r of routes) {
					await checkPage(page, r.path, { js: true, charts: r.charts, status: r.status });
					await checkPage(plain, r.path, { js: false, status: r.status });
				}
			} finally {
				await on.close();
				await off.close();
			}
		});
	}

	test('an unknown address answers in Indonesian', async () => {
		const context = await phoneContext(browser, { storageState: states.produsen, js: false });
		const page = await context.newPage();
		const response = await page.goto('/tidak-ada-halaman-ini');
		expect(response?.status()).toBe(404);
		expect(await page.locator('main').innerText()).toMatch(/Halaman ini tidak ada/);
		expect(await page.locator('body').innerText()).not.toMatch(/Not Found/);
		await context.close();
	});

	test('the printed one-page summary: chart text at least 8 pt on A4', async () => {
		// A4 at 96 dpi is 794 px wide; 1 pt = 4/3 px.
		const a4 = await phoneContext(browser, { storageState: states.agen });
		const sheet = await a4.newPage();
		await sheet.setViewportSize({ width: 794, height: 1123 });
		await sheet.goto('/agen');
		const producer = (await sheet.locator('main a[href^="/agen/produsen/"]:not([href$="/baru"])').first().getAttribute('href'))!;
		await sheet.goto(producer);
		const product = (await sheet.locator('main a[href^="/agen/produk/"]').first().getAttribute('href'))!;
		await sheet.goto(`${product}/cetak`);
		// The button prints through the page's script: it is there once the page has hydrated.
		await sheet.getByRole('button', { name: 'Cetak' }).waitFor();
		await sheet.emulateMedia({ media: 'print' });
		const text = await smallestChartText(sheet);
		expect(text.charts).toBeGreaterThan(0);
		expect(text.px * 0.75, `smallest printed chart text "${text.text}"`).toBeGreaterThanOrEqual(MIN_PRINT_PT - 0.05);
		await a4.close();
	});
});

/** Signs in through the form in a fresh phone context without JavaScript; returns the page after it. */
async function signIn(phone: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
	clearAddressFailures();
	const context = await phoneContext(browser, { js: false });
	const page = await context.newPage();
	await page.goto('/masuk');
	await page.fill('#phone', phone);
	await page.fill('#password', password);
	await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
	return { context, page };
}

/** A form post from a signed-in context (the page's own origin, as a browser sends it). */
async function post(context: BrowserContext, path: string, form: Record<string, string>) {
	const base = new URL(context.pages()[0]?.url() ?? 'http://127.0.0.1');
	return context.request.post(path, { form, headers: { origin: base.origin }, maxRedirects: 0 });
}

describe('accounts people run themselves', () => {
	test('a reset by the agent with a one-time code, a new password, other sessions ended, refusals, an account disabled and enabled again', async () => {
		// The agent adds a producer with an account (a new one: the demo accounts stay as they are).
		const phone = `0857${String(Date.now()).slice(-8)}`;
		const agent = await phoneContext(browser, { storageState: states.agen, js: false });
		const ap = await agent.newPage();
		await ap.goto('/agen/produsen/baru');
		await ap.fill('#name', LONG_NAME);
		await ap.fill('#phone', phone);
		await ap.fill('#password', 'sandi-awal-123');
		await Promise.all([ap.waitForURL(/\/agen\/produsen\/\d+\?baru/), ap.click('main button[type=submit]')]);
		const producerPath = new URL(ap.url()).pathname;
		// The whole long name, wrapped, never cut; the page still fits the phone.
		expect(await ap.locator('h1').innerText()).toBe(LONG_NAME);
		expect((await sidewaysOverflow(ap)).extra).toBeLessThanOrEqual(0);

		// She forgot her password: the agent makes a one-time code, shown once.
		await ap.locator('summary', { hasText: 'Lupa kata sandi?' }).click();
		await Promise.all([ap.waitForLoadState('load'), ap.getByRole('button', { name: 'Buat kode sekali pakai' }).click()]);
		const shown = await ap.locator('.digits').innerText();
		expect(shown).toMatch(/^\d{4} \d{4}$/);
		expect(await axeProblems(ap)).toEqual([]);
		await ap.goto(producerPath);
		expect(await ap.locator('.digits').count(), 'the code is not shown again').toBe(0);

		// The old password no longer works; the code does, and she must choose a new password first.
		const old = await signIn(phone, 'sandi-awal-123');
		expect(await old.page.locator('[role=alert]').innerText()).toMatch(/Nomor HP atau kata sandi salah/);
		await old.context.close();
		const me = await signIn(phone, shown);
		expect(new URL(me.page.url()).pathname).toBe('/akun');
		expect(await me.page.locator('[role=alert]').innerText()).toMatch(/kode sekali pakai/);
		await me.page.goto('/produk');
		expect(new URL(me.page.url()).pathname, 'nothing else opens before a new password').toBe('/akun');
		await me.page.fill('#current', shown);
		await me.page.fill('#next', 'sandi-baru-456');
		await me.page.fill('#repeat', 'sandi-baru-456');
		await Promise.all([me.page.waitForLoadState('load'), me.page.click('button:has-text("Simpan kata sandi")')]);
		expect(await me.page.locator('[role=status]').innerText()).toMatch(/Kata sandi baru sudah disimpan/);
		await me.page.goto('/produk');
		expect(new URL(me.page.url()).pathname).toBe('/produk');
		// Her name in the header, whole, wrapped at 360 px.
		expect(await me.page.locator('header .who').innerText()).toContain(LONG_NAME);
		expect((await sidewaysOverflow(me.page)).extra).toBeLessThanOrEqual(0);

		// A second phone signs in; from the first she sees it and signs it out.
		const second = await signIn(phone, 'sandi-baru-456');
		expect(new URL(second.page.url()).pathname).not.toBe('/masuk');
		await me.page.goto('/akun');
		expect(await me.page.locator('.sessions li').count()).toBe(2);
		await Promise.all([me.page.waitForLoadState('load'), me.page.getByRole('button', { name: 'Keluarkan', exact: true }).click()]);
		expect(await me.page.locator('[role=status]').innerText()).toMatch(/1 perangkat sudah dikeluarkan/);
		await second.page.goto('/produk');
		expect(new URL(second.page.url()).pathname, 'the other phone is signed out').toBe('/masuk');
		await second.context.close();

		// Refused across roles, with a 403: a producer resetting someone's password, the agent and
		// the co-op on the admin's account page or disabling an account.
		const producerId = producerPath.split('/').pop()!;
		expect((await post(me.context, `/agen/produsen/${producerId}?/kode`, {})).status()).toBe(403);
		expect((await me.page.goto('/pengguna'))?.status()).toBe(403);
		expect(await me.page.locator('main').innerText()).toMatch(/bukan untuk peran Anda/);
		for (const role of ['agen', 'koperasi'] as const) {
			const ctx = await phoneContext(browser, { storageState: states[role], js: false });
			const pg = await ctx.newPage();
			expect((await pg.goto('/pengguna'))?.status(), role).toBe(403);
			expect((await post(ctx, '/pengguna?/nonaktifkan', { id: '1' })).status(), role).toBe(403);
			await ctx.close();
		}

		// The admin disables her account: she is signed out at once and cannot sign in; enabled again, she can.
		const admin = await phoneContext(browser, { storageState: states.admin, js: false });
		const adm = await admin.newPage();
		await adm.goto('/pengguna');
		const row = adm.locator('.accounts li', { hasText: LONG_NAME });
		await Promise.all([adm.waitForLoadState('load'), row.getByRole('button', { name: 'Nonaktifkan' }).click()]);
		expect(await adm.locator('.accounts li', { hasText: LONG_NAME }).locator('[role=status]').innerText()).toMatch(/Akun dinonaktifkan/);
		expect((await sidewaysOverflow(adm)).extra).toBeLessThanOrEqual(0);
		await me.page.goto('/produk');
		expect(new URL(me.page.url()).pathname).toBe('/masuk');
		const refused = await signIn(phone, 'sandi-baru-456');
		expect(await refused.page.locator('[role=alert]').innerText()).toMatch(/Akun ini sedang dinonaktifkan/);
		await refused.context.close();
		await Promise.all([adm.waitForLoadState('load'), adm.locator('.accounts li', { hasText: LONG_NAME }).getByRole('button', { name: 'Aktifkan lagi' }).click()]);
		const back = await signIn(phone, 'sandi-baru-456');
		expect(new URL(back.page.url()).pathname).toBe('/produk');
		await back.context.close();
		await admin.close();
		await me.context.close();
		await agent.close();
	});
});

describe('/impor: preview, then load, of a CSV with unknown column names', () => {
	test('the columns mapped in the form; the first rows as read; then loaded', async () => {
		const context = await phoneContext(browser, { storageState: states.admin, js: false });
		const page = await context.newPage();
		await page.goto('/impor');
		// Before any upload: the columns it understands and a sample file.
		await page.locator('summary', { hasText: 'Kolom yang dikenali' }).click();
		expect(await page.locator('.help').innerText()).toMatch(/title.*price/s);
		const sample = await context.request.get('/impor/contoh.csv');
		expect(sample.status()).toBe(200);
		expect((await sample.text()).split('\r\n')[0]).toMatch(/^marketplace,listing_id,url,title,price,sold/);

		const stamp = Date.now();
		const csv = ['Nama Barang,Harga Jual,Laku', `Kopi Uji Pratinjau ${stamp} 250 gr,45rb,1rb+`, `Gula Aren Uji ${stamp} 1 kg,Rp14.900,12`, `Barang Rusak ${stamp},-25000,3`].join('\n');
		await page.setInputFiles('input[name=berkas]', { name: 'toko-saya.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await Promise.all([page.waitForLoadState('load'), page.click('#lihat')]);
		const preview = page.locator('[data-testid=pratinjau]');
		if ((await preview.count()) === 0) throw new Error(`no preview; the page says: ${await page.locator('body').innerText()}`);
		expect(await preview.locator('[role=alert]').innerText()).toMatch(/Bentuk berkas tidak dikenali/);
		expect(await preview.innerText()).not.toMatch(/--map|generic-listings|batch|UTC/);
		await page.selectOption('#kolom_0', 'title');
		await page.selectOption('#kolom_1', 'price');
		await page.selectOption('#kolom_2', 'sold');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lihat lagi' }).click()]);
		const rows = page.locator('[data-testid=pratinjau] .rows li');
		expect(await rows.count()).toBe(3);
		expect(await rows.nth(0).innerText()).toMatch(/45rb → Rp45\.000[\s\S]*1rb\+ → paling sedikit 1\.000 terjual[\s\S]*250 gram/);
		expect(await rows.nth(2).innerText()).toMatch(/Akan ditolak: Harga negatif/);
		expect(await preview.innerText()).toMatch(/Tanggal data: \d+ \w+ \d{4}/);
		expect((await sidewaysOverflow(page)).extra).toBeLessThanOrEqual(0);
		expect(await axeProblems(page)).toEqual([]);
		// Nothing loaded yet: the history does not have it.
		expect(await page.locator('[data-testid=riwayat] li', { hasText: 'toko-saya.csv' }).count()).toBe(0);

		await Promise.all([page.waitForLoadState('load'), page.locator('[data-testid=pratinjau]').getByRole('button', { name: 'Impor', exact: true }).click()]);
		const summary = page.locator('[data-testid=ringkasan]');
		expect(await summary.locator('h2').innerText()).toMatch(/Impor selesai: toko-saya\.csv/);
		expect(await summary.locator('[data-k=rows]').innerText()).toBe('3');
		expect(await summary.locator('[data-k=inserted]').innerText()).toBe('2');
		expect(await summary.locator('[data-k=rejected]').innerText()).toBe('1');
		expect(await page.locator('[data-testid=riwayat] li').first().innerText()).toMatch(/toko-saya\.csv[\s\S]*selesai/);
		// The batch's own page: no link to itself, no shape id, no UTC.
		await page.goto((await page.locator('[data-testid=riwayat] li a.file').first().getAttribute('href'))!);
		const main = await page.locator('main').innerText();
		expect(main).not.toMatch(/generic-listings|UTC|batch/i);
		expect(await page.locator(`main a[href="${new URL(page.url()).pathname}"]`).count()).toBe(0);
		await context.close();
	});
});
