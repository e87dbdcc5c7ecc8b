// Every listing and review file in ../shared/data imports without a crash, and for each file
// rows in = inserted + updated + duplicates + rejected, with the rows counted independently by
// csv-parse. Exact duplicate rows (pages scraped twice) are counted as duplicates.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { loadRegions } from '../../src/lib/server/db/regions';
import { importPath } from '../../src/lib/server/write/imports';
import { createTestDb } from '../fixtures/db';
import { sqlRow, sqlValue } from '../fixtures/sql';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';

// [file, shape it must be recognised as]
export const REAL_FILES: [string, string][] = [
	['tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv', 'tokopedia-laptop'],
	['tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv', 'tokopedia-smartphone'],
	['tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv', 'tokopedia-sambal-raw'],
	['tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv', 'tokopedia-sambal-clean'],
	['shopee-skincare-listings-2022/shopee_skincare_2022-11.csv', 'shopee-skincare'],
	['shopee-earphone-listings-2025/products.csv', 'shopee-earphone'],
	['lazada-iphone-listings-2025/lazada_iphone.csv', 'lazada-iphone'],
	['bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv', 'bukalapak-oximeter'],
	['prdect-id-tokopedia-reviews/prdect_id.csv', 'prdect-id'],
	['tokopedia-fashion-reviews-2024/tokopedia_fashion_reviews.csv', 'tokopedia-fashion-reviews'],
	['bukalapak-batik-shirt-reviews-2018-2023/bukalapak_reviews.csv', 'bukalapak-reviews'],
	['tokopedia-product-reviews-rating/tokopedia_reviews.csv', 'tokopedia-reviews']
];

function csvRows(file: string): string[][] {
	return (parse(readFileSync(sharedPath(file)), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][]).slice(1);
}

function exactDuplicates(rows: string[][]): number {
	const seen = new Set<string>();
	let dupes = 0;
	for (const r of rows) {
		const k = JSON.stringify(r);
		if (seen.has(k)) dupes++;
		else seen.add(k);
	}
	return dupes;
}

describe.skipIf(!hasSharedData)(`real data in ../shared/data ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 60_000 }, () => {
	let db: Db;
	beforeAll(async () => {
		db = createTestDb();
		await loadRegions(db);
	});

	test.each(REAL_FILES)('%s imports and its counts add up', async (file, shape) => {
		const rows = csvRows(file);
		const [s] = await importPath(db, sharedPath(file), { observedAt: '2025-06-02' });
		expect(s.status, s.messageEn).toBe('done');
		expect(s.source).toBe(shape);
		expect(s.rows).toBe(rows.length);
		expect(s.inserted + s.updated + s.duplicates + s.rejected).toBe(rows.length);
		expect(s.inserted).toBeGreaterThan(0);
		// Exact repeats of a row are never new listings or reviews.
		expect(s.duplicates).toBeGreaterThanOrEqual(exactDuplicates(rows));
		const stored = await sqlRow(db, 'select rows, inserted, updated, duplicates, rejected, status from import_batches where id = ?', s.batch);
		expect(stored).toEqual({ rows: s.rows, inserted: s.inserted, updated: s.updated, duplicates: s.duplicates, rejected: s.rejected, status: 'done' });
		expect(await sqlValue(db, 'select count(distinct line) from import_rejections where batch_id = ?', s.batch)).toBe(s.rejected);
	});

	test('the smartphone file: its exact duplicate rows are counted as duplicates', async () => {
		const file = 'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv';
		const rows = csvRows(file);
		const fresh = createTestDb();
		await loadRegions(fresh);
		const [s] = await importPath(fresh, sharedPath(file), { observedAt: '2025-06-02' });
		// SOURCE.md: 54 of the full file's 105 rows are exact duplicates; the shared part keeps most of them.
		expect(exactDuplicates(rows)).toBeGreaterThan(40);
		expect(s.duplicates).toBeGreaterThanOrEqual(exactDuplicates(rows));
		expect(s.inserted).toBe(await sqlValue(fresh, 'select count(*) from listings'));
	});

	test('importing every file again adds nothing: all duplicates', async () => {
		const totals = () => sqlRow(db, 'select (select count(*) from listings) l, (select count(*) from listing_snapshots) s, (select count(*) from reviews) r');
		const before = await totals();
		for (const [file] of REAL_FILES) {
			const [s] = await importPath(db, sharedPath(file), { observedAt: '2025-06-02' });
			expect(s.inserted + s.updated, file).toBe(0);
			expect(s.duplicates + s.rejected).toBe(s.rows);
		}
		expect(await totals()).toEqual(before);
	});

	test('a folder imports its main file with companions (Shopee shops and variants, Bukalapak product and merchant)', async () => {
		const fresh = createTestDb();
		await loadRegions(fresh);
		const [shopee] = await importPath(fresh, sharedPath('shopee-earphone-listings-2025'), { observedAt: '2025-11-25' });
		expect(shopee.source).toBe('shopee-earphone');
		// Shops with a name, not only the numeric id the listings file gives (no GLOB: it is SQLite's own).
		const named = await sqlValue<number>(fresh, "select count(*) from shops where marketplace_id = 'shopee' and substr(name, 1, 1) not in ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')");
		expect(named).toBeGreaterThan(100);
		expect(await sqlValue(fresh, "select count(*) from shops where marketplace_id = 'shopee' and region_code is not null")).toBeGreaterThan(100);
		const [bl] = await importPath(fresh, sharedPath('bukalapak-batik-shirt-reviews-2018-2023'));
		expect(bl.source).toBe('bukalapak-reviews');
		const listing = await sqlRow<{ title: string; shop: string; slug: string }>(
			fresh,
			"select l.title, s.name as shop, c.slug from listings l join shops s on s.id = l.shop_id left join categories c on c.id = l.category_id where l.marketplace_id = 'bukalapak'"
		);
		expect(listing).toMatchObject({ shop: 'BATIK MURAH JAYA PEKALONGAN', slug: 'kemeja-batik' });
		expect(await sqlValue(fresh, 'select count(*) from reviews where polarity is not null')).toBe(bl.inserted);
	});

	test('a companion file alone is refused with a clear message and nothing loaded', async () => {
		const fresh = createTestDb();
		const [s] = await importPath(fresh, sharedPath('shopee-earphone-listings-2025/shops.csv'));
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/berkas pendamping/);
		expect(await sqlValue(fresh, 'select count(*) from listings')).toBe(0);
	});
});
