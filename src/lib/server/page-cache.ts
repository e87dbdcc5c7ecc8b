// Rendered answers kept in the server's memory, so a page viewed again is not rendered again.
// Rendering a dashboard, /tren or /agen costs milliseconds of the one thread every request
// shares (load, Svelte, serialising the data, hashing, compressing): at 100 connections the
// server did 71 pages a second, p99 2 s. A kept answer costs a map lookup.
//
// What an answer depends on, and so what it is kept under:
// - the page: method GET, the address with its query (a page, its __data.json and each tRPC
//   call with its input are different answers);
// - the person: every page shows who is signed in and what they may see, so answers are kept per
//   account (anonymous visitors share one copy of the public pages);
// - the data: the database's data version (db/market-version.ts dataVersion) changes with every
//   commit — the background writer's refreshes, an import in another process, a form's write —
//   and a kept answer of another version is never served;
// - the day: "data sudah lama", forecasts and plans count from today's date (UTC), part of the key.
// Only pages and procedures that read nothing else are kept (KEPT_ROUTES, KEPT_PROCEDURES), only
// 200 answers without a cookie being set, and never one that said "sedang disiapkan" (a reader
// asked the background writer: request-scope.ts), so the next view asks again.
//
// The cache is the server's only: signed-in pages stay `Cache-Control: no-store` for the browser
// (hooks.server.ts). Answers are kept with their brotli and gzip bytes (compressed once, on the
// libuv thread pool, at the highest levels: smaller pages on slow lines), so a hit is not
// compressed again (scripts/start.js's compression passes an answer that is already encoded).
// Bounded by PAGE_CACHE_MB (default 64; 0 turns it off); least recently used answers go first.
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { HealthCheck } from './health';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Pages whose answer depends only on the database, the person, the address and the day. */
export const KEPT_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/produk/[id]',
	'/produk/[id]/pembanding',
	'/tren',
	'/agen',
	'/agen/produk/[id]',
	'/agen/produk/[id]/cetak',
	'/koperasi',
	'/api/trpc/[...trpc]'
]);

/** tRPC queries that read only the database (GET); a batch is kept when all its calls are. */
export const KEPT_PROCEDURES: ReadonlySet<string> = new Set([
	'auth.me',
	'product.list',
	'product.dashboard',
	'reviews.summary',
	'agent.producers',
	'agent.explain',
	'trends.categories',
	'forecast.forCategory',
	'forecast.forProduct',
	'alerts.list',
	'plan.coop'
]);

/** Headers of the rendered answer that are not kept: per response, or set again on a hit. */
const NOT_KEPT = new Set(['set-cookie', 'date', 'server-timing', 'content-length', 'content-encoding', 'transfer-encoding', 'vary', 'connection', 'keep-alive']);

interface Entry {
	version: string;
	/** performance.now() when it was kept. */
	keptAt: number;
	headers: [string, string][];
	etag: string;
	body: Uint8Array<ArrayBuffer>;
	br?: Uint8Array<ArrayBuffer>;
	gzip?: Uint8Array<ArrayBuffer>;
	bytes: number;
}

export interface CacheStats {
	entries: number;
	bytes: number;
	maxBytes: number;
	hits: number;
	misses: number;
	stored: number;
}

/**
 * The key of a request's answer, or null when it is not kept: not a GET, a route not in
 * KEPT_ROUTES, a tRPC call not in KEPT_PROCEDURES. The address is the request's own, not
 * SvelteKit's event.url: for an in-app link's data (`/produk/12/__data.json?x-sveltekit-invalidated=…`)
 * that is the page's address, and the data must not be served for the page (or the other way).
 */
export function pageKey(request: Request, routeId: string | null, personId: number | null, today: string): string | null {
	if (request.method !== 'GET' || routeId === null || !KEPT_ROUTES.has(routeId)) return null;
	const url = new URL(request.url);
	if (routeId === '/api/trpc/[...trpc]') {
		const paths = url.pathname.slice('/api/trpc/'.length).split(',');
		if (!paths.every((p) => KEPT_PROCEDURES.has(decodeURIComponent(p)))) return null;
	}
	return `${today}|${personId ?? '-'}|${url.pathname}${url.search}`;
}

