// Offline after a first visit. Producers open the app on patchy connections: the pages they have
// opened (product dashboards, /agen, /tren, /koperasi) must open again without a network, with a
// clear note of when their data was fetched.
//
// - App shell: the built scripts a page used (/_app/immutable/…, content-hashed, never change)
//   are kept and answered from the cache. Nothing else is downloaded ahead: on a cheap data plan we fetch only
//   what the user's pages need (each page tells us which scripts it loaded; they come out of the
//   browser's HTTP cache, not the network).
// - Pages: network first, asking with the kept copy's ETag (the server sends these pages as
//   no-store, so the browser itself keeps none): a 304 answers with the kept copy. Each
//   successful page is kept with the time it was fetched; without a
//   network the kept copy is served with "Anda sedang offline. Data terakhir diperbarui …" at the
//   top. Pages hold one person's data, so they are dropped at sign-out, at sign-in (someone else
//   may sign in on a shared phone) and whenever the server no longer lets the page through
//   (a redirect: session ended or role changed).
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = `pages-${version}`;
const FETCHED_AT = 'x-despro-diambil';

/** Pages worth keeping offline: read-only views of one person's data. */
const KEEP = /^\/(produk\/\d+|agen(\/.*)?|tren|koperasi)?$/;

function keepable(url: URL): boolean {
	return url.origin === sw.location.origin && KEEP.test(url.pathname);
}

const pageKey = (url: URL) => url.pathname + url.search;

async function keepPage(url: URL, response: Response): Promise<void> {
	const headers = new Headers(response.headers);
	headers.set(FETCHED_AT, new Date().toISOString());
	const body = await response.blob();
	await (await caches.open(PAGES)).put(pageKey(url), new Response(body, { status: 200, headers }));
}

const forgetPages = () => caches.delete(PAGES);

function fetchedAtText(iso: string | null): string {
	const at = iso ? new Date(iso) : null;
	if (!at || Number.isNaN(at.getTime())) return '';
	return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at);
}

const NOTE_STYLE = 'margin:0;padding:0.6rem 0.75rem;background:#fff4d6;color:#5c4300;border-bottom:1px solid #e8cf8a;font:inherit;font-size:0.95rem';

/** The kept page with the offline note at the top of the body (outside the app's own root). */
async function offlineCopy(kept: Response): Promise<Response> {
	const html = await kept.text();
	const when = fetchedAtText(kept.headers.get(FETCHED_AT));
	const note = `<p role="status" class="offline-note" style="${NOTE_STYLE}">Anda sedang offline. Data terakhir diperbarui ${when || 'saat halaman ini terakhir dibuka'}.</p>`;
	const body = html.replace(/<body[^>]*>/i, (tag) => tag + note);
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
	// The page's own policy comes along: it allows the kept page's own inline script by its hash.
	const csp = kept.headers.get('content-security-policy');
	if (csp) headers.set('content-security-policy', csp);
	return new Response(body, { status: 200, headers });
}

