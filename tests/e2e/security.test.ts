// XSS in Chromium: 25 payloads written into the running server's database as listing titles,
// shop names, review text, product names and a producer name; every page that shows them (the
// product list, the dashboard with its charts and tooltips, the agent's list, the explain view,
// the print view and the WhatsApp text) must show them as text: no dialog, no injected element.
// Also the authorization matrix over HTTP against the real server, for every route on disk.
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { baseURL, launchBrowser } from './browser';
import { INJECTED_SELECTORS, XSS_VECTORS } from '../security/xss-vectors';
import { ACTORS, discoverRoutes, outcomeFor, ROUTE_POLICY, type ActorName } from '../security/routes';
import { openAs, sessionCookie } from '../security/sign-in';

let browser: Browser;
const productIds: number[] = [];
let producerId = 0;

/** Writes the payloads into the e2e database (WAL: the server reads them on the next request). */
function plantPayloads(): void {
	const db = new Database(inject('databaseUrl'));
	db.pragma('busy_timeout = 5000');
	const c = (sql: string) => db.prepare(sql);
	const agentId = c("select agent_id from users where phone = '6281100000002'").pluck().get() as number;
	const categoryId = c("select id from categories where name = 'Kopi Bubuk'").pluck().get() as number;
	const village = c('select village_code from producers where agent_id = ? limit 1').pluck().get(agentId) as string;
	const today = new Date().toISOString().slice(0, 10);
	const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
	db.transaction(() => {
		producerId = Number(c("insert into producers (name, village_code, agent_id, created_at) values (?, ?, ?, '2026-01-01')").run(XSS_VECTORS[1], village, agentId).lastInsertRowid);
		XSS_VECTORS.forEach((v, i) => {
			const shop = Number(c("insert into shops (marketplace_id, external_id, name) values ('shopee', ?, ?)").run(`xss-shop-${i}`, v).lastInsertRowid);
			const listing = Number(
				c(
					`insert into listings (marketplace_id, external_id, title, category_id, shop_id, pack_quantity, unit, unit_family, price, sold_count, first_seen_at, last_seen_at)
					 values ('shopee', ?, ?, ?, ?, 250, 'g', 'mass', ?, 100, ?, ?)`
				).run(`xss-${i}`, `kopixss bubuk ${v}`, categoryId, shop, 30_000 + i * 500, weekAgo, today).lastInsertRowid
			);
			const snap = c('insert into listing_snapshots (listing_id, observed_at, price, sold_count) values (?, ?, ?, ?)');
			snap.run(listing, weekAgo, 30_000 + i * 500, 50);
			snap.run(listing, today, 30_000 + i * 500, 100);
			const review = Number(
				c("insert into reviews (listing_id, external_id, reviewed_at, stars, text, polarity, score, has_complaint, analyzer_version) values (?, ?, ?, 2, ?, 'negative', -1, 1, 1)")
					.run(listing, `xss-r-${i}`, today, `kemasan rusak ${v}`).lastInsertRowid
			);
			c("insert into review_aspects (review_id, aspect, polarity, score, clause) values (?, 'kemasan', 'negative', -1, ?)").run(review, `kemasan rusak ${v}`);
			// The products' kind is the planted listings' kind ('kopixss', their first word), so their
			// competitors — and the review quotes shown — are exactly the payload listings.
			productIds.push(
				Number(
					c(
						`insert into products (producer_id, name, category_id, price, pack_quantity, unit, unit_family, keywords, kind, kind_attrs, village_code, created_at, updated_at)
						 values (?, ?, ?, 32000, 250, 'g', 'mass', 'kopixss bubuk', 'kopixss', '', ?, ?, ?)`
					).run(producerId, `Kopi ${v}`, categoryId, village, today, today).lastInsertRowid
				)
			);
		});
	})();
	db.close();
}

beforeAll(async () => {
	browser = await launchBrowser();
	plantPayloads();
});
afterAll(async () => {
	await browser?.close();
});

