// Issue 12, over HTTP against the built server: security headers and CSP (with the app still
// working under it), no private page from the browser's cache after signing out, bad input as
// a 400, the 403 page's scripts under a nested route, the device cookie that keeps the owner
// in; and, on servers of the tests' own: slow or greedy clients, a vanished asset, SIGTERM.
import Database from 'better-sqlite3';
import { hashSync } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, rmSync, unlinkSync, existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { baseURL, launchBrowser } from './browser';
import { ROOT, startOwnServer } from './own-server';
import { clearAddressFailures, DEMO_PASSWORD, openAs, sessionCookie } from '../security/sign-in';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** The CSP, split into its directives. */
function directives(csp: string | null): Record<string, string[]> {
	return Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

describe('security headers', () => {
	test('pages carry a CSP without inline scripts, framing refused, no sniffing, no referrer to other sites', async () => {
		const res = await fetch(`${baseURL()}/masuk`);
		expect(res.status).toBe(200);
		const csp = directives(res.headers.get('content-security-policy'));
		expect(csp['script-src']).toContain("'self'");
		expect(csp['script-src']).not.toContain("'unsafe-inline'");
		expect(csp['frame-ancestors']).toEqual(["'none'"]);
		expect(csp['object-src']).toEqual(["'none'"]);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		// The page's one inline script is allowed by its own hash, and nothing else inline is.
		const inline = [...(await res.text()).matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
		expect(inline).toHaveLength(1);
		expect(csp['script-src'].filter((s) => s.startsWith("'sha256-"))).toEqual([`'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`]);
	});

	test("a dashboard's inline script, its chart copies stubbed after SvelteKit hashed it, is the one its policy allows", async () => {
		const token = await sessionCookie('admin');
		const list = await (await fetch(`${baseURL()}/produk`, { headers: { cookie: `despro_sesi=${token}` } })).text();
		const href = /href="(\/produk\/\d+)"/.exec(list)![1];
		const res = await fetch(`${baseURL()}${href}`, { headers: { cookie: `despro_sesi=${token}` } });
		const html = await res.text();
		const inline = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/.exec(html)![1];
		expect(inline).toContain('\\u003C!--svg-->');
		const csp = directives(res.headers.get('content-security-policy'));
		expect(csp['script-src']).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
	});

	test('static files, API answers and /healthz carry the headers too', async () => {
		const html = await (await fetch(`${baseURL()}/masuk`)).text();
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)![0];
		// Built scripts: nosniff (their type must be trusted as sent); the rest is for documents.
		expect((await fetch(`${baseURL()}${asset}`)).headers.get('x-content-type-options')).toBe('nosniff');
		for (const path of ['/favicon.svg', '/service-worker.js', '/api/trpc/auth.me', '/healthz']) {
			const res = await fetch(`${baseURL()}${path}`);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
		}
	});

	test("a signed-in person's pages and every API answer are no-store; public pages stay revalidated", async () => {
		const token = await sessionCookie('produsen');
		const signedIn = await fetch(`${baseURL()}/`, { headers: { cookie: `despro_sesi=${token}` } });
		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('cache-control')).toBe('no-store');
		// The ETag stays: the service worker revalidates the copy it keeps with it.
		expect(signedIn.headers.get('etag')).toMatch(/^W\//);
		const api = await fetch(`${baseURL()}/api/trpc/product.list`, { headers: { cookie: `despro_sesi=${token}` } });
		expect(api.headers.get('cache-control')).toBe('no-store');
		const pub = await fetch(`${baseURL()}/masuk`);
		expect(pub.headers.get('cache-control')).toBe('private, no-cache');
		// A repeat of a public page is a 304: the same page is the same bytes.
		const again = await fetch(`${baseURL()}/masuk`, { headers: { 'if-none-match': pub.headers.get('etag')! } });
		expect(again.status).toBe(304);
	});

	test('GET /healthz answers 200 with the age of the data', async () => {
		const res = await fetch(`${baseURL()}/healthz`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ ok: true, checks: { database: { ok: true }, data: { ok: true } } });
		expect(body.checks.data.newestObservation).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});

describe('in the browser, under the CSP', () => {
	test('a dashboard runs: no CSP violation, charts hover, the service worker registers', async () => {
		const violations: string[] = [];
		const page = await openAs(browser, 'admin', '/produk');
		page.on('console', (m) => {
			if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
		});
		page.on('pageerror', (e) => violations.push(e.message));
		const href = (await page.locator('main ul a').first().getAttribute('href'))!;
		await page.goto(href);
		await page.waitForLoadState('networkidle');
		await page.locator('#harga svg [ecmeta_ssr_type]').first().hover({ force: true });
		await expect.poll(() => page.locator('#harga .tip').count()).toBe(1);
		await page.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()));
		expect(violations).toEqual([]);
		await page.context().close();
	});

	test('Back after signing out shows the sign-in page, not the private page', async () => {
		const page = await openAs(browser, 'produsen');
		const link = page.locator('main ul a').first();
		const href = (await link.getAttribute('href'))!;
		await page.goto(href);
		const name = (await page.locator('h1').first().innerText()).trim();
		expect(name.length).toBeGreaterThan(3);
		await Promise.all([page.waitForURL(/\/masuk/), page.locator('header input[type=submit]').click()]);
		await page.goBack();
		await page.waitForLoadState('load');
		expect(new URL(page.url()).pathname).toBe('/masuk');
		expect(await page.locator('body').innerText()).not.toContain(name);
		expect(await page.locator('#phone').count()).toBe(1);
		await page.context().close();
	});

	test('a kept page is revalidated by the service worker with its ETag: unchanged, the kept copy answers', async () => {
		const page = await openAs(browser, 'admin', '/produk');
		await page.evaluate(() => navigator.serviceWorker.ready);
		const href = (await page.locator('main ul a').first().getAttribute('href'))!;
		// A document load through the worker keeps the page (fresh from the network)…
		const first = await page.goto(href);
		expect(first?.headers()['x-despro-diambil']).toBeUndefined();
		const name = (await page.locator('h1').first().innerText()).trim();
		const kept = () =>
			page.evaluate(async (path) => {
				for (const key of (await caches.keys()).filter((k) => k.startsWith('pages-'))) if (await (await caches.open(key)).match(path)) return true;
				return false;
			}, href);
		await expect.poll(kept, { timeout: 15_000 }).toBe(true);
		// …the next asks with its ETag; the server's 304 is answered with the kept copy (marked with
		// the time it was fetched), not an offline copy.
		const again = await page.reload();
		expect(again?.status()).toBe(200);
		expect(again?.headers()['x-despro-diambil']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(await page.locator('.offline-note').count()).toBe(0);
		expect((await page.locator('h1').first().innerText()).trim()).toBe(name);
		await page.context().close();
	});

	test("the 403 page under a nested route loads its scripts (the producer on /agen/produk/…)", async () => {
		const page = await openAs(browser, 'produsen');
		const failed: string[] = [];
		page.on('response', (r) => {
			if (r.url().includes('/_app/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
		});
		page.on('pageerror', (e) => failed.push(e.message));
		const res = await page.goto('/agen/produk/82');
		expect(res?.status()).toBe(403);
		expect(await page.locator('h1').innerText()).toBe('Halaman ini bukan untuk Anda');
		await page.waitForLoadState('networkidle');
		// Hydrated: the layout registered the service worker from the page's own scripts.
		await page.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()));
		expect(failed).toEqual([]);
		await page.context().close();
	});
});

test('a missing page deep under a route is an Indonesian 404 whose scripts load', async () => {
	const page = await openAs(browser, 'admin', '/produk');
	const failed: string[] = [];
	page.on('response', (r) => {
		if (r.url().includes('/_app/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
	});
	const res = await page.goto('/produk/1/tidak/ada/di/sini');
	expect(res?.status()).toBe(404);
	expect(await page.locator('h1').innerText()).toBe('Halaman tidak ditemukan');
	await page.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()));
	expect(failed).toEqual([]);
	await page.context().close();
});

describe('bad input is a 400 with a message, not a 500', () => {
	test('?hal=1e308 and ?hal=99999999999999999999 on the product list', async () => {
		const token = await sessionCookie('admin');
		for (const hal of ['1e308', '99999999999999999999', '-1', 'dua']) {
			const res = await fetch(`${baseURL()}/produk?hal=${hal}`, { headers: { cookie: `despro_sesi=${token}`, accept: 'text/html' } });
			expect(res.status, hal).toBe(400);
			expect(await res.text(), hal).toContain('Nomor halaman harus angka bulat 1 sampai 10.000.');
		}
		expect((await fetch(`${baseURL()}/?hal=2`, { headers: { cookie: `despro_sesi=${token}` } })).status).toBe(200);
	});

	test('an unknown /tren filter is refused with the choices instead of computed', async () => {
		const token = await sessionCookie('admin');
		const res = await fetch(`${baseURL()}/tren?marketplace=sampah-${Date.now()}`, { headers: { cookie: `despro_sesi=${token}`, accept: 'text/html' } });
		expect(res.status).toBe(400);
		expect(await res.text()).toMatch(/tidak dikenal\. Pilihan: /);
	});

	test('a malformed multipart body to a form action', async () => {
		const token = await sessionCookie('admin');
		const res = await fetch(`${baseURL()}/produk/1?/harga`, {
			method: 'POST',
			headers: { cookie: `despro_sesi=${token}`, origin: baseURL(), accept: 'text/html', 'content-type': 'multipart/form-data; boundary=batas' },
			body: '--batas\r\nContent-Disposition: form-data; name="price"\r\n\r\n12'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Formulir tidak terbaca.');
	});

	test('a tRPC batch of 200 calls is refused with 400', async () => {
		const token = await sessionCookie('admin');
		const paths = Array.from({ length: 200 }, () => 'trends.categories').join(',');
		const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, { marketplaceId: `x${i}` }]))));
		const res = await fetch(`${baseURL()}/api/trpc/${paths}?batch=1&input=${input}`, { headers: { cookie: `despro_sesi=${token}` } });
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toMatch(/paling banyak 10/);
	});
});

