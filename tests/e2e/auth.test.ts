// Each role's way in, in Chromium, with and without JavaScript; session cookie flags,
// sign-out, cross-origin form posts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseURL, launchBrowser } from './browser';
import { clearAddressFailures, DEMO_PASSWORD, DEMO_PHONES, openAs, sessionCookie } from '../security/sign-in';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe.each([true, false])('signing in (JavaScript %s)', (javaScriptEnabled) => {
	test('anonymous is sent to /masuk and back to the page after signing in', async () => {
		const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled });
		const page = await context.newPage();
		await page.goto('/agen');
		expect(new URL(page.url()).pathname).toBe('/masuk');
		expect(new URL(page.url()).searchParams.get('ke')).toBe('/agen');
		await page.fill('#phone', '0811 0000 0002');
		await page.fill('#password', DEMO_PASSWORD);
		clearAddressFailures();
		await Promise.all([page.waitForURL(/\/agen$/), page.click('main button[type=submit]')]);
		expect(await page.locator('h1').innerText()).toBe('Produsen saya');
		await context.close();
	});

	test('a wrong password and an unknown number get the same message', async () => {
		const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled });
		const page = await context.newPage();
		const messages: string[] = [];
		for (const phone of [DEMO_PHONES.admin, '081298765432']) {
			await page.goto('/masuk');
			await page.fill('#phone', phone);
			await page.fill('#password', `salah-${javaScriptEnabled}`);
			await page.click('main button[type=submit]');
			await page.locator('[role=alert]').waitFor();
			messages.push(await page.locator('[role=alert]').innerText());
			expect(await page.inputValue('#phone')).toBe(phone);
		}
		expect(messages[0]).toBe('Nomor HP atau kata sandi salah. Periksa lalu coba lagi.');
		expect(messages[1]).toBe(messages[0]);
		await context.close();
	});
});

test('what a person types before the page script arrives is kept, and the sign-in goes through', async () => {
	// On a slow phone the form shows long before the script: hold the script back, type, then let
	// it load. A field wiped by hydration would block the required-field check (seen as a stall).
	const context = await browser.newContext({ baseURL: baseURL() });
	const page = await context.newPage();
	let release!: () => void;
	const scriptsHeld = new Promise<void>((r) => (release = r));
	await page.route('**/_app/**', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto('/masuk?ke=/agen', { waitUntil: 'commit' });
	await page.locator('#phone').waitFor({ state: 'attached' });
	await page.fill('#phone', DEMO_PHONES.agen);
	await page.fill('#password', DEMO_PASSWORD);
	release();
	// Hydrated: the layout's onMount has registered the service worker.
	await page.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()));
	await page.waitForTimeout(1000);
	expect(await page.inputValue('#phone')).toBe(DEMO_PHONES.agen);
	clearAddressFailures();
	await Promise.all([page.waitForURL(/\/agen$/), page.click('main button[type=submit]')]);
	await context.close();
});

describe("each role's main path", () => {
	test('producer sees only their own products', async () => {
		const page = await openAs(browser, 'produsen');
		expect(await page.locator('h1').innerText()).toBe('Produk saya');
		const producers = await page.locator('main ul a .muted').allInnerTexts();
		expect(producers.length).toBeGreaterThan(0);
		const own = producers[0].split(' · ')[0];
		for (const p of producers) expect(p.split(' · ')[0]).toBe(own);
		// Another producer's product answers 404, like a missing one.
		const ids = await page.locator('main ul a').evaluateAll((as) => as.map((a) => Number(a.getAttribute('href')!.split('/').pop())));
		const foreign = [1, 2, 3, 4, 5].find((id) => !ids.includes(id))!;
		expect((await page.goto(`/produk/${foreign}`))?.status()).toBe(404);
		expect((await page.goto(`/produk/${ids[0]}`))?.status()).toBe(200);
		// The agent's workspace is not theirs.
		expect((await page.goto('/agen'))?.status()).toBe(403);
		expect(await page.locator('h1').innerText()).toBe('Halaman ini bukan untuk Anda');
		await page.context().close();
	});

	test('co-op opens its page', async () => {
		const page = await openAs(browser, 'koperasi');
		expect(new URL(page.url()).pathname).toBe('/koperasi');
		expect(page.url()).not.toContain('/masuk');
		expect((await page.goto('/impor'))?.status()).toBe(403);
		await page.context().close();
	});

	test('admin may open /impor; everyone signed in may open /tren', async () => {
		const page = await openAs(browser, 'admin', '/impor');
		expect((await page.goto('/impor'))?.status()).toBe(200);
		expect((await page.goto('/tren'))?.status()).toBe(200);
		await page.context().close();
	});

	test('the public landing page says what the app is and links to /masuk', async () => {
		const context = await browser.newContext({ baseURL: baseURL() });
		const page = await context.newPage();
		await page.goto('/');
		expect(await page.locator('h1').innerText()).toMatch(/Despro Pasar/);
		expect(await page.locator('main a[href="/masuk"]').count()).toBe(1);
		await context.close();
	});
});

