// Rendered pages kept in the server's memory (src/lib/server/page-cache.ts), over HTTP against the
// built server: a page viewed again is served from the kept copy, and never once the data changed
// (a form's write, a commit by another connection: the background writer, an import) or for
// another person. The browser still keeps nothing (no-store).
import Database from 'better-sqlite3';
import { describe, expect, inject, test } from 'vitest';
import { baseURL } from './browser';
import { sessionCookie } from '../security/sign-in';
import { formatRupiah } from '../../src/lib/format';

const get = (path: string, token: string) => fetch(`${baseURL()}${path}`, { headers: { cookie: `despro_sesi=${token}` } });

/** How many answers the server sent from kept copies so far (GET /healthz, counts only). */
async function keptAnswers(): Promise<number> {
	const health = (await (await fetch(`${baseURL()}/healthz`)).json()) as { checks: { pageCache: { hits: number } } };
	return health.checks.pageCache.hits;
}

async function ownProduct(token: string): Promise<string> {
	const list = await (await get('/', token)).text();
	return /href="(\/produk\/\d+)"/.exec(list)![1];
}

/** A write by another connection, as the background writer or `npm run import` commits one. */
function writeElsewhere(sql: string, ...params: unknown[]): void {
	const db = new Database(inject('databaseUrl'));
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}

describe('kept pages', () => {
	test('a dashboard viewed again is the kept copy, byte for byte, and still no-store for the browser', async () => {
		const token = await sessionCookie('produsen');
		const path = await ownProduct(token);
		const first = await get(path, token);
		const html = await first.text();
		const before = await keptAnswers();
		const again = await get(path, token);
		expect(await again.text()).toBe(html);
		expect(await keptAnswers()).toBe(before + 1);
		expect(again.headers.get('cache-control')).toBe('no-store');
		expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
	});

	test("an in-app link's data and the page at the same address are kept apart", async () => {
		const token = await sessionCookie('produsen');
		const path = await ownProduct(token);
		const data = `${path}/__data.json?x-sveltekit-invalidated=01`;
		for (const [url, type] of [[data, 'application/json'], [path, 'text/html'], [data, 'application/json'], [path, 'text/html']]) {
			const res = await get(url, token);
			expect(res.headers.get('content-type'), url).toContain(type);
			await res.arrayBuffer();
		}
	});

	test("the producer's new price shows at once: the form's write retires the kept copy", async () => {
		const token = await sessionCookie('produsen');
		const path = await ownProduct(token);
		await (await get(path, token)).text();
		await (await get(path, token)).text();
		const price = 40_000 + Math.floor(Math.random() * 9000) * 10;
		const shown = formatRupiah(price);
		expect(await (await get(path, token)).text()).not.toContain(shown);
		const saved = await fetch(`${baseURL()}${path}?/harga`, {
			method: 'POST',
			headers: { cookie: `despro_sesi=${token}`, origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ price: String(price) })
		});
		expect(saved.status).toBe(200);
		expect(await (await get(path, token)).text()).toContain(shown);
	});

	test('a change committed by another connection (the background writer, an import) shows on the next view', async () => {
		const token = await sessionCookie('produsen');
		const path = await ownProduct(token);
		await (await get(path, token)).text();
		await (await get(path, token)).text();
		const id = Number(path.split('/').pop());
		const name = `Kopi Bubuk Robusta Temanggung ${Date.now() % 100000} 250 gram`;
		writeElsewhere('update products set name = ? where id = ?', name, id);
		expect(await (await get(path, token)).text()).toContain(name);
	});

	test("the same address for two people: each gets their own page, never the other's", async () => {
		const admin = await sessionCookie('admin');
		const coop = await sessionCookie('koperasi');
		const pages = [];
		for (const token of [admin, coop, admin, coop]) pages.push(await (await get('/tren', token)).text());
		expect(pages[0]).toContain('Admin Despro');
		expect(pages[1]).not.toContain('Admin Despro');
		expect(pages[2]).toBe(pages[0]);
		expect(pages[3]).toBe(pages[1]);
		// The menu follows the role: the co-op account has no import page.
		expect(pages[0]).toContain('href="/impor"');
		expect(pages[1]).not.toContain('href="/impor"');
	});
});
