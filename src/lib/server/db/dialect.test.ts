// The importer's bulk-load pieces (dialect.ts) on both engines. What a user would notice: an
// import whose new listings take ids that are already used (a failed import), or that leaves
// the listings without their indexes (slow pages ever after).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bothEngines } from '../../../../tests/fixtures/engines';
import { deferSecondaryIndexes, nextListingId, rowsHighWater } from './dialect';
import type { Db } from './index';
import { engineOf, exec, firstRow, allRows, transaction } from './run';
import { categories, listings, marketplaces } from './schema';

async function indexNames(db: Db): Promise<string[]> {
	const found =
		engineOf(db) === 'sqlite'
			? await allRows<{ name: string }>(db, sql`select name from sqlite_master where type = 'index' and tbl_name = 'listings' and sql is not null order by name`)
			: await allRows<{ name: string }>(db, sql`select indexname as name from pg_indexes where tablename = 'listings' and indexname not like '%_pkey' order by indexname`);
	return found.map((r) => r.name);
}

describe.each(bothEngines('dialect'))('bulk-load pieces (dialect.ts) on %s', (engine, open) => {
	let db: Db;
	let close: () => Promise<void>;
	let categoryId: number;
	const add = async (externalId: string) =>
		(await firstRow(db, db.insert(listings).values({ marketplaceId: 'shopee', externalId, title: externalId, categoryId, price: 1000, firstSeenAt: '2026-11-23', lastSeenAt: '2026-11-23' }).returning({ id: listings.id })))!.id;
	beforeAll(async () => {
		({ db, close } = await open());
		await exec(db, db.insert(marketplaces).values({ id: 'shopee', name: 'Shopee' }));
		categoryId = (await firstRow(db, db.insert(categories).values({ slug: 'gerabah', name: 'Gerabah', unitFamily: 'count' }).returning({ id: categories.id })))!.id;
	});
	afterAll(() => close());

	test('nextListingId: the id the next insert takes, never one a deleted listing had', async () => {
		expect(await nextListingId(db)).toBe(1);
		const a = await add('a');
		const b = await add('b');
		expect(await nextListingId(db)).toBe(b + 1);
		await exec(db, db.delete(listings).where(eq(listings.id, b)));
		expect(await nextListingId(db)).toBe(b + 1);
		expect(await add('c')).toBe(b + 1);
		expect(a).toBe(1);
	});

	test('rowsHighWater: about as many as the table holds', async () => {
		for (let i = 0; i < 20; i++) await add(`hw-${i}`);
		// PostgreSQL's figure is the planner's estimate, kept by analyze.
		if (engine === 'postgres') await exec(db, sql`analyze listings`);
		const n = await rowsHighWater(db, listings);
		const real = (await firstRow<{ n: number }>(db, sql`select count(*) as n from listings`))!.n;
		expect(n).toBeGreaterThanOrEqual(real);
		expect(n).toBeLessThanOrEqual(real + 2);
	});

	test('deferSecondaryIndexes: gone inside the load, back after it', async () => {
		const before = await indexNames(db);
		await transaction(db, async (tx) => {
			const restore = await deferSecondaryIndexes(tx, ['listings']);
			const during = await indexNames(tx);
			expect(during.length).toBeGreaterThan(0);
			expect(during.length).toBeLessThan(before.length);
			await exec(tx, tx.insert(listings).values({ marketplaceId: 'shopee', externalId: 'loaded', title: 'loaded', categoryId, price: 1, firstSeenAt: '2026-11-23', lastSeenAt: '2026-11-23' }));
			await restore();
		});
		expect(await indexNames(db)).toEqual(before);
	});

	test('deferSecondaryIndexes: the unique key still refuses a duplicate, and a rollback puts the indexes back', async () => {
		const before = await indexNames(db);
		await expect(
			transaction(db, async (tx) => {
				await deferSecondaryIndexes(tx, ['listings']);
				await exec(tx, tx.insert(listings).values({ marketplaceId: 'shopee', externalId: 'a', title: 'dup', categoryId, price: 1, firstSeenAt: '2026-11-23', lastSeenAt: '2026-11-23' }));
			})
		).rejects.toThrow();
		expect(await indexNames(db)).toEqual(before);
	});
});
