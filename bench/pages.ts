// `npm run bench:pages`: page budgets in real Chromium (Debian's /usr/bin/chromium through
// playwright-core) against `npm start`'s built server on the demo database, throttled through
// the Chrome DevTools Protocol like a cheap phone on a slow connection: 400 kbit/s down,
// 400 ms round trip, 4× CPU slowdown, empty cache. Per page: bytes transferred (as served,
// compressed), JavaScript bytes, time until every chart is visible, largest contentful paint,
// and the bytes of a repeat visit. Signed in as the demo admin (the cookie is set without
// loading any page, so the cache stays empty).
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signIn, startServer } from './lib/server.ts';
import { table } from './lib/stats.ts';

const root = resolve(import.meta.dirname, '..');
const DOWN = (400 * 1000) / 8; // 400 kbit/s in bytes per second
const RTT = 400;
const CPU = 4;
/** BENCH_PAGES_REQUESTS=1 lists every counted request (bytes, status, where from) as it finishes. */
const LIST = process.env.BENCH_PAGES_REQUESTS === '1';
const TARGETS = { dashboardFirstKb: 60, chartsMs: 1200, pageKb: 120, repeatKb: 10 };

interface Transfer {
	bytes: number;
	jsBytes: number;
	requests: number;
	fromCache: number;
}

/**
 * Counts what goes over the wire for the page's requests (CDP encodedDataLength: headers +
 * compressed body) and, through Playwright's context events, the requests the service worker
 * makes itself (they are not the page's, so CDP on the page does not see them).
 */
function countTransfers(cdp: CDPSession, context: BrowserContext): () => Transfer {
	const types = new Map<string, string>();
	const urls = new Map<string, string>();
	const t: Transfer = { bytes: 0, jsBytes: 0, requests: 0, fromCache: 0 };
	cdp.on('Network.responseReceived', (e) => {
		types.set(e.requestId, e.type);
		urls.set(e.requestId, `${e.response.status} ${e.response.fromServiceWorker ? 'sw ' : ''}${e.response.fromDiskCache ? 'disk ' : ''}${e.response.url}`);
		if (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache) t.fromCache++;
	});
	cdp.on('Network.loadingFinished', (e) => {
		t.requests++;
		t.bytes += e.encodedDataLength;
		if (types.get(e.requestId) === 'Script') t.jsBytes += e.encodedDataLength;
		if (LIST) console.log(`    page ${e.encodedDataLength} ${urls.get(e.requestId) ?? e.requestId}`);
	});
	context.on('requestfinished', async (request) => {
		if (!request.serviceWorker()) return;
		const sizes = await request.sizes().catch(() => null);
		if (!sizes) return;
		const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
		t.requests++;
		t.bytes += bytes;
		if (LIST) console.log(`    worker ${bytes} ${request.url()}`);
		if (request.resourceType() === 'script' || request.url().endsWith('.js')) t.jsBytes += bytes;
	});
	return () => ({ ...t });
}

async function throttle(context: BrowserContext, page: Page): Promise<CDPSession> {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT, downloadThroughput: DOWN, uploadThroughput: DOWN });
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
	return cdp;
}

// Runs in the page before anything else: when each chart's SVG first has a size on screen, and LCP.
const OBSERVE = `(() => {
	const seen = new WeakSet();
	window.__charts = { count: 0, last: 0 };
	window.__lcp = 0;
	new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
	const check = () => {
		for (const svg of document.querySelectorAll('figure.chart svg')) {
			if (seen.has(svg)) continue;
			const r = svg.getBoundingClientRect();
			if (r.width > 0 && r.height > 0) { seen.add(svg); window.__charts.count++; window.__charts.last = performance.now(); }
		}
		if (document.readyState !== 'complete' || performance.now() < 15000) requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})();`;

async function visit(page: Page, url: string, count: () => Transfer) {
	if (LIST) console.log(`  -- ${url}`);
	const before = count();
	await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
	// Late requests (lazy chunks, the service worker's own script) count too.
	await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
	await page.waitForTimeout(500);
	const after = count();
	const m = (await page.evaluate(() => {
		const w = window as unknown as { __charts: { count: number; last: number }; __lcp: number };
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
		return {
			charts: document.querySelectorAll('figure.chart svg').length,
			visible: w.__charts.count,
			chartsMs: w.__charts.last,
			lcp: w.__lcp,
			timing: { ttfb: Math.round(nav.responseStart), htmlDone: Math.round(nav.responseEnd), fcp: Math.round(fcp), domInteractive: Math.round(nav.domInteractive), load: Math.round(nav.loadEventStart) }
		};
	})) as { charts: number; visible: number; chartsMs: number; lcp: number; timing: Record<string, number> };
	return {
		bytes: after.bytes - before.bytes,
		jsBytes: after.jsBytes - before.jsBytes,
		requests: after.requests - before.requests,
		charts: m.charts,
		chartsVisibleMs: m.charts ? Math.round(m.chartsMs) : null,
		allChartsVisible: m.visible >= m.charts,
		lcpMs: Math.round(m.lcp),
		timing: m.timing
	};
}

