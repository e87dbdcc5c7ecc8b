// Stored forecasts and the forecast procedures: a fit is stored under its series key with the
// series' hash by the writer (refreshDerived), read while the aggregates stay the same, and
// refitted by the writer when they change; a read never fits.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { forecastForCategory, forecastForProduct } from '../../src/lib/server/read/forecasts';
import { refreshDerived, refreshScope } from '../../src/lib/server/derive/refresh';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { buildForecastChart } from '../../src/lib/charts/options/forecast';
import { renderChart } from '../../src/lib/server/charts';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct, weeklyDates } from '../fixtures/factories';
import { sqlExec, sqlRow, sqlValue } from '../fixtures/sql';

const ADMIN = { id: 1, role: 'admin' as const, name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

let db: Db;
let categoryId: number;
let productId: number;
let producerId: number;
const dates = weeklyDates('2026-11-25', 70);

beforeAll(async () => {
	db = createTestDb();
	categoryId = await createCategory(db, { name: 'Kopi Bubuk' });
	for (let i = 0; i < 6; i++) {
		let sold = 0;
		await createListing(db, {
                			categoryId,
                			title: `Kopi Bubuk Temanggung ${i}`,
                			snapshots: dates.map((d, w) => [d, 40_000, (sold += 20 + ((w * 7 + i * 3) % 11))])
                		});
	}
	producerId = await createProducer(db, { name: 'Bu Sri' });
	productId = await createProduct(db, { producerId, categoryId, name: 'Kopi Bubuk Bu Sri', keywords: 'kopi bubuk' });
	await refreshDerived(db);
});

describe('forecast cache', () => {
	test('refreshDerived fits ahead, so requests read the stored fit; new data refits at the next refresh', async () => {
		const first = (await forecastForCategory(db, categoryId, 8))!;
		expect(first.ready).toBe(true);
		expect(first.fitted).toHaveLength(12);
		expect(first.history.length).toBeGreaterThan(20);
		expect((await forecastForProduct(db, productId, 8))!.ready).toBe(true);
		const again = (await forecastForCategory(db, categoryId, 4))!;
		expect(again.fitted).toEqual(first.fitted);
		if (again.shown) expect(again.points).toHaveLength(4);
		else expect(again.headline[0]).toBe('Permintaan sulit diperkirakan.');
		// One more week of sales changes the aggregate, hence the hash: the refresh refits.
		const listing = (await sqlRow(db, 'select id, sold_count as sold from listings where category_id = ? limit 1', categoryId)) as { id: number; sold: number };
		await sqlExec(db, "insert into listing_snapshots (listing_id, observed_at, price, sold_count) values (?, '2026-12-02', 40000, ?)", listing.id, listing.sold + 500);
		expect((await refreshDerived(db, [categoryId])).forecastsFitted).toBeGreaterThanOrEqual(2);
		const after = (await forecastForCategory(db, categoryId, 8))!;
		expect(after.ready).toBe(true);
		// The Wednesday snapshot of 2 December completes the week of Monday 23 November (the
		// week of 30 November is not over yet, so it has no value).
		expect(after.history.at(-1)!.weekStart).toBe('2026-11-23');
		expect(first.history.at(-1)!.weekStart).toBe('2026-11-16');
		// A stored fit of another series (changed outside a refresh) is not shown: the read says
		// it is being prepared and fits nothing, stores nothing; the writer fits it when asked.
		await sqlExec(db, "update forecasts set input_hash = 'old' where series_key = ?", `category:${categoryId}`);
		const pending = (await forecastForCategory(db, categoryId, 8))!;
		expect(pending).toMatchObject({ ready: false, shown: false, points: [], fitted: [], headline: ['Perkiraan sedang disiapkan. Buka lagi sebentar.'] });
		expect(pending.history).toEqual(after.history);
		const hash = async () => await sqlValue(db, 'select input_hash from forecasts where series_key = ?', `category:${categoryId}`);
		expect(await hash()).toBe('old');
		expect((await refreshScope(db, { forecasts: [`category:${categoryId}`] })).forecastsFitted).toBe(1);
		expect(await hash()).not.toBe('old');
		expect((await forecastForCategory(db, categoryId, 8))!).toMatchObject({ ready: true, fitted: after.fitted });
	});

	test('a product forecast is of its competitor set, shown only where it beats the baseline', async () => {
		const f = (await forecastForProduct(db, productId, 6))!;
		expect(f.key).toBe(`product:${productId}`);
		expect(f.backtest.folds).toBeGreaterThan(0);
		expect(f.shown).toBe(f.backtest.mase < f.backtest.baselineMase);
		if (f.shown) {
			expect(f.points).toHaveLength(6);
			for (const p of f.points) expect(p.low <= p.value && p.value <= p.high).toBe(true);
		} else {
			expect(f.points).toEqual([]);
			expect(f.headline.join(' ')).toMatch(/sulit diperkirakan/);
		}
	});

	test('a short series says why it cannot be forecast', async () => {
		const young = await createCategory(db, { name: 'Baru' });
		let sold = 0;
		await createListing(db, { categoryId: young, snapshots: weeklyDates('2026-11-25', 5).map((d) => [d, 10_000, (sold += 10)]) });
		await refreshDerived(db, [young]);
		// No product in it, so the refresh fitted nothing: the read asks the writer, which fits it.
		expect((await forecastForCategory(db, young))!.ready).toBe(false);
		await refreshScope(db, { forecasts: [`category:${young}`] });
		const f = (await forecastForCategory(db, young))!;
		expect(f.shown).toBe(false);
		expect(f.headline).toContain('Permintaan sulit diperkirakan.');
	});
});

describe('forecast procedures', () => {
	test('forCategory and forProduct answer like the services; unknown ids 404; bad horizon 400', async () => {
		const caller = createCaller(createContext(db, ADMIN));
		const cat = await caller.forecast.forCategory({ categoryId, horizon: 8 });
		expect(cat.key).toBe(`category:${categoryId}`);
		const prod = await caller.forecast.forProduct({ productId });
		expect(prod.fitted).toEqual((await forecastForProduct(db, productId))!.fitted);
		await expect(caller.forecast.forCategory({ categoryId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(caller.forecast.forProduct({ productId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(caller.forecast.forCategory({ categoryId, horizon: 20 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		// A producer sees only their own product's forecast.
		const other = await createProducer(db, { name: 'Orang lain' });
		const stranger = createCaller(createContext(db, { ...ADMIN, role: 'produsen', producerId: other }));
		await expect(stranger.forecast.forProduct({ productId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const owner = createCaller(createContext(db, { ...ADMIN, role: 'produsen', producerId }));
		expect((await owner.forecast.forProduct({ productId })).key).toBe(`product:${productId}`);
	});
});

describe('forecast chart', () => {
	test('draws the band only with forecast points, and renders to SVG on the server', () => {
		const history = [10, 12, 11].map((units, i) => ({ weekStart: `2026-11-${String(9 + i * 7).padStart(2, '0')}`, units }));
		const points = [{ weekStart: '2026-11-30', value: 12, low: 8, high: 16 }];
		const withBand = buildForecastChart({ name: 'Kopi', history, points });
		const series = (withBand.option as { series: { stack?: string; areaStyle?: unknown; data: unknown[] }[] }).series;
		expect(series).toHaveLength(4);
		expect(series[1].data.slice(-1)).toEqual([8]);
		expect(series[2].data.slice(-1)).toEqual([8]);
		expect(series[2].areaStyle).toBeTruthy();
		expect(withBand.tips[0][3]).toBe('Minggu 30 Nov: perkiraan 12 (antara 8 dan 16)');
		const plain = buildForecastChart({ name: 'Kopi', history, points: [] });
		expect((plain.option as { series: unknown[] }).series).toHaveLength(1);
		expect(plain.label).toMatch(/Tanpa perkiraan/);
		expect(renderChart(withBand).svg).toMatch(/^<svg/);
	});
});
