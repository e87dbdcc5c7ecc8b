import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { building } from '$app/environment';
import { getDb } from '$lib/server/db';
import { decide, routeRule } from '$lib/server/auth/rules';
import { clearCookieOptions, SESSION_COOKIE, sessionCookieOptions, validateSession } from '$lib/server/auth/session';
import { prepareDatabase } from '$lib/server/startup';
import { startBackgroundWriter } from '$lib/server/derive/writer';
import { logSlowRequest, slowThreshold, watchBlockedThread } from '$lib/server/slow-log';
import { env } from '$env/dynamic/private';

// Runs once at server start, before the first request is answered (not during `vite build`).
export const init: ServerInit = () => {
	if (building) return;
	prepareDatabase(getDb());
	// Long writes the server starts (uploads, rebuilding derived data) run on their own thread.
	startBackgroundWriter(getDb());
	watchBlockedThread(slowThreshold(env.SLOW_MS));
};

const FORBIDDEN = 'Halaman ini bukan untuk peran Anda.';

/**
 * Pages and their data are per user and change only when the data does: an ETag over the body
 * lets a repeat visit (the browser revalidates, `no-cache`) get a bodyless 304 instead of the
 * whole page again. The page must not vary by itself (no timings in the body: Server-Timing).
 */
async function withEtag(request: Request, response: Response): Promise<Response> {
	if (request.method !== 'GET' || response.status !== 200) return response;
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('text/html') && !type.startsWith('application/json')) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
	const headers = new Headers(response.headers);
	headers.set('etag', etag);
	if (!headers.has('cache-control')) headers.set('cache-control', 'private, no-cache');
	const match = (request.headers.get('if-none-match') ?? '').split(',').some((t) => t.trim() === etag);
	if (match) return new Response(null, { status: 304, headers });
	return new Response(body, { status: 200, statusText: response.statusText, headers });
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	try {
		return await handleRequest({ event, resolve });
	} finally {
		logSlowRequest(slowThreshold(env.SLOW_MS), event.request.method, event.url.pathname, event.route.id, performance.now() - started);
	}
};

// Every request: who is signed in (locals.user), then the route rule table decides.
// Guarding here rather than in each page keeps /impor, /tren and /koperasi (other issues'
// routes) protected without touching their files; resource scope is in services/access.ts.
const handleRequest: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = validateSession(getDb(), token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			if (session.renewedUntil) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.renewedUntil));
		} else {
			event.cookies.delete(SESSION_COOKIE, clearCookieOptions(event.url));
		}
	}

	const routeId = event.route.id;
	// No route: SvelteKit answers its own 404.
	if (routeId === null) return resolve(event);
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
			const page = await event.fetch('/akses-ditolak', { headers: { accept: 'text/html' } });
			return new Response(method === 'HEAD' ? null : page.body, {
				status: 403,
				headers: { 'content-type': page.headers.get('content-type') ?? 'text/html; charset=utf-8' }
			});
		}
		error(403, FORBIDDEN);
	}
	return withEtag(event.request, await resolveForSlowLines(event, resolve));
};

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
	return Promise.resolve(
		resolve(event, {
			preload: ({ type, path }) => {
				if (type !== 'js') return true;
				scripts.push(path);
				return false;
			},
			transformPageChunk: ({ html }) => {
				const body = html.replace(SERIALIZED_SVG, `svg:"${SVG_STUB}"`);
				const links = scripts.map((path) => `<link rel="modulepreload" href="${path}">`).join('');
				return links ? body.replace('</body>', `${links}</body>`) : body;
			}
		})
	);
}

/** A chart's SVG string as SvelteKit serialises it into the page (`<` written as \u003C). */
const SERIALIZED_SVG = /svg:"\\u003Csvg (?:[^"\\]|\\.)*"/g;
/** Not empty: an empty {@html} would not take over the server's nodes. */
const SVG_STUB = '\\u003C!--svg-->';