describe('the owner keeps getting in', () => {
	test('after failures for their number, the browser they signed in with before still gets in; a new one waits', async () => {
		// An account of this test's own, so the demo accounts' counters stay as they are.
		const phone = '6281377770001';
		const db = new Database(inject('databaseUrl'));
		db.pragma('busy_timeout = 5000');
		db.prepare("insert or ignore into users (phone, password_hash, role, name, created_at) values (?, ?, 'admin', 'Pemilik', '2026-01-01')").run(phone, hashSync(DEMO_PASSWORD));
		db.close();
		clearAddressFailures();
		const post = (password: string, cookie = '') =>
			fetch(`${baseURL()}/masuk`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
				body: new URLSearchParams({ phone: '0813-7777-0001', password })
			});
		const first = await post(DEMO_PASSWORD);
		expect(first.status).toBe(303);
		const device = first.headers.getSetCookie().find((c) => c.startsWith('despro_perangkat='))!;
		expect(device).toMatch(/; Path=\/masuk/i);
		expect(device).toMatch(/; HttpOnly/i);
		const deviceCookie = device.split(';')[0];

		// Someone else tries wrong passwords for that number (from this same address).
		for (let i = 0; i < 6; i++) await post(`tebakan-${i}`);
		expect((await post(DEMO_PASSWORD)).status).toBe(429);
		// The owner's browser, with its device cookie, is let in.
		const owner = await post(DEMO_PASSWORD, deviceCookie);
		expect(owner.status).toBe(303);
		expect(owner.headers.getSetCookie().some((c) => c.startsWith('despro_sesi='))).toBe(true);
		clearAddressFailures();
	});
});

