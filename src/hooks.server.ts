import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { building } from '$app/environment';
import { getDb, readyDb } from '$lib/server/db';
import { closeAuthDb } from '$lib/server/db/auth-db';
import { checkpointWal, closeDatabase, neverWaitForLocks } from '$lib/server/db/connection';
import { dataVersion, noteOwnWrite } from '$lib/server/db/market-version';
import { PageCache, pageCacheBytes, pageKey, pageStaleMs } from '$lib/server/page-cache';
import { withRequestScope } from '$lib/server/request-scope';
import { decide, PAGE_ROUTES, routeRule } from '$lib/server/auth/rules';
import { logInternalError } from '$lib/server/errors';
import { registerHealthCheck } from '$lib/server/health';
import { registerShutdown } from '$lib/server/lifecycle';
import { clearCookieOptions, SESSION_COOKIE, sessionCookieOptions, validateSession } from '$lib/server/auth/session';
import { prepareDatabase } from '$lib/server/startup';
import { startBackgroundWriter } from '$lib/server/derive/writer';
import { scheduleConfigFromEnv } from '$lib/server/feeds/config';
import { feedsHealth } from '$lib/server/read/feeds';
import { logSlowRequest, slowThreshold, watchBlockedThread } from '$lib/server/slow-log';
import { env } from '$env/dynamic/private';

// Runs once at server start, before the first request is answered (not during `vite build`).
export const init: ServerInit = async () => {
	if (building) return;
	// Migrated before anything else runs (PostgreSQL's migration is asynchronous: db/index.ts).
	await prepareDatabase(await readyDb());
	watchBlockedThread(slowThreshold(env.SLOW_MS));
	// scripts/start.js calls this after the last request has been answered (SIGTERM): fold the
	// write-ahead log into the file and close it.
	registerShutdown('database', () => {
		const db = getDb();
		closeAuthDb(db);
		checkpointWal(db);
		closeDatabase(db);
	});
	// Long writes the server starts (uploads, rebuilding derived data) run on their own thread.
	// Registered after the database: shutdown steps run newest first, so it stops before the close.
	const writer = startBackgroundWriter(getDb());
	if (writer.mode === 'thread') {
		// This thread answers requests: it never waits for a lock (db/busy.ts retries with timers
		// instead) and leaves folding the write-ahead log in to the writer thread and the importer.
		neverWaitForLocks(getDb());
	}
	// Its first job: whatever derived data the database lacks, built while the server already
	// answers (pages say "sedang disiapkan" until then; requests never build it themselves).
	await writer.buildMissing();
	// Fresh data without anyone clicking (issue 18): the writer pulls feeds on their schedule
	// and takes new files from IMPORT_INBOX; /healthz says which source is late.
	const schedule = scheduleConfigFromEnv(env);
	await writer.startSchedule(schedule);
	registerHealthCheck('sumber', () => feedsHealth(getDb(), new Date(), schedule));
};

/**
 * An error no load or action expected: logged with an id, the person sees a plain message and
 * the id (src/routes/+error.svelte), never the internal text. A missing page is not an error.
 */
export const handleError: HandleServerError = ({ error: e, event, status }) => {
	if (status === 404) return { message: 'Halaman ini tidak ada. Mungkin alamatnya salah.' };
	const id = logInternalError(e, `${event.request.method} ${event.url.pathname}`);
	return { message: 'Maaf, ada masalah di server. Coba lagi sebentar lagi.', id };
};

const FORBIDDEN = 'Halaman ini bukan untuk peran Anda.';

/** What a person signed in with a one-time code may open before choosing a new password. */
const OPEN_BEFORE_NEW_PASSWORD = new Set(['/akun', '/keluar', '/masuk', '/akses-ditolak', '/healthz']);

/**
 * Pages and their data change only when the data does: an ETag over the body lets a repeat
 * request get a bodyless 304 instead of the whole page again. Public pages are revalidated by the
 * browser (`no-cache`); pages of a signed-in person are `no-store` (Back after signing out must
 * not show them from the browser's cache), so there it is the service worker that sends
 * If-None-Match for the copy it keeps (src/service-worker.ts). A 304 carries no CSP: the kept
 * copy's own policy, with the hash of its own inline script, stays in force. The page must not
 * vary by itself (no timings in the body: Server-Timing; the inline script is allowed by its
 * hash, not a per-response nonce). `keep` is handed the 200 answer (the page cache).
 */
