// After importing the real Tokopedia sambal files, a producer's sambal product compares with
// sambal only — not black garlic, bumbu pecel, BonCabe, gochujang or a bottle of saus sambal —
// and the listings of its kind it cannot compare (no weight in the title, two weights) are
// counted and named, not dropped without a word. Which title is what comes from our hand labels
// (tests/fixtures/competitor-labels.csv), not from the rules under test.
import { describe, expect, test } from 'vitest';
import { loadRegions } from '../../src/lib/server/db/regions';
import { ensureCategory } from '../../src/lib/server/ingest/categories';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { importPath } from '../../src/lib/server/write/imports';
import { labels, titleKey } from '../fixtures/competitor-labels';
import { createTestDb } from '../fixtures/db';
import { sqlColumn } from '../fixtures/sql';
import { createProduct } from '../fixtures/factories';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';

describe.skipIf(!hasSharedData)(`imported listings in a dashboard ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 60_000 }, () => {
	test('a sambal product compares with imported sambal only, and names what it left out', async () => {
		const db = createTestDb();
		await loadRegions(db);
		// A producer's product in the category the sambal mapping targets (created as the import would).
		const categoryId = await ensureCategory(db, 'sambal-bumbu');
		const productId = await createProduct(db, {
                			categoryId,
                			name: 'Sambal Bawang Khas Madiun 200 gr',
                			keywords: 'sambal bawang pedas',
                			price: 22_000,
                			packQuantity: 200,
                			unit: 'g',
                			unitFamily: 'mass'
                		});
		for (const file of ['tokopedia_sambal_raw.csv', 'tokopedia_sambal_clean.csv']) {
			const [s] = await importPath(db, sharedPath('tokopedia-sambal-listings-2025', file), { observedAt: '2025-04-26' });
			expect(s.status).toBe('done');
		}
		const truth = new Map(labels().filter((l) => l.file.startsWith('tokopedia-sambal')).map((l) => [l.key, l.kind]));
		const kindOf = (title: string) => truth.get(titleKey(title)) ?? '(unlabelled)';
		const titles = (sql: string) => sqlColumn<string>(db, sql, productId);

		const compared = await titles('select l.title from product_competitors pc join listings l on l.id = pc.listing_id where pc.product_id = ?');
		expect(compared.length).toBeGreaterThanOrEqual(15);
		expect(compared.filter((t) => kindOf(t) !== 'sambal')).toEqual([]);

		// Sambal listings without a weight are in the set's left-out list, with their reason.
		const noSize = await titles("select l.title from competitor_left_out o join listings l on l.id = o.listing_id where o.product_id = ? and o.reason = 'no-size'");
		expect(noSize.length).toBeGreaterThanOrEqual(10);
		expect(noSize.filter((t) => kindOf(t) !== 'sambal')).toEqual([]);
		// Every sambal the files hold is either compared or named as left out.
		const all = (await titles('select title from listings where ? > 0')).filter((t) => kindOf(t) === 'sambal');
		const named = new Set([...compared, ...(await titles('select l.title from competitor_left_out o join listings l on l.id = o.listing_id where o.product_id = ?'))]);
		expect(all.filter((t) => !named.has(t))).toEqual([]);

		const dashboard = (await productDashboard(db, productId, '2025-04-28'))!;
		expect(dashboard.price.basis).toMatch(/Dibandingkan dengan \d+ produk serupa/);
		expect(dashboard.price.basis).toMatch(/\d+ produk tanpa berat di judul tidak dihitung\./);
		expect(dashboard.price.leftOut?.find((l) => l.reason === 'no-size')?.count).toBe(noSize.length);
	});
});
