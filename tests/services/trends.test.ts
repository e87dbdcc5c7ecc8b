// Trending categories: a planted rise is called "naik", a flat category "stabil", sentences stay
// plain; and on the demo market the page finds at least one rising and one non-rising category.
import { beforeAll, describe, expect, test } from 'vitest';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from '../../src/lib/analysis/narrate';
import type { Db } from '../../src/lib/server/db';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { trendingCategories } from '../../src/lib/server/read/trends';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createMarketplace, weeklyDates } from '../fixtures/factories';

const ADMIN = { id: 1, role: 'admin' as const, name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

function expectPlain(lines: string[]) {
	for (const line of lines)
		for (const s of splitSentences(line)) {
			expect(wordCount(s), s).toBeLessThanOrEqual(MAX_WORDS);
			expect(jargonIn(s), s).toEqual([]);
		}
}

describe('trendingCategories on a small market', () => {
	let db: Db;
	let rising: number;
	let flat: number;
	const dates = weeklyDates('2026-11-25', 30);

	beforeAll(async () => {
		db = createTestDb();
		await createMarketplace(db, 'shopee', 'Shopee');
		await createMarketplace(db, 'lazada', 'Lazada');
		rising = await createCategory(db, { name: 'Tas Anyaman' });
		flat = await createCategory(db, { name: 'Gerabah' });
		// Deterministic ±10% wobble so the noise is real but small.
		const wobble = (w: number, i: number) => 1 + 0.1 * Math.sin(w * 1.7 + i);
		for (let i = 0; i < 6; i++) {
			let a = 0;
			let b = 0;
			await createListing(db, {
                        				categoryId: rising,
                        				marketplaceId: i % 2 ? 'shopee' : 'lazada',
                        				snapshots: dates.map((d, w) => [d, 50_000, (a += Math.round(20 * wobble(w, i) * (w >= 26 ? 2 : 1)))])
                        			});
			await createListing(db, { categoryId: flat, marketplaceId: 'shopee', snapshots: dates.map((d, w) => [d, 30_000, (b += Math.round(20 * wobble(w, i + 3)))]) });
		}
		await refreshDerived(db);
	});

	test('the doubled category is naik and ranked first; the flat one stabil; filters narrow the series', async () => {
		const page = await trendingCategories(db, {}, '2026-11-28');
		expect(page.items.map((i) => [i.categoryId, i.direction])).toEqual([
			[rising, 'naik'],
			[flat, 'stabil']
		]);
		expect(page.items[0].headline).toMatch(/^Naik \d+% dalam 4 minggu terakhir\.$/);
		expect(page.items[0].weeks).toHaveLength(16);
		expect(page.stale).toBe(false);
		for (const item of page.items) expectPlain([item.headline, ...item.basis]);
		expect(page.marketplaces.map((m) => m.value)).toEqual(['lazada', 'shopee']);
		const lazada = await trendingCategories(db, { marketplaceId: 'lazada' }, '2026-11-28');
		expect(lazada.items.map((i) => i.categoryId)).toEqual([rising]);
		expect(lazada.items[0].recent).toBeLessThan(page.items[0].recent);
		// An unknown filter value falls back to the whole market instead of an empty page.
		expect((await trendingCategories(db, { marketplaceId: 'nope' }, '2026-11-28')).filter.marketplaceId).toBeNull();
		expect((await trendingCategories(db, {}, '2027-03-01')).stale).toBe(true);
	});

	test('trends.categories answers the same as the service; bad input is 400', async () => {
		const caller = createCaller(createContext(db, ADMIN));
		const page = await caller.trends.categories({ marketplaceId: 'lazada' });
		expect(page.items.map((i) => i.categoryId)).toEqual([rising]);
		await expect(caller.trends.categories({ provinceCode: 'Jawa' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});

describe('trending on the demo market', () => {
	test('finds at least one naik and one turun or stabil category', { timeout: 240_000 }, async () => {
		const db = createTestDb();
		await seedDemoMarket(db, { seed: 42, endDate: '2026-11-27', listings: 6000 });
		await refreshDerived(db);
		const today = '2026-11-28';
		const all = await trendingCategories(db, {}, today);
		expect(all.items.length).toBeGreaterThan(10);
		// Whole market first, then each marketplace: the bucketed "1 rb+" counters make the
		// whole-market series jumpy, so a real change often shows first where counters are exact.
		const views = [all, ...(await Promise.all(all.marketplaces.map(async (m) => trendingCategories(db, { marketplaceId: m.value }, today))))];
		const verdicts = views.flatMap((v) => v.items.map((i) => `${v.filter.marketplaceId ?? 'semua'}:${i.name}:${i.direction}`));
		expect(verdicts.some((v) => v.endsWith(':naik')), verdicts.join('\n')).toBe(true);
		expect(verdicts.some((v) => !v.endsWith(':naik'))).toBe(true);
		for (const item of all.items) expectPlain([item.headline, ...item.basis]);
	});
});