/** Fails on any dialog; after the page settles, no payload ran and no payload element exists. */
async function expectInert(page: Page, path: string): Promise<void> {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const res = await page.goto(path);
	expect(res?.status(), path).toBe(200);
	await page.waitForLoadState('networkidle');
	// Hover every chart mark: tooltips are built from text too.
	const marks = page.locator('svg [ecmeta_ssr_type]');
	for (let i = 0; i < Math.min(await marks.count(), 6); i++) await marks.nth(i).hover({ force: true }).catch(() => {});
	await page.waitForTimeout(150);
	expect(dialogs, `${path}: dialogs`).toEqual([]);
	expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${path}: window.__xss`).toBeUndefined();
	for (const selector of INJECTED_SELECTORS) expect(await page.locator(selector).count(), `${path}: ${selector}`).toBe(0);
	expect(await page.locator('main script, .sheet script').count(), `${path}: scripts in content`).toBe(0);
	expect(await page.locator('iframe, object, embed').count(), `${path}: frames`).toBe(0);
}

/**
 * Opens a planted product's page and waits until its market summary is built. The payloads were
 * written straight into the database, so nothing is derived for them yet: the first view says the
 * summary is being prepared and asks the server's background writer, which builds it; a reload
 * then shows the charts, tooltips and quotes that must stay inert.
 */
async function openBuilt(page: Page, path: string): Promise<void> {
	await page.goto(path);
	for (let i = 0; i < 100 && (await page.locator('[data-testid=disiapkan]').count()) > 0; i++) {
		await page.waitForTimeout(300);
		await page.reload();
	}
	expect(await page.locator('[data-testid=disiapkan]').count(), `${path}: still being prepared`).toBe(0);
}

describe(`${XSS_VECTORS.length} XSS vectors stay inert`, () => {
	test('admin product list shows every payload as text', async () => {
		const page = await openAs(browser, 'admin', '/produk?q=kopixss');
		await expectInert(page, '/produk?q=kopixss');
		const shown = await page.locator('main ul a strong').allInnerTexts();
		expect(shown.length).toBeGreaterThanOrEqual(20);
		expect(shown).toContain(`Kopi ${XSS_VECTORS[0]}`);
		await page.context().close();
	});

	test('dashboards (charts, tooltips, review quotes) for several payloads', async () => {
		const page = await openAs(browser, 'admin');
		// Nothing derived for a planted product yet: the page says so (and asks the writer).
		await page.goto(`/produk/${productIds[0]}`);
		expect(await page.locator('[data-testid=disiapkan]').innerText()).toBe('Ringkasan pasar produk ini sedang disiapkan. Buka lagi sebentar.');
		for (const id of productIds.slice(0, 4)) {
			await openBuilt(page, `/produk/${id}`);
			await expectInert(page, `/produk/${id}`);
			expect(await page.locator('h1').innerText()).toContain('Kopi ');
		}
		// The complaint quote is one of the payloads, shown as text.
		expect(await page.locator('#ulasan').innerText()).toMatch(/kemasan rusak/);
		await page.context().close();
	});

	test("agent's list, explain view, print view and WhatsApp text", async () => {
		const page = await openAs(browser, 'agen');
		await expectInert(page, '/agen');
		expect(await page.locator('main ul.list a.name', { hasText: 'onerror' }).count()).toBe(1);
		for (const id of productIds.slice(4, 8)) {
			await openBuilt(page, `/agen/produk/${id}`);
			await expectInert(page, `/agen/produk/${id}`);
			const href = (await page.locator('a', { hasText: 'Bagikan ke WhatsApp' }).getAttribute('href'))!;
			const text = decodeURIComponent(href.slice('https://wa.me/?text='.length));
			expect(text).not.toMatch(/[<>]/);
			expect(text.length).toBeLessThanOrEqual(700);
			await expectInert(page, `/agen/produk/${id}/cetak`);
		}
		await page.context().close();
	});

	test('with JavaScript off the payloads are text too', async () => {
		const page = await openAs(browser, 'admin', '/', { javaScriptEnabled: false });
		await page.goto('/?q=kopixss');
		expect(await page.locator('img[src="x"], [onerror], [onload]').count()).toBe(0);
		expect(await page.content()).not.toContain('<script>window.__xss');
		await page.context().close();
	});
});

describe('authorization matrix over HTTP (every route on disk × every role)', () => {
	const tokens: Partial<Record<ActorName, string>> = {};
	beforeAll(async () => {
		for (const role of ['produsen', 'agen', 'koperasi', 'admin'] as const) tokens[role] = await sessionCookie(role);
	});

	// A page for each route, with ids every role may see where possible (the matrix is about roles;
	// per-product scope is in tests/security/scope.test.ts and the producer's path in auth.test.ts).
	const concrete = (id: string, sample: { product: number; producer: number }) =>
		id
			.replace('/agen/produsen/[id]', `/agen/produsen/${sample.producer}`)
			.replace('[id]', String(sample.product))
			.replace('[...trpc]', 'auth.me')
			.replace('[batch]', '1');

	const routes = discoverRoutes();
	const cases = routes.flatMap((r) => ACTORS.map((actor) => [r.id, actor] as const));
	test.each(cases)('%s as %s', async (id, actor) => {
		// The demo producer's first product: visible to the producer, the agent, the co-op and admin.
		const sample = { product: 0, producer: 0 };
		const db = new Database(inject('databaseUrl'), { readonly: true });
		sample.producer = db.prepare("select producer_id from users where phone = '6281100000001'").pluck().get() as number;
		sample.product = db.prepare('select min(id) from products where producer_id = ?').pluck().get(sample.producer) as number;
		db.close();
		const headers: Record<string, string> = { accept: 'text/html' };
		if (actor !== 'anonim') headers.cookie = `despro_sesi=${tokens[actor]}`;
		const res = await fetch(`${baseURL()}${concrete(id, sample)}`, { redirect: 'manual', headers });
		const expected = outcomeFor(ROUTE_POLICY[id], actor);
		if (expected === 'sign-in') {
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toMatch(/^\/masuk\?ke=/);
		} else if (expected === 'forbidden') {
			expect(res.status).toBe(403);
		} else {
			// Allowed: the page itself answers (a redirect to the role's home, a 404 for a
			// missing import batch or a 401 from a procedure is the page's own answer, not the guard's).
			// (/akses-ditolak is the 403 page itself: open to all, always answering 403.)
			if (id === '/akses-ditolak') expect(await res.text()).toContain('Halaman ini bukan untuk Anda');
			else expect(res.status).not.toBe(403);
			expect(res.headers.get('location') ?? '').not.toMatch(/^\/masuk/);
		}
	});
});

describe('uploads on /impor (admin only, size and type limits)', () => {
	const upload = (token: string, name: string, bytes: number) => {
		const form = new FormData();
		form.append('berkas', new Blob(['judul,harga\n'.padEnd(bytes, 'x')]), name);
		return fetch(`${baseURL()}/impor/unggah`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: `despro_sesi=${token}`, origin: baseURL() },
			body: form
		});
	};

	test('anything but admin is refused before the file is read', async () => {
		expect((await upload('', 'a.csv', 100)).status).toBe(303);
		expect((await upload(await sessionCookie('agen'), 'a.csv', 100)).status).toBe(403);
	});

	test('a file type that is not CSV/JSON/XLSX gets a clear message', async () => {
		const res = await upload(await sessionCookie('admin'), 'virus.exe', 100);
		expect(res.status).toBe(422);
		expect((await res.json()).message).toMatch(/tidak didukung\. Pakai CSV, JSON/);
	});

	test('a file over the size limit (BODY_SIZE_LIMIT, 512 KB by default) gets a clear message', async () => {
		const res = await upload(await sessionCookie('admin'), 'besar.csv', 600 * 1024);
		expect(res.status).toBe(413);
		expect((await res.json()).message).toMatch(/Berkas terlalu besar\. Batas unggah 512 KB/);
	});
});
