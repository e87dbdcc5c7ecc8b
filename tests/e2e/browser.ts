// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export const baseURL = () => inject('baseURL');

export async function openPage(browser: Browser, path: string, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext({ baseURL: baseURL(), ...options });
	const page = await context.newPage();
	await page.goto(path);
	return page;
}
