// The stored market part (product_market, built by refreshDerived) must give exactly the
// dashboard that the straightforward computation from the raw tables gives: every number,
// sentence and alert, for every product of a seeded demo market, fresh and with old data,
// and again after the data changed (new reviews analysed, a product's keywords edited).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { productStatusInput } from '../../src/lib/server/read/agents';
import { productDashboard, productDashboardLive } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews, productsComparingReviews } from '../../src/lib/server/derive/review-analysis';
import { createTestDb } from '../fixtures/db';
import { createReview } from '../fixtures/factories';
import { sqlColumn, sqlExec, sqlRows, sqlValue } from '../fixtures/sql';

const END = '2026-11-23';

describe('stored dashboard market part', () => {
	let db: Db;
	let ids: number[];
	beforeAll(async () => {
		db = createTestDb();
		await seedDemoMarket(db, { seed: 11, endDate: END, listings: 2500, now: '2026-11-23T00:00:00.000Z' });
		await analyzeStoredReviews(db);
		// Builds every product's market part, as at the first start.
		await refreshDerived(db);
		ids = (await sqlColumn(db, 'select id from products order by id')) as number[];
	}, 180_000);

	test('one stored row per product; refreshDerived rebuilds the touched ones in place, the rest stay', async () => {
		expect(ids.length).toBeGreaterThan(20);
		const builtAt = async () =>
			new Map((await sqlRows(db, 'select product_id, built_at from product_market')).map((r) => Object.values(r)) as [number, string][]);
		const before = await builtAt();
		expect(before.size).toBe(ids.length);
		const categoryId = (await sqlValue(db, 'select category_id from products where id = ?', ids[0])) as number;
		const touched = (await sqlColumn(db, 'select id from products where category_id = ?', categoryId)) as number[];
		const counts = await refreshDerived(db, [categoryId]);
		const after = await builtAt();
		expect(after.size).toBe(ids.length);
		expect(counts.marketParts).toBeGreaterThanOrEqual(touched.length);
		for (const id of touched) expect(after.get(id)! > before.get(id)!).toBe(true);
		const untouched = ids.filter((id) => after.get(id) === before.get(id));
		expect(untouched.length).toBeGreaterThan(0);
		expect(await productDashboard(db, ids[0], END)).toEqual(await productDashboardLive(db, ids[0], END));
	}, 180_000);

	test('equals the live computation for every product, today and with old data', async () => {
		for (const today of [END, '2026-11-28', '2027-03-01']) {
			for (const id of ids) expect(await productDashboard(db, id, today)).toEqual(await productDashboardLive(db, id, today));
		}
	}, 180_000);

	test("an agent's status line reads the dashboard's own numbers", async () => {
		for (const id of ids) {
			const d = (await productDashboard(db, id, END))!;
			expect(await productStatusInput(db, id, END)).toEqual({
				product: { id, name: d.product.name },
				dataUntil: d.dataUntil,
				stale: d.stale,
				price: { position: d.price.position, middle: d.price.middle, ownUnitPrice: d.price.ownUnitPrice },
				demand: { direction: d.demand.direction, change: d.demand.change }
			});
		}
	});

	test('follows newly analysed reviews and an edited product', async () => {
		const id = ids[0];
		const listing = (await sqlValue(db, 'select listing_id from product_competitors where product_id = ? order by rank limit 1', id)) as number;
		const reviewIds: number[] = [];
		for (let k = 0; k < 4; k++)
			reviewIds.push(await createReview(db, { listingId: listing, text: `Kemasan tipis, barang pecah saat dikirim ${k}`, stars: 1, reviewedAt: '2026-11-20' }));
		// Analysed but not yet rebuilt: readers keep the whole old part (the old state, not a mix).
		const before = (await productDashboard(db, id, END))!;
		await analyzeStoredReviews(db);
		expect(await productDashboard(db, id, END)).toEqual(before);
		// What an import's refresh does with its reviews (derive/refresh.ts deriveAfterImport).
		expect(await productsComparingReviews(db, reviewIds)).toContain(id);
		await refreshDerived(db, [], await productsComparingReviews(db, reviewIds));
		expect(await productDashboard(db, id, END)).toEqual(await productDashboardLive(db, id, END));
		expect(await productDashboard(db, id, END)).not.toEqual(before);

		const other = ids[1];
		await sqlExec(db, "update products set keywords = 'kain' where id = ?", other);
		await refreshDerived(db, [], [other]);
		expect(await productDashboard(db, other, END)).toEqual(await productDashboardLive(db, other, END));
		// The producer's own price is read on every request.
		await sqlExec(db, 'update products set price = price * 2 where id = ?', other);
		expect(await productDashboard(db, other, END)).toEqual(await productDashboardLive(db, other, END));
	});
});
