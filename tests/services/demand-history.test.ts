// No invented history: a listing seen once has a sold-so-far, not weekly sales. With the real
// Tokopedia sambal file (one scrape) the demand card says there is no weekly history yet, gives
// what is known ("sudah terjual … rb+"), draws no bars and gives no stock advice; one more scrape
// a week later gives one week, with no bar for a week that is not over.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { loadRegions } from '../../src/lib/server/db/regions';
import { ensureCategory } from '../../src/lib/server/ingest/categories';
import { productAlerts } from '../../src/lib/server/read/alerts';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { importPath } from '../../src/lib/server/write/imports';
import { trendingCategories } from '../../src/lib/server/read/trends';
import { dashboardCharts } from '../../src/lib/server/charts';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct } from '../fixtures/factories';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';
import { sqlColumn, sqlExec, sqlRows } from '../fixtures/sql';

describe.skipIf(!hasSharedData)(`the real sambal scrape ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 120_000 }, () => {
	let db: Db;
	let productId: number;
	let categoryId: number;
	beforeAll(async () => {
		db = createTestDb();
		await loadRegions(db);
		categoryId = await ensureCategory(db, 'sambal-bumbu');
		productId = await createProduct(db, { categoryId, name: 'Sambal Bawang Khas Madiun 200 gr', keywords: 'sambal bawang pedas', price: 22_000, packQuantity: 200, unit: 'g', unitFamily: 'mass' });
		const [s] = await importPath(db, sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'), { observedAt: '2025-04-26' });
		expect(s.status).toBe('done');
	});

	test('one scrape: no weekly history, the sold-so-far instead, no bars, no stock advice, no demand alert', async () => {
		const d = (await productDashboard(db, productId, '2025-04-28'))!;
		expect(d.demand.direction).toBeNull();
		expect(d.demand.history).toBe(false);
		expect(d.demand.headline[0]).toBe('Belum ada riwayat penjualan mingguan.');
		expect(d.demand.headline[1]).toMatch(/^Produk serupa sudah terjual [\d.,]+( rb)?\+ sejauh ini\.$/);
		expect(d.demand.soldSoFar!.lowerBound).toBe(true);
		expect(d.demand.weeks).toEqual([]);
		expect(d.demand.change).toBeNull();
		expect(d.demand.basis).toMatch(/baru dicatat sekali/);
		expect(d.advice.map((a) => a.title).join(' ')).not.toMatch(/stok, permintaan|Jaga stok/);
		expect((await productAlerts(db, productId, '2025-04-28'))!.alerts.some((a) => a.kind === 'permintaan')).toBe(false);
		// No weekly bars, and no category line either: nothing is known per week.
		expect(dashboardCharts(d).demand).toBeNull();
		const item = (await trendingCategories(db, {}, '2025-04-28')).items.find((i) => i.categoryId === categoryId);
		expect(item === undefined || item.direction === null).toBe(true);
	});

	test('a second scrape nine days later: one whole week, its counters unmoved, not yet judged; no bar for a week not over', async () => {
		// The file dates itself by the search_id in its URLs (26 April 2025), which wins over a
		// typed date: the second scrape is the same file with its URLs' date moved to 5 May, kept
		// in a temp folder for this test only.
		const dir = mkdtempSync(join(tmpdir(), 'despro-scrape-'));
		const later = join(dir, 'tokopedia_sambal_raw.csv');
		writeFileSync(later, readFileSync(sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'), 'utf8').replaceAll('search_id%3D20250426', 'search_id%3D20250505'));
		const [s] = await importPath(db, later);
		rmSync(dir, { recursive: true, force: true });
		expect(s.observedAt).toBe('2025-05-05');
		expect(s.status).toBe('done');
		const d = (await productDashboard(db, productId, '2025-05-06'))!;
		expect(d.demand.history).toBe(true);
		expect(d.demand.direction).toBeNull();
		expect(d.demand.headline).toEqual(['Riwayat penjualan baru 1 minggu, belum bisa dinilai.']);
		// The week of 28 April is covered (26 April … 5 May); the week of 5 May is not over.
		expect(d.demand.weeks.map((w) => [w.weekStart, w.observed])).toEqual([['2025-04-28', true]]);
		// The same "10 rb+" twice: nothing seen sold, but the buckets allow some.
		expect(d.demand.weeks[0].units).toBe(0);
		expect(d.demand.weeks[0].high).toBeGreaterThan(0);
	});
});

describe('weekly bars only where snapshots cover the week', () => {
	test('listings seen once: no bars; mid-week snapshots: no bar for the unfinished week', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Gerabah' });
		for (let i = 0; i < 6; i++) await createListing(db, { categoryId, title: `Pot Gerabah Plered ${i}`, snapshots: [['2026-11-18', 30_000 + i * 1000, 500]] });
		const productId = await createProduct(db, { categoryId, price: 32_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		const once = (await productDashboard(db, productId, '2026-11-20'))!;
		expect(once.demand.weeks).toEqual([]);
		expect(once.demand.headline).toEqual(['Belum ada riwayat penjualan mingguan.', 'Produk serupa sudah terjual 3.000 sejauh ini.']);

		// Thursday snapshots, weekly: whole Monday–Sunday weeks only; the last one ends before the newest snapshot.
		const db2 = createTestDb();
		const c2 = await createCategory(db2, { name: 'Gerabah' });
		const thursdays = ['2026-10-29', '2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26'];
		for (let i = 0; i < 6; i++) {
			let sold = 100;
			await createListing(db2, { categoryId: c2, title: `Pot Gerabah Plered ${i}`, snapshots: thursdays.map((t) => [t, 30_000, (sold += 14)] as [string, number, number]) });
		}
		const p2 = await createProduct(db2, { categoryId: c2, price: 32_000, keywords: 'pot gerabah' });
		await refreshDerived(db2);
		const weekly = (await productDashboard(db2, p2, '2026-11-27'))!;
		expect(weekly.demand.weeks.map((w) => w.weekStart)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
		expect(weekly.demand.weeks.every((w) => w.units === 6 * 14)).toBe(true);
	});
});

describe('a database built by the old weekly rule', () => {
	test('after start-up the writer rebuilds its weekly tables once, then leaves them', async () => {
		const { buildMissing } = await import('../../src/lib/server/derive/missing');
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Gerabah' });
		let sold = 100;
		await createListing(db, { categoryId, title: 'Pot Gerabah Plered', snapshots: ['2026-11-02', '2026-11-09', '2026-11-16'].map((d) => [d, 30_000, (sold += 10)] as [string, number, number]) });
		await refreshDerived(db);
		// As an older version left it: its own numbers, and no rule recorded.
		await sqlExec(db, 'update category_weekly_demand set units = 999');
		await sqlExec(db, "delete from meta where key = 'weekly_demand_rule'");
		expect(await buildMissing(db)).toEqual([expect.stringMatching(/^Permintaan mingguan dihitung ulang dengan cara baru/)]);
		expect((await sqlRows(db, 'select week_start, units from category_weekly_demand order by week_start')).map((r) => Object.values(r))).toEqual([
			['2026-11-02', 10],
			['2026-11-09', 10]
		]);
		await sqlExec(db, 'update category_weekly_demand set units = 7');
		expect(await buildMissing(db)).toEqual([]);
		expect(await sqlColumn(db, 'select distinct units from category_weekly_demand')).toEqual([7]);
	});
});
