// Stored kinds: filled for rows written without one, recomputed once when the rules change, and
// an older database's pack sizes re-read from the title.
import { describe, expect, test } from 'vitest';
import { KIND_VERSION } from '../../src/lib/analysis/product-kind';
import { fillMissingKinds, kindsPending } from '../../src/lib/server/derive/kinds';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct } from '../fixtures/factories';
import { sqlExec, sqlInsertId, sqlRow, sqlValue } from '../fixtures/sql';

describe('fillMissingKinds', () => {
	test('fills listings and products; re-reads the pack of imported rows from before pack readings', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { slug: 'sambal-bumbu', unitFamily: 'mass' });
		const batch = await sqlInsertId(db, "insert into import_batches (source, status, started_at) values ('x', 'done', '2025-04-26')");
		// As an import from before readPackSize stored it: 18 g, no pack status.
		const imported = await createListing(db, { categoryId, title: 'Sambal Bawang Sachet 18gr (Isi 10 Pcs)', packQuantity: 18, unit: 'g', unitFamily: 'mass' });
		await sqlExec(db, 'update listings set batch_id = ? where id = ?', batch, imported);
		// A row written by hand (no batch) keeps the pack it was given.
		const manual = await createListing(db, { categoryId, title: 'Sambal Ijo Spesial', packQuantity: 250, unit: 'g', unitFamily: 'mass' });
		const product = await createProduct(db, { categoryId, name: 'Olahan Mbok Darmi', keywords: 'bawang goreng' });
		expect(await kindsPending(db)).toBe(true);
		expect(await fillMissingKinds(db)).toEqual({ listings: 2, products: 1 });
		expect(await kindsPending(db)).toBe(false);
		const row = async (id: number) => await sqlRow(db, 'select kind, pack_quantity as q, unit_family as f, pack_status as s from listings where id = ?', id);
		expect(await row(imported)).toEqual({ kind: 'sambal', q: 180, f: 'mass', s: 'ok' });
		expect(await row(manual)).toEqual({ kind: 'sambal', q: 250, f: 'mass', s: null });
		// A name without a known word: the agent's search words say what it is.
		expect(await sqlValue(db, 'select kind from products where id = ?', product)).toBe('bawang goreng');
		expect(await fillMissingKinds(db)).toEqual({ listings: 0, products: 0 });
	});

	test('recomputes every kind once after the rules changed', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db);
		const id = await createListing(db, { categoryId, title: 'Teko Keramik Plered' });
		await fillMissingKinds(db);
		await sqlExec(db, "update listings set kind = 'teko lama' where id = ?", id);
		await sqlExec(db, "update meta set value = ? where key = 'kind_version'", String(KIND_VERSION - 1));
		expect(await kindsPending(db)).toBe(true);
		expect((await fillMissingKinds(db)).listings).toBe(1);
		expect(await sqlValue(db, 'select kind from listings where id = ?', id)).toBe('teko');
		expect(await sqlValue(db, "select value from meta where key = 'kind_version'")).toBe(String(KIND_VERSION));
	});
});
