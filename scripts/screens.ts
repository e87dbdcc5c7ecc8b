// Each role's first screen at 360 × 740 px, as the person sees it after signing in with the demo
// accounts (issue 13): the producer's first product dashboard, the agent's producers, the co-op's
// plan, the admin's imports. Also the whole page, for context. Needs a running server with the
// demo market and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
//
//   npx tsx scripts/screens.ts http://127.0.0.1:3000 /work/screens/after
//
// Writes <out>/<role>.png (the first 740 px) and <out>/<role>-full.png (the whole page).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
	console.error('Pakai: npx tsx scripts/screens.ts <alamat server> <folder keluaran>');
	process.exit(2);
}

const ROLES = [
	{ role: 'produsen', phone: '0811-0000-0001' },
	{ role: 'agen', phone: '0811-0000-0002' },
	{ role: 'koperasi', phone: '0811-0000-0003' },
	{ role: 'admin', phone: '0811-0000-0004' }
] as const;

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
	for (const { role, phone } of ROLES) {
		const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
		const page = await context.newPage();
		await page.goto('/masuk');
		await page.fill('#phone', phone);
		await page.fill('#password', process.env.DEMO_PASSWORD ?? 'contoh123');
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')), page.click('main button[type=submit]')]);
		// A producer's question is about one product: open the first one, as she would.
		if (role === 'produsen') await Promise.all([page.waitForURL(/\/produk\/\d+$/), page.locator('main ul a').first().click()]);
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: join(out, `${role}.png`) });
		await page.screenshot({ path: join(out, `${role}-full.png`), fullPage: true });
		console.log(`${role}: ${new URL(page.url()).pathname} → ${join(out, `${role}.png`)}`);
		await context.close();
	}
} finally {
	await browser.close();
}
