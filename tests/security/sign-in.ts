// Signing in from the end-to-end tests: in Chromium through the real /masuk form (works with
// JavaScript on or off), or over HTTP for request-level checks.
import Database from 'better-sqlite3';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Role } from '../../src/lib/server/auth/actor';
import { authDatabasePath } from '../../src/lib/server/db/auth-db';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/lib/server/demo/accounts';
import { baseURL } from '../e2e/browser';

export { DEMO_PASSWORD, DEMO_PHONES };

/**
 * Every e2e test signs in from 127.0.0.1, and the tests of wrong passwords add failures for that
 * address: after 20 the shared test server would lock every later sign-in for 15 minutes, and
 * which tests failed would depend on file order. A sign-in meant to succeed starts from a clean
 * address record (the per-address limit itself is tested in tests/security on its own database).
 */
export function clearAddressFailures(): void {
	// Sign-in state lives in the auth file beside the database (src/lib/server/db/auth-db.ts).
	const db = new Database(authDatabasePath(inject('databaseUrl')));
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare("delete from login_attempts where key like 'ip:%' or key like 'phone-ip:%'").run();
	} finally {
		db.close();
	}
}

/** A new browser context signed in as the demo account of `role`, on `path`. */
export async function openAs(browser: Browser, role: Role, path = '/', options: BrowserContextOptions = {}): Promise<Page> {
	clearAddressFailures();
	const context = await browser.newContext({ baseURL: baseURL(), ...options });
	const page = await context.newPage();
	await page.goto(`/masuk?ke=${encodeURIComponent(path)}`);
	await page.fill('#phone', DEMO_PHONES[role]);
	await page.fill('#password', DEMO_PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/masuk', { timeout: 30_000 }), page.click('main button[type=submit]')]);
	return page;
}

/** Signs in over HTTP and returns the session cookie value ('' when refused). */
export async function sessionCookie(role: Role, password = DEMO_PASSWORD): Promise<string> {
	if (password === DEMO_PASSWORD) clearAddressFailures();
	const res = await fetch(`${baseURL()}/masuk`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseURL(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ phone: DEMO_PHONES[role], password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('despro_sesi='));
	return cookie ? cookie.split(';')[0].slice('despro_sesi='.length) : '';
}
