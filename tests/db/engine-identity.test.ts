// Issue 15, item 4: the same demo market (same seed, same end date) seeded and derived on SQLite
// and on PostgreSQL gives every product the same dashboard — every number, sentence and chart
// point a producer reads — and the same /tren page. Only how long a page took (`ms`) may differ.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../fixtures/db';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';
import type { Db } from '../../src/lib/server/db';
import { migratePostgres, openPostgres, type PgDb } from '../../src/lib/server/db/postgres';
import { allProductIds } from '../../src/lib/server/db/products';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { buildMissing } from '../../src/lib/server/derive/missing';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { trendingCategories } from '../../src/lib/server/read/trends';

const END = '2026-11-23';
const DEMO = { seed: 15, endDate: END, listings: 1500, now: `${END}T00:00:00.000Z` };

/** What start-up does with an empty database: seed the demo, then build what is derived. */
async function demoMarket(db: Db): Promise<void> {
	await seedDemoMarket(db, DEMO);
	await buildMissing(db);
}

/** A page's data without its timing. */
function withoutTimings(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value, (key, v) => (key === 'ms' ? undefined : v)));
}

if (!TEST_POSTGRES_URL) console.warn(NO_POSTGRES);

describe.skipIf(!TEST_POSTGRES_URL)('the demo market on SQLite and on PostgreSQL', () => {
	let lite: Db;
	let pg: PgDb;
	let fresh: FreshPostgres;

	beforeAll(async () => {
		fresh = await freshPostgresDatabase('identity');
		await migratePostgres(fresh.url);
		pg = openPostgres(fresh.url);
		lite = createTestDb();
		await demoMarket(lite);
		await demoMarket(pg as unknown as Db);
	}, 600_000);

	afterAll(async () => {
		await pg?.$client.end();
		await fresh?.drop();
	});

	test('the same products, and every product dashboard identical', async () => {
		const ids = await allProductIds(lite);
		expect(ids.length).toBeGreaterThan(20);
		expect(await allProductIds(pg as unknown as Db)).toEqual(ids);
		for (const id of ids) {
			const onSqlite = withoutTimings(await productDashboard(lite, id, END));
			const onPostgres = withoutTimings(await productDashboard(pg as unknown as Db, id, END));
			expect(onSqlite, `product ${id}`).not.toBeNull();
			expect(onPostgres, `product ${id}`).toEqual(onSqlite);
		}
	});

	test('the /tren ranking is identical', async () => {
		expect(withoutTimings(await trendingCategories(pg as unknown as Db, {}, END))).toEqual(withoutTimings(await trendingCategories(lite, {}, END)));
	});
});
