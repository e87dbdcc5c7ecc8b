import { beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../../../../tests/fixtures/db';
import { createCategory, createProduct } from '../../../../tests/fixtures/factories';
import { bomFor, saveBom } from './coop';

describe('a bill of materials keeps the order the co-op typed', () => {
	const db = createTestDb();
	let pot: number;
	let vase: number;
	beforeAll(async () => {
		const categoryId = await createCategory(db, { slug: 'gerabah', name: 'Gerabah' });
		pot = await createProduct(db, { categoryId, keywords: 'pot tanah liat' });
		vase = await createProduct(db, { categoryId, keywords: 'vas bunga' });
	});

	test('rows come back as typed, not sorted by name, per product', async () => {
		// Interleaved writes: each product's rows are read back in its own typed order.
		await saveBom(db, pot, [
			{ material: 'tanah liat', quantity: 2, unit: 'kg' },
			{ material: 'glasir', quantity: 0.1, unit: 'kg' },
			{ material: 'air', quantity: 1, unit: 'liter' }
		]);
		await saveBom(db, vase, [{ material: 'pewarna', quantity: 5, unit: 'ml' }, { material: 'kawat', quantity: 1, unit: 'meter' }]);
		const bom = await bomFor(db, [vase, pot, 999_999]);
		expect(bom.get(pot)?.map((r) => r.material)).toEqual(['tanah liat', 'glasir', 'air']);
		expect(bom.get(vase)?.map((r) => r.material)).toEqual(['pewarna', 'kawat']);
		expect(bom.get(999_999)).toEqual([]);
	});

	test('saving again replaces the rows with the new order', async () => {
		await saveBom(db, pot, [
			{ material: 'air', quantity: 1, unit: 'liter' },
			{ material: 'tanah liat', quantity: 3, unit: 'kg' }
		]);
		expect((await bomFor(db, [pot])).get(pot)).toEqual([
			{ material: 'air', quantity: 1, unit: 'liter' },
			{ material: 'tanah liat', quantity: 3, unit: 'kg' }
		]);
		await saveBom(db, pot, []);
		expect((await bomFor(db, [pot])).get(pot)).toEqual([]);
	});

});
