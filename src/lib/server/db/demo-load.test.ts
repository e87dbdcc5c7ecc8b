import { describe, expect, test } from 'vitest';
import { createTestDb, isPostgres } from '../../../../tests/fixtures/db';
import { createCategory, createListing } from '../../../../tests/fixtures/factories';
import { bulkRows, nextAutoIncrementId, suspendForBulkLoad } from './demo-load';
import { listings, reviews } from './schema';

const indexNames = (db: ReturnType<typeof createTestDb>) =>
	db.$client.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'listings' and sql is not null order by name").pluck().all();

// PostgreSQL: the demo bulk load (db/demo-load.ts) is being ported (issue 15).
describe.skipIf(isPostgres)('the demo bulk load (db/demo-load.ts)', () => {
	test('rows loaded while suspended are all there afterwards, and the indexes are back and used', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db);
		const before = indexNames(db);
		await createListing(db, { categoryId, title: 'Vas keramik putih' });
		db.$client.exec('begin');
		const finish = suspendForBulkLoad(db, [listings]);
		expect(indexNames(db)).toEqual([]); // built again at the end (a unique one then still refuses duplicates)
		const id = nextAutoIncrementId(db, listings);
		const rows = bulkRows(db, listings, [listings.id, listings.marketplaceId, listings.externalId, listings.title, listings.categoryId, listings.price, listings.firstSeenAt, listings.lastSeenAt], 2);
		rows.push(id, 'shopee', 'bulk-1', 'Vas keramik biru', categoryId, 50000, '2026-11-23', '2026-11-23');
		rows.push(id + 1, 'shopee', 'bulk-2', 'Gelas bambu', categoryId, 20000, '2026-11-23', '2026-11-23');
		rows.push(id + 2, 'shopee', 'bulk-3', 'Piring keramik', categoryId, 30000, '2026-11-23', '2026-11-23');
		rows.flush();
		finish();
		db.$client.exec('commit');
		expect(indexNames(db)).toEqual(before);
		expect(db.$client.prepare("select id from listings where title like '%keramik%' order by id").pluck().all()).toEqual([id - 1, id, id + 2]);
		// The rebuilt category index answers for the rows loaded while it was gone.
		expect(db.$client.prepare('select count(*) from listings indexed by listings_category_family_idx where category_id = ?').pluck().get(categoryId)).toBe(4);
	});

	test('the next id never reuses one a deleted row had, as AUTOINCREMENT', async () => {
		const db = createTestDb();
		expect(nextAutoIncrementId(db, reviews)).toBe(1);
		const categoryId = await createCategory(db);
		const a = await createListing(db, { categoryId });
		const b = await createListing(db, { categoryId });
		expect(nextAutoIncrementId(db, listings)).toBe(b + 1);
		db.$client.prepare('delete from listings where id in (?, ?)').run(a, b);
		expect(nextAutoIncrementId(db, listings)).toBe(b + 1);
	});
});