function notKept(): Response {
	const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title></head>
<body style="font-family:system-ui,sans-serif;padding:1rem;line-height:1.5"><h1 style="font-size:1.2rem">Anda sedang offline</h1>
<p>Halaman ini belum pernah dibuka di HP ini, jadi belum tersimpan. Buka lagi saat ada sinyal.</p><p><a href="/">Kembali ke awal</a></p></body></html>`;
	return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

async function page(event: FetchEvent, url: URL): Promise<Response> {
	const kept = await (await caches.open(PAGES)).match(pageKey(url));
	try {
		// A signed-in person's pages are `no-store` (Back after signing out must not show them from
		// the browser's cache), so the browser has no copy to revalidate: this worker asks with the
		// ETag of the copy it keeps, and an unchanged page costs a bodyless 304.
		const etag = kept?.headers.get('etag');
		const request = etag
			? new Request(event.request.url, {
					headers: { 'if-none-match': etag, accept: event.request.headers.get('accept') ?? 'text/html' },
					credentials: 'same-origin',
					redirect: 'manual'
				})
			: event.request;
		const response = await fetch(request);
		if (response.type === 'opaqueredirect' || response.redirected) {
			// Sent elsewhere (usually /masuk): whatever we kept for this person is no longer theirs to see.
			event.waitUntil(forgetPages());
		} else if (response.status === 304 && kept) {
			// Unchanged: the kept copy, with its own headers (its CSP names its inline script's hash) and
			// the time it was fetched (x-despro-diambil), kept again as confirmed now.
			const body = await kept.blob();
			event.waitUntil(keepPage(url, new Response(body, { status: 200, headers: kept.headers })));
			return new Response(body, { status: 200, headers: kept.headers });
		} else if (response.status === 200) {
			event.waitUntil(keepPage(url, response.clone()));
		}
		return response;
	} catch {
		return kept ? offlineCopy(kept) : notKept();
	}
}

// Which scripts are kept, known synchronously: a fetch event must decide at once whether to answer.
// Scripts not kept are left to the browser entirely (no detour through this worker while a page
// starts); kept ones are answered from the cache, so they work offline.
const keptAssets = new Set<string>();
const loadingKept = caches
	.open(SHELL)
	.then((c) => c.keys())
	.then((keys) => keys.forEach((r) => keptAssets.add(new URL(r.url).pathname)));

async function keepAsset(path: string): Promise<void> {
	const shell = await caches.open(SHELL);
	if (!(await shell.match(path))) {
		const response = await fetch(path);
		if (!response.ok) return;
		await shell.put(path, response);
	}
	keptAssets.add(path);
}

sw.addEventListener('install', () => {
	void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== SHELL && key !== PAGES) await caches.delete(key);
			// No clients.claim(): the page that registered us loads its scripts straight from the
			// network (taking over mid-load only slowed its start); it sends what to keep instead.
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method !== 'GET') {
		// Signing in or out: kept pages belonged to the previous session.
		if (url.pathname === '/keluar' || url.pathname === '/masuk') event.waitUntil(forgetPages());
		return;
	}
	if (url.pathname.startsWith('/_app/immutable/')) {
		if (keptAssets.has(url.pathname)) event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate' && keepable(url)) event.respondWith(page(event, url));
});

// After every navigation the page sends the scripts it used, and after an in-app one (the page
// came as data) its own address: both are kept (the scripts come from the HTTP cache; the page is
// fetched once more). A page the browser loaded itself is not sent: this worker kept it on the way
// in, or, on the very first visit, it came before this worker did and is kept on its next visit.
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; assets?: unknown; page?: unknown } | null;
	if (data?.type !== 'simpan') return;
	event.waitUntil(
		(async () => {
			await loadingKept;
			const assets = Array.isArray(data.assets) ? data.assets.filter((a): a is string => typeof a === 'string') : [];
			for (const href of assets) {
				const url = new URL(href, sw.location.origin);
				if (url.origin !== sw.location.origin || !url.pathname.startsWith('/_app/immutable/') || keptAssets.has(url.pathname)) continue;
				await keepAsset(url.pathname);
			}
			if (typeof data.page !== 'string') return;
			const url = new URL(data.page, sw.location.origin);
			if (!keepable(url)) return;
			// An in-app link brought the page as data only, so it is fetched once more, unless a copy
			// under 10 minutes old is kept.
			const kept = await (await caches.open(PAGES)).match(pageKey(url));
			const keptAt = Date.parse(kept?.headers.get(FETCHED_AT) ?? '');
			if (kept && Date.now() - keptAt < 10 * 60_000) return;
			const response = await fetch(pageKey(url), { credentials: 'same-origin', redirect: 'manual' });
			if (response.status === 200) await keepPage(url, response);
			else if (response.type === 'opaqueredirect') await forgetPages();
		})()
	);
});
