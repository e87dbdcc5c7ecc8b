// What a person on a 360 × 740 px phone notices, measured in the page itself (issue 13): the
// page scrolling sideways, links and buttons too small for a thumb, chart text too small to
// read, and what axe-core finds for people using a screen reader or a keyboard. Each function
// returns what is wrong in words, so a failing test names the element.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL } from './browser';

export const PHONE = { width: 360, height: 740 } as const;

/** The smallest touch area a finger hits reliably (WCAG 2.5.5, Android and iOS guidance). */
export const MIN_TARGET = 44;
/** Chart text on screen, in CSS px, and on paper, in pt. */
export const MIN_CHART_PX = 12;
export const MIN_PRINT_PT = 8;

/**
 * A phone-sized context. `js: false` is the page as the server sent it: the app's scripts are
 * not fetched (so nothing hydrates), while the test can still measure inside the page (with
 * Chromium's JavaScript switch off, axe-core's timers never fire).
 */
export async function phoneContext(
	browser: Browser,
	opts: { js?: boolean; storageState?: Awaited<ReturnType<BrowserContext['storageState']>>; base?: string } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({ baseURL: opts.base ?? baseURL(), viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, storageState: opts.storageState });
	if (opts.js === false) {
		await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
		await context.route(/\/service-worker\.js$/, (route) => route.abort());
	}
	return context;
}

/** Signs in through the real form and returns the browser state (cookies) to share between contexts. */
export async function signedInState(browser: Browser, phone: string, password = 'contoh123', base = baseURL()): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
	const context = await browser.newContext({ baseURL: base, viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/masuk');
	await page.fill('#phone', phone);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')), page.click('button[type=submit]')]);
	const state = await context.storageState();
	await context.close();
	return state;
}

/**
 * esbuild (tsx, vite) may wrap named inner functions in `__name(…)`, which exists in Node, not
 * in the page: the functions below run in the page, so it gets a stand-in first.
 */
async function inPage(page: Page): Promise<void> {
	await page.evaluate('window.__name ??= (f) => f');
}

/** How far the page reaches past the right edge (0: no sideways scrolling), and the elements that stick out. */
export async function sidewaysOverflow(page: Page): Promise<{ extra: number; offenders: string[] }> {
	await inPage(page);
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const extra = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
		const offenders: string[] = [];
		if (extra > 0) {
			// Elements whose box ends past the edge, outside any box that scrolls or clips by itself.
			const clipped = (el: Element) => {
				for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
					const o = getComputedStyle(p).overflowX;
					if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
				}
				return false;
			};
			for (const el of document.body.querySelectorAll('*')) {
				const r = el.getBoundingClientRect();
				if (r.right > width + 0.5 && r.width > 0 && !clipped(el)) offenders.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} (${Math.round(r.right)} px) "${(el.textContent ?? '').trim().slice(0, 40)}"`);
			}
		}
		return { extra, offenders: offenders.slice(0, 8) };
	});
}

/**
 * Links, buttons, fields and summaries whose touch area is under 44 × 44 px. Every one must be
 * that big, with one exception WCAG also makes (2.5.5/2.5.8): a link inside a sentence, which
 * cannot grow without breaking the line, passes when nothing else a finger could hit lies
 * within the 44 × 44 px square around its centre.
 */
export async function smallTargets(page: Page, min = MIN_TARGET): Promise<string[]> {
	await inPage(page);
	return page.evaluate((min) => {
		const selector = 'a[href], button, select, textarea, summary, input:not([type=hidden]), [role=button], [tabindex]:not([tabindex="-1"])';
		const all = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
			const r = el.getBoundingClientRect();
			const s = getComputedStyle(el);
			return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && s.display !== 'none';
		});
		// A radio or checkbox is tapped through its label: the label's box is its touch area.
		const rects = all.map((el) => {
			const own = el.getBoundingClientRect();
			const label = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') ? (el.closest('label') ?? el.labels?.[0]) : null;
			const box = label?.getBoundingClientRect();
			return box && box.width * box.height > own.width * own.height ? box : own;
		});
		const name = (el: HTMLElement) =>
			`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) || (el as HTMLInputElement).value || el.id}"`;
		// A link in running text: inline, in a block that also holds text of its own.
		const inSentence = (el: HTMLElement) =>
			el.tagName === 'A' &&
			getComputedStyle(el).display === 'inline' &&
			[...(el.parentElement?.childNodes ?? [])].some((n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.textContent ?? ''));
		const out: string[] = [];
		all.forEach((el, i) => {
			const r = rects[i];
			if (r.width >= min - 0.5 && r.height >= min - 0.5) return;
			if (inSentence(el)) {
				const cx = r.left + r.width / 2;
				const cy = r.top + r.height / 2;
				const half = { x: Math.max(min, r.width) / 2, y: Math.max(min, r.height) / 2 };
				const area = { left: cx - half.x, right: cx + half.x, top: cy - half.y, bottom: cy + half.y };
				const crowded = all.some((other, j) => {
					if (j === i || other.contains(el) || el.contains(other)) return false;
					const o = rects[j];
					return o.left < area.right - 0.5 && o.right > area.left + 0.5 && o.top < area.bottom - 0.5 && o.bottom > area.top + 0.5;
				});
				if (!crowded) return;
			}
			out.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)} px`);
		});
		return out;
	}, min);
}

/** The smallest chart text as shown (the SVG's font size times the scale it is drawn at), in CSS px. */
export async function smallestChartText(page: Page): Promise<{ px: number; text: string; charts: number }> {
	await inPage(page);
	return page.evaluate(() => {
		let px = Infinity;
		let text = '';
		const svgs = [...document.querySelectorAll<SVGSVGElement>('figure.chart svg')];
		for (const svg of svgs) {
			const box = svg.getBoundingClientRect();
			const viewWidth = svg.viewBox.baseVal?.width || Number(svg.getAttribute('width')) || box.width;
			const viewHeight = svg.viewBox.baseVal?.height || Number(svg.getAttribute('height')) || box.height;
			if (!box.width || !viewWidth || !viewHeight) continue;
			// The drawing fits its box keeping its proportions (preserveAspectRatio's "meet"): the smaller scale wins.
			const scale = Math.min(box.width / viewWidth, box.height / viewHeight);
			for (const t of svg.querySelectorAll('text')) {
				if (!(t.textContent ?? '').trim()) continue;
				const size = parseFloat(getComputedStyle(t).fontSize) * scale;
				if (size < px) {
					px = size;
					text = (t.textContent ?? '').trim();
				}
			}
		}
		return { px, text, charts: svgs.length };
	});
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, one line each (rule, what, where). */
export async function axeProblems(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const result = await axe.run({ resultTypes: ['violations'] });
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
	});
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
}

/** Where an element's top and bottom are on the page (document coordinates, CSS px). */
export async function pageBox(page: Page, selector: string): Promise<{ top: number; bottom: number } | null> {
	return page.evaluate((selector) => {
		const el = document.querySelector(selector);
		if (!el) return null;
		const r = el.getBoundingClientRect();
		return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
	}, selector);
}