async function withEtag(request: Request, response: Response, keep?: (headers: Headers, body: Uint8Array<ArrayBuffer>) => void): Promise<Response> {
	if (request.method !== 'GET' || response.status !== 200) return response;
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('text/html') && !type.startsWith('application/json')) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
	const headers = new Headers(response.headers);
	headers.set('etag', etag);
	if (!headers.has('cache-control')) headers.set('cache-control', 'private, no-cache');
	keep?.(headers, body);
	const match = (request.headers.get('if-none-match') ?? '').split(',').some((t) => t.trim() === etag);
	if (match) {
		headers.delete('content-security-policy');
		return new Response(null, { status: 304, headers });
	}
	return new Response(body, { status: 200, statusText: response.statusText, headers });
}

/**
 * Headers on every answer of the app (scripts/start.js sets the same on static files and on
 * answers SvelteKit builds without this hook): no MIME sniffing, no referrer to other sites, no
 * framing by another site. Anything for a signed-in person, and every API answer, is `no-store`.
 */
function secured(event: Parameters<Handle>[0]['event'], response: Response): Response {
	// Some responses (redirects, fetch results) have immutable headers: copy when needed.
	let out = response;
	const set = (name: string, value: string) => {
		try {
			out.headers.set(name, value);
		} catch {
			out = new Response(out.body, { status: out.status, statusText: out.statusText, headers: new Headers(out.headers) });
			out.headers.set(name, value);
		}
	};
	set('x-content-type-options', 'nosniff');
	set('referrer-policy', 'same-origin');
	set('x-frame-options', 'DENY');
	// Pages carry kit.csp's full policy (svelte.config.js); everything else may not be framed or run anything.
	if (!out.headers.has('content-security-policy')) set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
	if (event.locals.user || event.url.pathname.startsWith('/api/')) set('cache-control', 'no-store');
	return out;
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	try {
		return secured(event, await handleRequest({ event, resolve }));
	} finally {
		// A save has committed: this process's pages show it at once (page cache, dataVersion).
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') noteOwnWrite();
		logSlowRequest(slowThreshold(env.SLOW_MS), event.request.method, event.url.pathname, event.route.id, performance.now() - started);
	}
};

/**
 * A form post to a page whose multipart body cannot be read is the sender's mistake: 400 with a
 * plain message, not a 500 from inside the action. The body is read once here (adapter-node
 * bounds it by BODY_SIZE_LIMIT) and handed on to the action unchanged. /impor reads its own
 * (large) uploads and answers such a body itself (write/imports-upload.ts).
 */
async function checkFormBody(event: Parameters<Handle>[0]['event']): Promise<void> {
	const type = event.request.headers.get('content-type') ?? '';
	if (event.request.method !== 'POST' || !/^multipart\/form-data/i.test(type)) return;
	if (!event.route.id || !PAGE_ROUTES.has(event.route.id) || event.route.id === '/impor') return;
	const body = await event.request.arrayBuffer();
	try {
		await new Response(body, { headers: { 'content-type': type } }).formData();
	} catch {
		error(400, 'Formulir tidak terbaca. Muat ulang halaman, lalu kirim lagi.');
	}
	event.request = new Request(event.request.url, { method: 'POST', headers: event.request.headers, body });
}

// Every request: who is signed in (locals.user), then the route rule table decides.
// Guarding here rather than in each page keeps /impor, /tren and /koperasi (other issues'
// routes) protected without touching their files; resource scope is in auth/access.ts.
const handleRequest: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	// A cookie set here goes out only with a rendered answer (SvelteKit adds it in resolve).
	let cookieSet = false;
	let mustChangePassword = false;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(getDb(), token);
		cookieSet = !session || session.renewedUntil !== null;
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			mustChangePassword = session.mustChangePassword;
			event.locals.mustChangePassword = mustChangePassword;
			if (session.renewedUntil) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.renewedUntil));
		} else {
			event.cookies.delete(SESSION_COOKIE, clearCookieOptions(event.url));
		}
	}

	const routeId = event.route.id;
	// No route: SvelteKit answers its own 404.
	if (routeId === null) return resolve(event);
	if (mustChangePassword && !OPEN_BEFORE_NEW_PASSWORD.has(routeId)) {
		// Signed in with a one-time code (an agent or admin reset the password): first a password of their own.
		const method = event.request.method;
		if ((method === 'GET' || method === 'HEAD') && !event.isDataRequest && !routeId.startsWith('/api/')) redirect(303, '/akun');
		error(403, 'Buat dulu kata sandi baru Anda di halaman Akun.');
	}
	const decision = decide(routeRule(routeId), event.locals.user);
	if (decision === 'sign-in') {
		const back = `${event.url.pathname}${event.url.search}`;
		redirect(303, `/masuk?${new URLSearchParams({ ke: back })}`);
	}
	if (decision === 'forbidden') {
		// A page opened in the browser gets the real 403 page inside the app's layout; form
		// posts, endpoints and client-side data requests get a bare 403.
		const method = event.request.method;
		const wantsHtml = (event.request.headers.get('accept') ?? '').includes('text/html');
		if ((method === 'GET' || method === 'HEAD') && wantsHtml && !event.isDataRequest) {
			// Its scripts load from absolute /_app/ paths (svelte.config.js paths.relative: false):
			// relative ones, computed for /akses-ditolak, broke under /agen/produk/82. Its CSP
			// (with the nonce of its own scripts) comes along.
			const page = await event.fetch('/akses-ditolak', { headers: { accept: 'text/html' } });
			const headers = new Headers({ 'content-type': page.headers.get('content-type') ?? 'text/html; charset=utf-8' });
			const csp = page.headers.get('content-security-policy');
			if (csp) headers.set('content-security-policy', csp);
			return new Response(method === 'HEAD' ? null : page.body, { status: 403, headers });
		}
		error(403, FORBIDDEN);
	}
	await checkFormBody(event);
	const today = new Date().toISOString().slice(0, 10);
	const key = cookieSet ? null : pageKey(event.request, routeId, event.locals.user?.id ?? null, today);
	if (key === null) return withEtag(event.request, await resolveForSlowLines(event, resolve));
	// Read before rendering: a commit during the render gives the kept answer an old version.
	const version = await dataVersion(getDb());
	const kept = pageCache.answer(key, version, event.request);
	if (kept) return kept;
	return pageCache.renderOnce(key, async () => {
		const { scope, result } = await withRequestScope(() => resolveForSlowLines(event, resolve));
		return withEtag(event.request, result, scope.askedForDerived ? undefined : (headers, body) => pageCache.keep(key, version, headers, body));
	});
};

