// Start-up on PostgreSQL (issue 15): an empty database is migrated, seeded with the demo market
// and its derived data by the same code the server runs before it serves (db/index.ts migration,
// startup.ts prepareDatabase), and then reads as on SQLite: the same seed and end date give every
// product the same dashboard — every number, sentence and chart point a producer reads — and the
// same /tren page (issue 15, item 4: only how long a page took, `ms`, may differ). Two servers
// started at once on one empty database seed it once.
// Needs TEST_POSTGRES_URL (.ci/run sets it); without it this file says it is skipped.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';
import { closeDatabase } from '../../src/lib/server/db/connection';
import { migrateAny, openDatabase, type Db } from '../../src/lib/server/db';
import { isDemoDatabase } from '../../src/lib/server/db/meta';
import { allProductIds } from '../../src/lib/server/db/products';
import { firstRow, allRows } from '../../src/lib/server/db/run';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { trendingCategories } from '../../src/lib/server/read/trends';
import { prepareDatabase } from '../../src/lib/server/startup';

// A smaller market than the default 24,000 listings: the same rules, seconds instead of minutes.
const END = '2026-11-23';
const ENV = { DEMO_LISTINGS: '1500', DEMO_SEED: '15', DEMO_END_DATE: END };
const TODAY = '2026-11-25';

/** A page's data without its timing. */
function withoutTimings(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value, (key, v) => (key === 'ms' ? undefined : v)));
}

/** What start-up does with DATABASE_URL (hooks.server.ts init: readyDb, then prepareDatabase). */
async function startUp(url: string, env: Record<string, string> = ENV): Promise<Db> {
	const db = openDatabase(url);
	await migrateAny(db);
	await prepareDatabase(db, env);
	return db;
}

const count = async (db: Db, table: string) => (await firstRow<{ n: number }>(db, sql`select count(*) as n from ${sql.identifier(table)}`))!.n;

if (!TEST_POSTGRES_URL) console.warn(NO_POSTGRES);

describe.skipIf(!TEST_POSTGRES_URL)('npm start on an empty PostgreSQL database', () => {
	let fresh: FreshPostgres;
	let pg: Db;
	let lite: Db;
	beforeAll(async () => {
		fresh = await freshPostgresDatabase('start');
		pg = await startUp(fresh.url);
		lite = await startUp(':memory:');
	}, 240_000);
	afterAll(async () => {
		closeDatabase(pg);
		closeDatabase(lite);
		await new Promise((r) => setTimeout(r, 50));
		await fresh?.drop();
	});

	test('is seeded with the demo market and its derived data', async () => {
		expect(await isDemoDatabase(pg)).toBe(true);
		for (const table of ['listings', 'listing_snapshots', 'reviews', 'products', 'users', 'product_market', 'category_weekly_demand', 'product_competitors', 'forecasts'])
			expect(await count(pg, table), table).toBe(await count(lite, table));
		expect(await count(pg, 'listings')).toBe(1500);
	});

	test('the same seed gives the same rows as on SQLite', async () => {
		const same = async (query: ReturnType<typeof sql>) => expect(await allRows(pg, query)).toEqual(await allRows(lite, query));
		await same(sql`select id, title, price, sold_count, region_code, shop_id, category_id from listings order by id`);
		await same(sql`select id, listing_id, stars, text from reviews order by id`);
		await same(sql`select listing_id, observed_at, price, sold_count from listing_snapshots where listing_id <= 50 order by listing_id, observed_at`);
		await same(sql`select id, name, price, village_code, kind from products order by id`);
		await same(sql`select product_id, listing_id, rank from product_competitors order by product_id, rank`);
	});

	test("a producer's dashboard has its four cards' numbers, the same as on SQLite", async () => {
		const ids = await allProductIds(pg);
		expect(ids).toEqual(await allProductIds(lite));
		const onPg = await productDashboard(pg, ids[0], TODAY);
		expect(onPg?.preparing).toBeFalsy();
		expect(onPg!.product.name.length).toBeGreaterThan(0);
		expect(onPg!.price.enough).toBe(true);
		expect(onPg!.price.headline[0]).toMatch(/^Harga Anda Rp[\d.]+ per /);
		expect(onPg).toEqual(await productDashboard(lite, ids[0], TODAY));
	});

	test('every product dashboard is identical on both engines', async () => {
		const ids = await allProductIds(lite);
		expect(ids.length).toBeGreaterThan(20);
		expect(await allProductIds(pg)).toEqual(ids);
		for (const id of ids) {
			const onSqlite = withoutTimings(await productDashboard(lite, id, END));
			expect(onSqlite, `product ${id}`).not.toBeNull();
			expect(withoutTimings(await productDashboard(pg, id, END)), `product ${id}`).toEqual(onSqlite);
		}
	});

	test('the /tren ranking is identical on both engines', async () => {
		expect(withoutTimings(await trendingCategories(pg, {}, END))).toEqual(withoutTimings(await trendingCategories(lite, {}, END)));
	});

	test('a second start finds the market seeded and adds nothing', async () => {
		const before = await count(pg, 'listings');
		const again = await startUp(fresh.url);
		expect(await count(again, 'listings')).toBe(before);
		expect(await count(again, 'import_batches')).toBe(1);
		closeDatabase(again);
	});
});

describe.skipIf(!TEST_POSTGRES_URL)('two servers started at once on one empty PostgreSQL database', () => {
	test('migrate and seed it once; both then read the same market', async () => {
		const fresh = await freshPostgresDatabase('twostart');
		// Fewer listings: this case is about seeding once, not about the market.
		const small = { ...ENV, DEMO_LISTINGS: '400' };
		const [a, b] = await Promise.all([startUp(fresh.url, small), startUp(fresh.url, small)]);
		try {
			expect(await count(a, 'listings')).toBe(400);
			expect(await count(b, 'import_batches')).toBe(1);
			expect(await count(b, 'users')).toBe(4);
		} finally {
			closeDatabase(a);
			closeDatabase(b);
			await new Promise((r) => setTimeout(r, 50));
			await fresh.drop();
		}
	}, 240_000);
});
