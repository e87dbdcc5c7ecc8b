import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { PageCache, pageCacheBytes, pageKey, pageStaleMs } from './page-cache';

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://x${path}`, { headers });
const key = (path: string, routeId: string | null, person: number | null = 7, today = '2026-11-30', method = 'GET') =>
	pageKey(new Request(`http://x${path}`, { method }), routeId, person, today);

const page = (text: string) => new TextEncoder().encode(`<!doctype html><main>${text.repeat(200)}</main>`);
const headersOf = (etag: string, extra: Record<string, string> = {}) =>
	new Headers({ 'content-type': 'text/html', etag, 'content-security-policy': "script-src 'self' 'sha256-abc'", ...extra });

/** Waits until the entry's compressed copies are in (they are made on the thread pool). */
async function compressed(cache: PageCache, k: string, version: string) {
	for (let i = 0; i < 200; i++) {
		const res = cache.answer(k, version, get('/', { 'accept-encoding': 'br' }));
		if (res?.headers.get('content-encoding') === 'br') return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error('never compressed');
}

describe('pageKey', () => {
	test.each([
		['a dashboard', '/produk/12', '/produk/[id]', true],
		['its data for an in-app link', '/produk/12/__data.json', '/produk/[id]', true],
		['/tren with filters', '/tren?marketplace=shopee', '/tren', true],
		['a kept tRPC query', '/api/trpc/product.dashboard?input=%7B%22id%22%3A1%7D', '/api/trpc/[...trpc]', true],
		['a batch of kept queries', '/api/trpc/product.list,trends.categories?batch=1&input=%7B%7D', '/api/trpc/[...trpc]', true],
		['a batch with one query that is not kept', '/api/trpc/product.list,imports.list?batch=1&input=%7B%7D', '/api/trpc/[...trpc]', false],
		['the import pages (progress moves on its own)', '/impor', '/impor', false],
		['sign-in', '/masuk', '/masuk', false],
		['/healthz (ages with the clock)', '/healthz', '/healthz', false],
		['no route', '/nope', null, false]
	])('%s: kept %s', (_name, path, routeId, kept) => {
		expect(key(path, routeId) !== null).toBe(kept);
	});

	test('only GET is kept', () => {
		expect(key('/produk/12', '/produk/[id]', 7, '2026-11-30', 'POST')).toBeNull();
		expect(key('/produk/12', '/produk/[id]', 7, '2026-11-30', 'HEAD')).toBeNull();
	});

	test("a page and its in-app data are different answers, as are the data's invalidated parts", () => {
		const page = key('/produk/12', '/produk/[id]');
		const data = key('/produk/12/__data.json?x-sveltekit-invalidated=01', '/produk/[id]');
		expect(data).not.toBe(page);
		expect(key('/produk/12/__data.json?x-sveltekit-invalidated=11', '/produk/[id]')).not.toBe(data);
	});

	test('another person, another day or another query is another answer', () => {
		const base = key('/tren', '/tren');
		expect(key('/tren', '/tren', 8)).not.toBe(base);
		expect(key('/tren', '/tren', null)).not.toBe(base);
		expect(key('/tren', '/tren', 7, '2026-12-01')).not.toBe(base);
		expect(key('/tren?provinsi=33', '/tren')).not.toBe(base);
		expect(key('/tren', '/tren')).toBe(base);
	});
});

describe('PageCache', () => {
	test('a kept page is served again, with its headers and ETag, only at its data version', () => {
		const cache = new PageCache(1 << 20);
		const body = page('Harga Anda Rp60.000');
		cache.keep('k', 'v1', headersOf('W/"a"', { 'server-timing': 'tren;dur=200' }), body);
		const hit = cache.answer('k', 'v1', get('/'))!;
		expect(hit.status).toBe(200);
		expect(hit.headers.get('etag')).toBe('W/"a"');
		expect(hit.headers.get('content-security-policy')).toContain('sha256-abc');
		// A timing of the render that made it says nothing about this answer.
		expect(hit.headers.get('server-timing')).toBeNull();
		expect(cache.answer('k', 'v2', get('/'))).toBeNull();
		// The old copy waits to be replaced by the new render (see the next test), then it is gone.
		cache.keep('k', 'v2', headersOf('W/"b"'), page('Harga Anda Rp65.000'));
		expect(cache.answer('k', 'v2', get('/'))!.headers.get('etag')).toBe('W/"b"');
		expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, entries: 1 });
	});

	test('while one request renders a page for newer data, the others get the copy kept before; never after a write of their own', async () => {
		const cache = new PageCache(1 << 20);
		// Versions are "data_version.total_changes" (market-version.ts): another connection's commit
		// moves the first part, a write from a request on this connection the second.
		cache.keep('k', '5.10', headersOf('W/"old"'), page('Rp60.000'));
		let finish!: () => void;
		const rendering = cache.renderOnce('k', () => new Promise<void>((r) => (finish = r)));
		// An import's refresh committed: the page is being rendered again; meanwhile the old copy.
		expect(cache.answer('k', '6.10', get('/'))!.headers.get('etag')).toBe('W/"old"');
		// A request wrote since (a price saved): never the old copy, render anew.
		expect(cache.answer('k', '6.11', get('/'))).toBeNull();
		finish();
		await rendering;
		// No render under way: a newer version is a miss, as before.
		expect(cache.answer('k', '6.10', get('/'))).toBeNull();
	});

	test("with PAGE_STALE_MS, others' commits show once the kept copy is that old; a request's own write at once", async () => {
		const cache = new PageCache(1 << 20, 40);
		cache.keep('k', '5.10', headersOf('W/"old"'), page('Rp60.000'));
		// The refresh after an import committed again and again: the copy stays for 40 ms.
		expect(cache.answer('k', '9.10', get('/'))!.headers.get('etag')).toBe('W/"old"');
		expect(cache.answer('k', '9.11', get('/'))).toBeNull();
		await new Promise((r) => setTimeout(r, 60));
		expect(cache.answer('k', '9.10', get('/'))).toBeNull();
	});

	test('a repeat with the same ETag is a bodyless 304 without a policy', async () => {
		const cache = new PageCache(1 << 20);
		cache.keep('k', 'v1', headersOf('W/"a"'), page('x'));
		const res = cache.answer('k', 'v1', get('/', { 'if-none-match': 'W/"other", W/"a"' }))!;
		expect(res.status).toBe(304);
		expect(await res.text()).toBe('');
		expect(res.headers.get('content-security-policy')).toBeNull();
	});

	test('an answer that sets a cookie, or has no ETag, is not kept', () => {
		const cache = new PageCache(1 << 20);
		cache.keep('a', 'v', headersOf('W/"a"', { 'set-cookie': 'despro_sesi=x' }), page('x'));
		cache.keep('b', 'v', new Headers({ 'content-type': 'text/html' }), page('x'));
		expect(cache.answer('a', 'v', get('/'))).toBeNull();
		expect(cache.answer('b', 'v', get('/'))).toBeNull();
	});

	test('compressed once: brotli or gzip as the browser accepts, the same page when unpacked', async () => {
		const cache = new PageCache(1 << 20);
		const body = page('Permintaan naik 18% ');
		cache.keep('k', 'v', headersOf('W/"a"'), body);
		await compressed(cache, 'k', 'v');
		const br = cache.answer('k', 'v', get('/', { 'accept-encoding': 'gzip, deflate, br' }))!;
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toBe('Accept-Encoding');
		const brBytes = new Uint8Array(await br.arrayBuffer());
		expect(Number(br.headers.get('content-length'))).toBe(brBytes.byteLength);
		expect(brBytes.byteLength).toBeLessThan(body.byteLength / 5);
		expect(new Uint8Array(brotliDecompressSync(brBytes))).toEqual(body);
		const gz = cache.answer('k', 'v', get('/', { 'accept-encoding': 'gzip, br;q=0' }))!;
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(new Uint8Array(gunzipSync(new Uint8Array(await gz.arrayBuffer())))).toEqual(body);
		const plain = cache.answer('k', 'v', get('/', { 'accept-encoding': 'identity' }))!;
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(new Uint8Array(await plain.arrayBuffer())).toEqual(body);
	});

	test('bounded: the least recently used pages go first', () => {
		const body = page('y');
		const cache = new PageCache(body.byteLength * 3 + 100);
		for (const k of ['a', 'b', 'c']) cache.keep(k, 'v', headersOf(`W/"${k}"`), body);
		expect(cache.answer('a', 'v', get('/'))).not.toBeNull(); // a is now the most recent
		cache.keep('d', 'v', headersOf('W/"d"'), body);
		expect(cache.answer('b', 'v', get('/'))).toBeNull();
		expect(cache.answer('a', 'v', get('/'))).not.toBeNull();
		expect(cache.answer('d', 'v', get('/'))).not.toBeNull();
		expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
	});

	test('PAGE_CACHE_MB=0 keeps nothing', () => {
		expect(pageCacheBytes(undefined)).toBe(64 * 1024 * 1024);
		expect(pageCacheBytes('8')).toBe(8 * 1024 * 1024);
		expect(pageCacheBytes('0')).toBe(0);
		const cache = new PageCache(pageCacheBytes('0'));
		cache.keep('k', 'v', headersOf('W/"a"'), page('x'));
		expect(cache.answer('k', 'v', get('/'))).toBeNull();
		expect(cache.health().detail).toContain('PAGE_CACHE_MB=0');
	});
});

test('PAGE_STALE_MS: 15 s by default, 0 turns the window off, at most a minute', () => {
	expect(pageStaleMs(undefined)).toBe(15_000);
	expect(pageStaleMs('0')).toBe(0);
	expect(pageStaleMs('abc')).toBe(0);
	expect(pageStaleMs('600000')).toBe(60_000);
});
