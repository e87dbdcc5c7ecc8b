// Two app servers on one PostgreSQL database (issue 15): both started at once on an empty
// database (one seeds, the other waits and finds it seeded), both serve, a person signed in on
// each sees on one what she saved on the other, and the two background writers never refresh
// at the same time (their logs: every refresh's start and end, with the process id). The built
// app (`npm run build`) started twice as `npm start` does. Needs TEST_POSTGRES_URL; skipped
// without it, with the reason.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/lib/server/demo/accounts';
import { startOwnServer, type OwnServer } from './own-server';

if (!TEST_POSTGRES_URL) console.warn(NO_POSTGRES);

/** Signs in through the /masuk form as a demo account (the producer unless said); returns the session cookie. */
async function signIn(server: OwnServer, role: 'produsen' | 'agen' = 'produsen'): Promise<string> {
	const body = new URLSearchParams({ phone: DEMO_PHONES[role], password: DEMO_PASSWORD });
	const res = await fetch(`${server.url}/masuk`, { method: 'POST', body, redirect: 'manual', headers: { origin: server.url, accept: 'text/html' } });
	expect(res.status).toBe(303);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('despro_sesi='));
	expect(cookie).toBeDefined();
	return cookie!.split(';')[0];
}

async function trpcQuery<T>(server: OwnServer, cookie: string, path: string, input: unknown): Promise<T> {
	const res = await fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
	expect(res.status, await res.clone().text()).toBe(200);
	return ((await res.json()) as { result: { data: T } }).result.data;
}

async function setPrice(server: OwnServer, cookie: string, id: number, price: number): Promise<void> {
	const res = await fetch(`${server.url}/api/trpc/product.setPrice`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ id, price })
	});
	expect(res.status, await res.clone().text()).toBe(200);
}

/** Each refresh a server's writer ran, from its log: [start, end] in ms since the epoch. */
function refreshes(server: OwnServer): [number, number][] {
	const out: [number, number][] = [];
	let started: number | null = null;
	for (const m of server.log().matchAll(/\[writer\] pid \d+: refresh (started|ended) (\S+)/g)) {
		if (m[1] === 'started') started = Date.parse(m[2]);
		else if (started !== null) {
			out.push([started, Date.parse(m[2])]);
			started = null;
		}
	}
	return out;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe.skipIf(!TEST_POSTGRES_URL)('two app servers on one PostgreSQL database', () => {
	let fresh: FreshPostgres;
	let a: OwnServer;
	let b: OwnServer;
	beforeAll(async () => {
		fresh = await freshPostgresDatabase('twoservers');
		// PAGE_STALE_MS=0: a page kept by one server is never sent once the other committed.
		const env = { DATABASE_URL: fresh.url, DEMO_DATA: 'on', DEMO_LISTINGS: '800', DEMO_END_DATE: '2026-11-23', PAGE_STALE_MS: '0' };
		[a, b] = await Promise.all([startOwnServer(env), startOwnServer(env)]);
	}, 240_000);
	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await fresh?.drop();
	});

	test('one of them seeded the empty database; both serve it', async () => {
		const seeded = [a, b].filter((s) => s.log().includes('Database kosong: membuat data contoh'));
		expect(seeded).toHaveLength(1);
		expect([a, b].filter((s) => s.log().includes('Memakai data contoh yang sudah ada.'))).toHaveLength(1);
		for (const s of [a, b]) expect((await fetch(`${s.url}/masuk`)).status).toBe(200);
	});

	test('a price saved on one server shows on the other, signed in on each', async () => {
		const [onA, onB] = [await signIn(a), await signIn(b)];
		const list = await trpcQuery<{ items: { id: number; price: number }[] }>(b, onB, 'product.list', {});
		const { id, price } = list.items[0];
		// Seen (and kept in B's page cache) before the change.
		expect((await trpcQuery<{ product: { price: number } }>(b, onB, 'product.dashboard', { id })).product.price).toBe(price);
		await setPrice(a, onA, id, price + 1111);
		expect((await trpcQuery<{ product: { price: number } }>(b, onB, 'product.dashboard', { id })).product.price).toBe(price + 1111);
		await setPrice(b, onB, id, price + 2222);
		expect((await trpcQuery<{ product: { price: number } }>(a, onA, 'product.dashboard', { id })).product.price).toBe(price + 2222);
		// A session is the database's, not the server's: signed in on A, recognised on B.
		expect((await trpcQuery<{ product: { price: number } }>(b, onA, 'product.dashboard', { id })).product.price).toBe(price + 2222);
	});

	test('their background writers never refresh at the same time', async () => {
		// An agent takes a listing out of a product's competitors on each server at once: each
		// server's writer is asked to rebuild that product's set and market part.
		const [onA, onB] = [await signIn(a, 'agen'), await signIn(b, 'agen')];
		const agenPage = await (await fetch(`${a.url}/agen`, { headers: { cookie: onA } })).text();
		const products = [...new Set([...agenPage.matchAll(/href="\/agen\/produk\/(\d+)"/g)].map((m) => m[1]))].slice(0, 2);
		expect(products).toHaveLength(2);
		const firstListing = async (server: OwnServer, cookie: string, product: string) =>
			/name="listingId" value="(\d+)"/.exec(await (await fetch(`${server.url}/produk/${product}/pembanding`, { headers: { cookie } })).text())![1];
		const remove = async (server: OwnServer, cookie: string, product: string) => {
			const body = new URLSearchParams({ listingId: await firstListing(server, cookie, product), reason: 'bukan produk sejenis' });
			const res = await fetch(`${server.url}/produk/${product}/pembanding?/keluarkan`, { method: 'POST', body, redirect: 'manual', headers: { cookie, origin: server.url, accept: 'text/html' } });
			expect(res.status).toBe(200);
		};
		const before = [refreshes(a).length, refreshes(b).length];
		await Promise.all([remove(a, onA, products[0]), remove(b, onB, products[1])]);
		await until('a refresh on each server', () => refreshes(a).length > before[0] && refreshes(b).length > before[1]);
		const all = [...refreshes(a).map((r) => ['a', ...r] as const), ...refreshes(b).map((r) => ['b', ...r] as const)].sort((x, y) => x[1] - y[1]);
		for (let i = 1; i < all.length; i++) expect(all[i][1], `${all[i - 1].join(' ')} overlaps ${all[i].join(' ')}`).toBeGreaterThanOrEqual(all[i - 1][2]);
	});
});