/** The best encoding the request accepts among what the entry has: br, gzip, or none. */
function encodingFor(request: Request, entry: Entry): 'br' | 'gzip' | null {
	const accepted = (request.headers.get('accept-encoding') ?? '').toLowerCase();
	const accepts = (name: string) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`).test(accepted);
	if (entry.br && accepts('br')) return 'br';
	if (entry.gzip && accepts('gzip')) return 'gzip';
	return null;
}

export class PageCache {
	private entries = new Map<string, Entry>();
	private bytes = 0;
	private hits = 0;
	private misses = 0;
	private stored = 0;

	/**
	 * `staleMs`: how long a kept copy may still be answered after other connections committed
	 * (the background writer, an import and its refresh). A refresh after an import commits every
	 * few products for half a minute: without a window every request of that time rendered afresh
	 * (p99 2.9 s under `npm run bench:load`). A request's own writes never wait for it.
	 */
	constructor(
		readonly maxBytes: number,
		readonly staleMs = 0
	) {}

	/** Keys whose page is being rendered again for newer data right now. */
	private rendering = new Set<string>();

	/**
	 * The kept answer for this key at this data version, as a Response (304 when the ETag matches);
	 * null otherwise. While another request already renders the key for newer data, the copy kept
	 * before is answered instead of a second render, if only other connections committed since
	 * (an import's refresh commits every few products: without this every request of those
	 * seconds rendered afresh). A write from a request (this connection's own changes) always
	 * renders anew, so a person sees what she just saved.
	 */
	answer(key: string, version: string, request: Request): Response | null {
		const entry = this.entries.get(key);
		const young = () => performance.now() - entry!.keptAt < this.staleMs;
		if (!entry || (entry.version !== version && !(sameOwnChanges(entry.version, version) && (this.rendering.has(key) || young())))) {
			this.misses++;
			return null;
		}
		this.hits++;
		// Least recently used goes first: a hit moves to the end.
		this.entries.delete(key);
		this.entries.set(key, entry);
		const headers = new Headers(entry.headers);
		const match = (request.headers.get('if-none-match') ?? '').split(',').some((t) => t.trim() === entry.etag);
		if (match) {
			// As hooks.server.ts answers a repeat: no body, and no CSP (the kept copy's own stays in force).
			headers.delete('content-security-policy');
			return new Response(null, { status: 304, headers });
		}
		headers.set('vary', 'Accept-Encoding');
		const encoding = encodingFor(request, entry);
		if (encoding) headers.set('content-encoding', encoding);
		const body = encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip! : entry.body;
		headers.set('content-length', String(body.byteLength));
		return new Response(body, { status: 200, headers });
	}

	/** Keeps a rendered 200 answer (its body already read: `body`) under this key and version. */
	keep(key: string, version: string, headers: Headers, body: Uint8Array<ArrayBuffer>): void {
		if (this.maxBytes <= 0 || body.byteLength * 2 > this.maxBytes) return;
		const etag = headers.get('etag');
		if (!etag || headers.has('set-cookie')) return;
		const old = this.entries.get(key);
		if (old) this.drop(key, old);
		const entry: Entry = {
			version,
			keptAt: performance.now(),
			headers: [...headers].filter(([name]) => !NOT_KEPT.has(name.toLowerCase())),
			etag,
			body,
			bytes: body.byteLength + key.length
		};
		this.entries.set(key, entry);
		this.bytes += entry.bytes;
		this.stored++;
		this.evict();
		// Compressed once, off the server's thread; until then a hit is compressed per answer as before.
		void Promise.all([
			brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
			gz(body, { level: 9 })
		]).then(
			([br, gzipped]) => {
				if (this.entries.get(key) !== entry) return;
				entry.br = new Uint8Array(br);
				entry.gzip = new Uint8Array(gzipped);
				entry.bytes += br.byteLength + gzipped.byteLength;
				this.bytes += br.byteLength + gzipped.byteLength;
				this.evict();
			},
			() => {}
		);
	}

	/** Runs `render` as the one render of `key` under way: requests meanwhile get the copy kept before. */
	async renderOnce<T>(key: string, render: () => Promise<T>): Promise<T> {
		this.rendering.add(key);
		try {
			return await render();
		} finally {
			this.rendering.delete(key);
		}
	}

	stats(): CacheStats {
		return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, stored: this.stored };
	}

	/** For GET /healthz (health.ts): counts only, nothing of what the pages hold. */
	health(): HealthCheck & CacheStats {
		const s = this.stats();
		const detail =
			s.maxBytes <= 0
				? 'Halaman tidak disimpan (PAGE_CACHE_MB=0).'
				: `${s.entries} halaman siap kirim (${(s.bytes / 1048576).toFixed(1)} dari ${(s.maxBytes / 1048576).toFixed(0)} MB); ${s.hits} kali dikirim dari simpanan, ${s.misses} kali dibuat.`;
		return { ok: true, detail, ...s };
	}

	clear(): void {
		this.entries.clear();
		this.bytes = 0;
	}

	private drop(key: string, entry: Entry): void {
		this.entries.delete(key);
		this.bytes -= entry.bytes;
	}

	private evict(): void {
		for (const [key, entry] of this.entries) {
			if (this.bytes <= this.maxBytes) break;
			this.drop(key, entry);
		}
	}
}

/** Whether two data versions (market-version.ts dataVersion) have the same count of this connection's own writes. */
function sameOwnChanges(a: string, b: string): boolean {
	return a.slice(a.indexOf('.')) === b.slice(b.indexOf('.'));
}

/** PAGE_STALE_MS (default 15 s; 0: a commit by another connection shows on the very next view). */
export function pageStaleMs(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return 15_000;
	const ms = Number(value);
	return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

/** PAGE_CACHE_MB as bytes (default 64 MB; 0 or a negative number: nothing is kept). */
export function pageCacheBytes(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return 64 * 1024 * 1024;
	const mb = Number(value);
	return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
}