const server = await startServer();
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
try {
	const cookie = await signIn(server.url, 'admin');
	const productId = await (async () => {
		const res = await fetch(`${server.url}/api/trpc/product.list?input=${encodeURIComponent(JSON.stringify({ pageSize: 1 }))}`, { headers: { cookie } });
		const body = (await res.json()) as { result: { data: { items: { id: number }[] } } };
		return body.result.data.items[0].id;
	})();
	const pages = [`/produk/${productId}`, '/tren', '/agen', '/koperasi'];
	// A server that has been up: each page once (another product's dashboard, so this one's charts
	// are still drawn for the measured visit). Only the browser's cache is empty.
	for (const path of [`/produk/${productId + 1}`, ...pages.slice(1)]) await fetch(`${server.url}${path}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
	// The browser's own first page pays for starting its renderer machinery; a phone's browser is
	// already running. One unmeasured page (its own context, not throttled) first.
	{
		const warm = await browser.newContext({ baseURL: server.url });
		await (await warm.newPage()).goto('/masuk');
		await warm.close();
	}
	const results = [];
	for (const path of pages) {
		const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 800 }, deviceScaleFactor: 2 });
		const [name, value] = cookie.split('=');
		await context.addCookies([{ name, value, url: server.url }]);
		await context.addInitScript(OBSERVE);
		const page = await context.newPage();
		const cdp = await throttle(context, page);
		const count = countTransfers(cdp, context);
		const first = await visit(page, path, count);
		const repeat = await visit(page, path, count);
		results.push({ path, first, repeat });
		await context.close();
	}
	const kb = (b: number) => (b / 1024).toFixed(1);
	console.log(`Throttled: ${DOWN * 8 / 1000} kbit/s down, ${RTT} ms round trip, ${CPU}× CPU; empty cache; signed in as admin.`);
	console.log(
		table([
			['page', 'first KB', 'JS KB', 'requests', 'charts', 'charts visible ms', 'LCP ms', 'repeat KB'],
			...results.map((r) => [
				r.path.startsWith('/produk') ? '/produk/[id]' : r.path,
				kb(r.first.bytes),
				kb(r.first.jsBytes),
				r.first.requests,
				r.first.charts,
				r.first.chartsVisibleMs ?? '-',
				r.first.lcpMs,
				kb(r.repeat.bytes)
			])
		])
	);
	console.log('\nFirst visit, ms from navigation start (first byte, HTML received, first paint, DOM interactive, load):');
	for (const r of results) console.log(`  ${r.path.padEnd(14)} ${JSON.stringify(r.first.timing)}`);
	const dash = results[0];
	const checks = [
		[`dashboard first load ≤ ${TARGETS.dashboardFirstKb} KB`, dash.first.bytes <= TARGETS.dashboardFirstKb * 1024],
		[`dashboard charts visible ≤ ${TARGETS.chartsMs} ms`, dash.first.chartsVisibleMs !== null && dash.first.chartsVisibleMs <= TARGETS.chartsMs && dash.first.allChartsVisible],
		[`no page over ${TARGETS.pageKb} KB`, results.every((r) => r.first.bytes <= TARGETS.pageKb * 1024)],
		[`repeat visits ≤ ${TARGETS.repeatKb} KB`, results.every((r) => r.repeat.bytes <= TARGETS.repeatKb * 1024)]
	] as const;
	for (const [what, ok] of checks) console.log(`${ok ? 'met   ' : 'MISSED'}  ${what}`);
	writeFileSync(join(root, 'bench', 'pages-results.json'), JSON.stringify({ at: new Date().toISOString(), throttling: { downBytesPerSec: DOWN, rttMs: RTT, cpu: CPU }, results, targets: TARGETS }, null, '\t'));
	console.log('Written bench/pages-results.json');
} finally {
	await browser.close();
	await server.stop();
}
