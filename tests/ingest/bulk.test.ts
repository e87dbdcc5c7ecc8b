// A large batch loads without per-row foreign-key checks and with the non-unique indexes of
// listings and snapshots built once at the end (pipeline.ts, deferSecondaryIndexes): after
// it, the schema, the connection's settings and the references are exactly as before, and a
// later small batch (below the threshold) still loads through the ordinary path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { deferSecondaryIndexes } from '../../src/lib/server/db/dialect';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { runImport } from '../../src/lib/server/ingest/pipeline';
import { createTestDb, isPostgres } from '../fixtures/db';

const dir = mkdtempSync(join(tmpdir(), 'despro-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = (db: ReturnType<typeof createTestDb>) =>
	db.$client.prepare("select type, name, tbl_name, sql from sqlite_master where type in ('index', 'trigger', 'table') order by name").all();

// PostgreSQL: the import pipeline is being ported (issue 15); these tests run its imports.
describe.skipIf(isPostgres)('a large batch', { timeout: 180_000 }, () => {
	test('leaves schema, foreign keys and references as they were; a rollback restores dropped indexes', async () => {
		const db = createTestDb();
		const before = schema(db);
		const big = join(dir, 'big.csv');
		await writeGenericListings(big, 60_000);
		const s = await runImport(db, { fileName: 'big.csv', path: big }, { observedAt: '2025-06-02' });
		expect(s).toMatchObject({ status: 'done', rows: 60_000, inserted: 60_000, rejected: 0 });

		expect(schema(db)).toEqual(before);
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(db.$client.pragma('foreign_key_check')).toEqual([]);
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		// The rebuilt indexes answer queries.
		const byShop = db.$client.prepare('select count(*) from listings indexed by listings_shop_idx where shop_id = (select min(id) from shops)').pluck().get() as number;
		expect(byShop).toBeGreaterThan(0);

		// A later small file of the same listings (different day) takes the ordinary path.
		const small = join(dir, 'small.csv');
		await writeGenericListings(small, 300);
		const again = await runImport(db, { fileName: 'small.csv', path: small }, { observedAt: '2025-06-09' });
		expect(again).toMatchObject({ status: 'done', rows: 300, inserted: 0, updated: 300 });
		expect(schema(db)).toEqual(before);

		// Dropped inside a transaction that rolls back: the indexes are back.
		db.$client.exec('BEGIN IMMEDIATE');
		await deferSecondaryIndexes(db, ['listings', 'listing_snapshots']);
		db.$client.exec('ROLLBACK');
		expect(schema(db)).toEqual(before);
	});
});