describe('sessions over HTTP', () => {
	test('the cookie is httpOnly and SameSite=Lax; Secure only behind HTTPS', async () => {
		const res = await fetch(`${baseURL()}/masuk`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ phone: DEMO_PHONES.agen, password: DEMO_PASSWORD })
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('despro_sesi='))!;
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\//i);
		expect(cookie).toMatch(/; Expires=/i);
		expect(cookie).not.toMatch(/; Secure/i);
		// Behind a TLS proxy (x-forwarded-proto: https) the cookie is Secure.
		const secure = await fetch(`${baseURL()}/masuk`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseURL().replace('http:', 'https:'), 'x-forwarded-proto': 'https', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ phone: DEMO_PHONES.agen, password: DEMO_PASSWORD })
		});
		expect(secure.headers.getSetCookie().find((c) => c.startsWith('despro_sesi='))).toMatch(/; Secure/i);
	});

	test('after signing out the old cookie no longer works', async () => {
		const token = await sessionCookie('agen');
		const get = () => fetch(`${baseURL()}/agen`, { redirect: 'manual', headers: { cookie: `despro_sesi=${token}` } });
		expect((await get()).status).toBe(200);
		const out = await fetch(`${baseURL()}/keluar`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: `despro_sesi=${token}`, origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(out.status).toBe(303);
		const after = await get();
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/masuk?ke=%2Fagen');
	});

	test('a form post from another site is refused', async () => {
		const res = await fetch(`${baseURL()}/masuk`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://penipu.example', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ phone: DEMO_PHONES.agen, password: DEMO_PASSWORD })
		});
		expect(res.status).toBe(403);
		expect(res.headers.getSetCookie().some((c) => c.startsWith('despro_sesi='))).toBe(false);
		// Also with a valid session: the cross-site post of a price change does nothing.
		const token = await sessionCookie('admin');
		const price = await fetch(`${baseURL()}/produk/1?/harga`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: `despro_sesi=${token}`, origin: 'https://penipu.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'price=1'
		});
		expect(price.status).toBe(403);
	});

	test('anonymous tRPC calls get 401; signed-in ones are scoped', async () => {
		expect((await fetch(`${baseURL()}/api/trpc/product.list`)).status).toBe(401);
		const token = await sessionCookie('produsen');
		const res = await fetch(`${baseURL()}/api/trpc/product.list`, { headers: { cookie: `despro_sesi=${token}` } });
		expect(res.status).toBe(200);
		const body = await res.json();
		const producers = new Set(body.result.data.items.map((p: { producerId: number }) => p.producerId));
		expect(producers.size).toBe(1);
		expect((await fetch(`${baseURL()}/api/trpc/imports.list`, { headers: { cookie: `despro_sesi=${token}` } })).status).toBe(403);
	});

	test('too many wrong passwords for one number lock it, with a message that reveals nothing', async () => {
		let last = '';
		for (let i = 0; i < 6; i++) {
			const res = await fetch(`${baseURL()}/masuk`, {
				method: 'POST',
				headers: { origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ phone: '081233332222', password: `salah-${i}` })
			});
			last = `${res.status} ${await res.text()}`;
		}
		expect(last).toMatch(/^429 /);
		expect(last).toContain('Terlalu banyak percobaan masuk');
	});
});
