// After importing the real Tokopedia sambal file, a producer's sambal product sees the imported
// listings among its competitors: the import refreshed the competitor sets of the categories it
// touched, and the dashboard compares against them.
import { describe, expect, test } from 'vitest';
import { loadRegions } from '../../src/lib/server/db/regions';
import { ensureCategory } from '../../src/lib/server/ingest/categories';
import { productDashboard } from '../../src/lib/server/services/dashboard';
import { importPath } from '../../src/lib/server/services/imports';
import { createTestDb } from '../fixtures/db';
import { createProduct } from '../fixtures/factories';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';

describe.skipIf(!hasSharedData)(`imported listings in a dashboard ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 60_000 }, () => {
	test('a sambal product compares with the imported sambal listings', async () => {
		const db = createTestDb();
		loadRegions(db);
		// A producer's product in the category the sambal mapping targets (created as the import would).
		const categoryId = ensureCategory(db, 'sambal-bumbu');
		const productId = createProduct(db, {
			categoryId,
			name: 'Sambal Bawang Khas Madiun 200 gr',
			keywords: 'sambal bawang pedas',
			price: 22_000,
			packQuantity: 200,
			unit: 'g',
			unitFamily: 'mass'
		});
		const [s] = await importPath(db, sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'), { observedAt: '2025-04-26' });
		expect(s.status).toBe('done');
		const competitors = db.$client
			.prepare(
				`select l.title, l.batch_id as batchId from product_competitors pc join listings l on l.id = pc.listing_id where pc.product_id = ?`
			)
			.all(productId) as { title: string; batchId: number }[];
		expect(competitors.length).toBeGreaterThan(10);
		expect(competitors.every((c) => c.batchId === s.batch)).toBe(true);
		expect(competitors.some((c) => /sambal/i.test(c.title))).toBe(true);
		const dashboard = productDashboard(db, productId, '2025-04-28');
		expect(dashboard).not.toBeNull();
		expect(JSON.stringify(dashboard!.price)).toMatch(/Dibandingkan dengan \d+ produk serupa/);
	});
});
