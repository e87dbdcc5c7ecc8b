// The demo seeder's bulk load (demo-load.ts) on both engines: SQLite in memory always, PostgreSQL
// when TEST_POSTGRES_URL is set. What a user would notice: a seeded listing missing, an index
// left dropped (slow pages), or a later listing taking the id of a seeded one.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL } from '../../../../tests/fixtures/postgres';
import { bulkRows, nextAutoIncrementId, suspendForBulkLoad } from './demo-load';
import { migrateAny, openDatabase, type Db } from './index';
import { exec, firstRow, allRows, transaction } from './run';
import { closeDatabase } from './connection';
import { categories, listings, marketplaces, reviews } from './schema';

type Opened = { db: Db; close(): Promise<void> };

function engines(): Array<[string, () => Promise<Opened>]> {
	const list: Array<[string, () => Promise<Opened>]> = [
		['sqlite', async () => {
			const db = openDatabase(':memory:');
			await migrateAny(db);
			return { db, close: async () => closeDatabase(db) };
		}]
	];
	if (TEST_POSTGRES_URL)
		list.push(['postgres', async () => {
			const fresh = await freshPostgresDatabase('demoload');
			const db = openDatabase(fresh.url);
			await migrateAny(db);
			return { db, close: async () => { closeDatabase(db); await fresh.drop(); } };
		}]);
	else console.warn(NO_POSTGRES);
	return list;
}

/** The listings table's secondary indexes, by name, as the engine's catalogue lists them. */
async function indexNames(db: Db, engine: string): Promise<string[]> {
	const found = engine === 'sqlite'
		? await allRows<{ name: string }>(db, sql`select name from sqlite_master where type = 'index' and tbl_name = 'listings' and sql is not null order by name`)
		: await allRows<{ name: string }>(db, sql`select indexname as name from pg_indexes where tablename = 'listings' and indexname not like '%_pkey' order by indexname`);
	return found.map((r) => r.name);
}

async function listing(db: Db, categoryId: number, externalId: string, title: string): Promise<number> {
	const row = await firstRow(db, db.insert(listings).values({ marketplaceId: 'shopee', externalId, title, categoryId, price: 10000, firstSeenAt: '2026-11-23', lastSeenAt: '2026-11-23' }).returning({ id: listings.id }));
	return row!.id;
}

describe.each(engines())('the demo bulk load (db/demo-load.ts) on %s', (engine, open) => {
	let db: Db;
	let close: () => Promise<void>;
	let categoryId: number;
	beforeAll(async () => {
		({ db, close } = await open());
		await exec(db, db.insert(marketplaces).values({ id: 'shopee', name: 'Shopee' }));
		categoryId = (await firstRow(db, db.insert(categories).values({ slug: 'keramik', name: 'Keramik', unitFamily: 'count' }).returning({ id: categories.id })))!.id;
	});
	afterAll(() => close());

	test('rows loaded while suspended are all there afterwards, the indexes are back, and new rows get ids after them', async () => {
		const before = await indexNames(db, engine);
		expect(before.length).toBeGreaterThan(1);
		const first1 = await listing(db, categoryId, 'own-1', 'Vas keramik putih');
		const ids = await transaction(db, async (tx) => {
			const finish = await suspendForBulkLoad(tx, [listings]);
			// Built again at the end; unique ones stay (they are what a load matches on).
			const during = await indexNames(tx, engine);
			expect(during.length).toBeLessThan(before.length);
			const id = await nextAutoIncrementId(tx, listings);
			const bulk = bulkRows(tx, listings, [listings.id, listings.marketplaceId, listings.externalId, listings.title, listings.categoryId, listings.price, listings.firstSeenAt, listings.lastSeenAt], 2);
			bulk.push(id, 'shopee', 'bulk-1', 'Vas keramik biru', categoryId, 50000, '2026-11-23', '2026-11-23');
			bulk.push(id + 1, 'shopee', 'bulk-2', 'Gelas bambu', categoryId, 20000, '2026-11-23', '2026-11-23');
			bulk.push(id + 2, 'shopee', 'bulk-3', 'Piring keramik', categoryId, 30000, '2026-11-23', '2026-11-23');
			await bulk.flush();
			await finish();
			return [id, id + 1, id + 2];
		});
		expect(ids[0]).toBe(first1 + 1);
		expect(await indexNames(db, engine)).toEqual(before);
		const keramik = await allRows(db, db.select({ id: listings.id }).from(listings).where(sql`${listings.title} like '%keramik%'`).orderBy(listings.id));
		expect(keramik.map((r) => r.id)).toEqual([first1, ids[0], ids[2]]);
		// A listing added afterwards (an import, a form) gets the next id, not one the load gave itself.
		expect(await listing(db, categoryId, 'own-2', 'Teko keramik')).toBe(ids[2] + 1);
	});

	test('the next id never reuses one a deleted row had, as AUTOINCREMENT', async () => {
		expect(await nextAutoIncrementId(db, reviews)).toBe(1);
		const a = await listing(db, categoryId, 'del-1', 'Mangkuk');
		const b = await listing(db, categoryId, 'del-2', 'Cangkir');
		expect(await nextAutoIncrementId(db, listings)).toBe(b + 1);
		await exec(db, db.delete(listings).where(eq(listings.id, a)));
		await exec(db, db.delete(listings).where(eq(listings.id, b)));
		expect(await nextAutoIncrementId(db, listings)).toBe(b + 1);
	});
});