/** A raw connection that sends `head` and then nothing more; collects what comes back. */
function rawSocket(url: string, head: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
	const { hostname, port } = new URL(url);
	return new Promise((ok, fail) => {
		let data = '';
		const socket = connect(Number(port), hostname, () => {
			socket.write(head);
			ok({ socket, received: () => data, closed });
		});
		const closed = new Promise<void>((done) => socket.once('close', () => done()));
		socket.on('data', (c) => (data += c.toString()));
		socket.on('error', fail);
	});
}

describe("slow or greedy clients on a server of the test's own", () => {
	test('bodies that stop arriving hold no working slot and are cut off; a normal request is answered meanwhile', async () => {
		const server = await startOwnServer({ MAX_ACTIVE: '2', BODY_TIMEOUT_MS: '8000' });
		try {
			const head = `POST /masuk HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${server.url}\r\nAccept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nphone=0812`;
			const slow = await Promise.all(Array.from({ length: 8 }, () => rawSocket(server.url, head)));
			await new Promise((r) => setTimeout(r, 300));
			const normal = await fetch(`${server.url}/masuk`);
			expect(normal.status).toBe(200);
			// Answered while every slow sender is still waiting, unanswered.
			for (const s of slow) expect(s.received()).toBe('');
			// Then each is cut off with 408 and its connection closed.
			await Promise.all(slow.map((s) => s.closed));
			for (const s of slow) expect(s.received()).toMatch(/^HTTP\/1\.1 408 .*Kiriman data berhenti di tengah jalan/s);
			expect(server.process.exitCode).toBeNull();
		} finally {
			await server.stop();
		}
	});

	test('one address may hold only MAX_CONNECTIONS_PER_ADDRESS connections', async () => {
		const server = await startOwnServer({ MAX_CONNECTIONS_PER_ADDRESS: '3' });
		try {
			const held = await Promise.all(Array.from({ length: 3 }, () => rawSocket(server.url, '')));
			const extra = await rawSocket(server.url, '');
			await extra.closed;
			expect(extra.received()).toMatch(/^HTTP\/1\.1 503 .*Terlalu banyak sambungan dari alamat Anda/s);
			for (const h of held) h.socket.destroy();
			await Promise.all(held.map((h) => h.closed));
			await new Promise((r) => setTimeout(r, 100));
			expect((await fetch(`${server.url}/masuk`)).status).toBe(200);
		} finally {
			await server.stop();
		}
	});
});