/** Rendered answers kept in memory per page, person, data version and day (page-cache.ts); others' commits show within PAGE_STALE_MS. */
const pageCache = new PageCache(pageCacheBytes(env.PAGE_CACHE_MB), pageStaleMs(env.PAGE_STALE_MS));
registerHealthCheck('pageCache', () => pageCache.health());

/**
 * Two changes to a page's HTML for slow lines (400 kbit/s), both about what the first paint waits for:
 * - the page's scripts are announced at the end of the body, not in a `Link` header: a header makes
 *   40 KB of JavaScript download alongside the HTML, and the charts, which are in the HTML, paint
 *   later. Announced after the content, they start once the HTML is in, all at once (modulepreload),
 *   so hydration costs no extra round trips;
 * - each chart's SVG is in the HTML once, not twice: the copy in the hydration data (about half of
 *   a dashboard's HTML) becomes a stub. Svelte's {@html} adopts the server's nodes on hydration
 *   without comparing them; pages loaded later in the browser get their data (with the SVG) as JSON.
 */
function resolveForSlowLines(event: Parameters<Handle>[0]['event'], resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	const scripts: string[] = [];
	// The inline script is allowed by its sha256 (kit.csp mode 'hash'), which SvelteKit computed
	// before the stub went in: the policy is given the hash of the script as sent.
	const rehashed = new Map<string, string>();
	return Promise.resolve(
		resolve(event, {
			preload: ({ type, path }) => {
				if (type !== 'js') return true;
				scripts.push(path);
				return false;
			},
			transformPageChunk: ({ html }) => {
				const body = html.replace(INLINE_SCRIPT, (whole, open: string, content: string) => {
					const stubbed = content.replace(SERIALIZED_SVG, `svg:"${SVG_STUB}"`);
					if (stubbed === content) return whole;
					rehashed.set(`'sha256-${sha256(content)}'`, `'sha256-${sha256(stubbed)}'`);
					return `${open}${stubbed}</script>`;
				});
				const links = scripts.map((path) => `<link rel="modulepreload" href="${path}">`).join('');
				return links ? body.replace('</body>', `${links}</body>`) : body;
			}
		})
	).then((response) => {
		let csp = response.headers.get('content-security-policy');
		if (csp && rehashed.size) {
			for (const [before, after] of rehashed) csp = csp.replaceAll(before, after);
			response.headers.set('content-security-policy', csp);
		}
		return response;
	});
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** A script element written into the page itself (no src): SvelteKit's start-up script with the page's data. */
const INLINE_SCRIPT = /(<script(?![^>]*\ssrc=)[^>]*>)([\s\S]*?)<\/script>/g;
/** A chart's SVG string as SvelteKit serialises it into the page (`<` written as \u003C). */
const SERIALIZED_SVG = /svg:"\\u003Csvg (?:[^"\\]|\\.)*"/g;
/** Not empty: an empty {@html} would not take over the server's nodes. */
const SVG_STUB = '\\u003C!--svg-->';