describe('ORIGIN', () => {
	test('behind a TLS proxy, ORIGIN names the public address: its form posts are accepted, cookies are Secure', async () => {
		const server = await startOwnServer({ ORIGIN: 'https://pasar.contoh.id' });
		try {
			const post = (origin: string) =>
				fetch(`${server.url}/masuk`, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ phone: '081200002222', password: 'salah-sekali' })
				});
			const own = await post('https://pasar.contoh.id');
			expect(own.status).toBe(422);
			expect(await own.text()).toContain('Nomor HP atau kata sandi salah');
			// A post claiming the server's internal address is now from another site.
			expect((await post(server.url)).status).toBe(403);
		} finally {
			await server.stop();
		}
	});
});

describe('no single request can end the process', () => {
	test('a built file deleted after start-up answers 404 and the server keeps serving', async () => {
		// A copy of the build inside the checkout (so it finds node_modules), which may be broken.
		const copy = join(ROOT, `.e2e-build-${process.pid}`);
		cpSync(join(ROOT, 'build'), copy, { recursive: true });
		const server = await startOwnServer({ BUILD_DIR: copy });
		try {
			const html = await (await fetch(`${server.url}/masuk`)).text();
			const asset = /\/_app\/immutable\/entry\/start\.[^"']+\.js/.exec(html)![0];
			const file = join(copy, 'client', asset);
			expect(existsSync(`${file}.br`)).toBe(true);
			// As after a rebuild in place: the file and its compressed copies are gone.
			for (const f of [file, `${file}.br`, `${file}.gz`]) if (existsSync(f)) unlinkSync(f);
			const gone = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
			expect(gone.status).toBe(404);
			// Only the precompressed copy gone, the plain file still there.
			const other = readdirSync(join(copy, 'client/_app/immutable/chunks')).find((f) => f.endsWith('.js'))!;
			unlinkSync(join(copy, 'client/_app/immutable/chunks', `${other}.br`));
			expect((await fetch(`${server.url}/_app/immutable/chunks/${other}`, { headers: { 'accept-encoding': 'br' } })).status).toBe(404);
			// Still serving.
			expect((await fetch(`${server.url}/masuk`)).status).toBe(200);
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			expect(server.process.exitCode).toBeNull();
		} finally {
			await server.stop();
			rmSync(copy, { recursive: true, force: true });
		}
	});

	test('SIGTERM: no new connections, the request in flight is answered, then a clean exit', async () => {
		const server = await startOwnServer();
		const body = new URLSearchParams({ phone: '081200001111', password: 'salah-sekali' }).toString();
		const head = `POST /masuk HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${server.url}\r\nAccept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
		try {
			const inFlight = await rawSocket(server.url, head + body.slice(0, 10));
			await new Promise((r) => setTimeout(r, 200));
			server.process.kill('SIGTERM');
			await expect.poll(() => server.log()).toMatch(/SIGTERM: berhenti menerima sambungan; menyelesaikan 1 permintaan/);
			await expect(fetch(`${server.url}/masuk`)).rejects.toThrow();
			inFlight.socket.write(body.slice(10));
			await inFlight.closed;
			// The sign-in was answered in full (a wrong password: the form again with the message).
			expect(inFlight.received()).toMatch(/^HTTP\/1\.1 (200|303|422) /);
			expect(inFlight.received()).toContain('Nomor HP atau kata sandi salah');
			expect(await server.exited).toBe(0);
			expect(server.log()).toContain('Selesai.');
		} finally {
			await server.stop();
		}
	});
});

