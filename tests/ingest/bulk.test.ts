// A large batch loads without per-row foreign-key checks and with the non-unique indexes of
// listings and snapshots built once at the end (pipeline.ts, deferSecondaryIndexes, on SQLite;
// PostgreSQL keeps its indexes, so readers are never locked out): after it, the schema, the
// foreign keys' enforcement and the references are exactly as before, and a later small batch
// (below the threshold) still loads through the ordinary path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { deferSecondaryIndexes } from '../../src/lib/server/db/dialect';
import { transaction } from '../../src/lib/server/db/run';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { runImport } from '../../src/lib/server/ingest/pipeline';
import { createTestDb, isPostgres } from '../fixtures/db';
import { sqlRows, sqlValue } from '../fixtures/sql';

const dir = mkdtempSync(join(tmpdir(), 'despro-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Db = ReturnType<typeof createTestDb>;

// The engine's own catalogue, so each engine's: every table, index, constraint and trigger with
// its definition; on PostgreSQL also whether each index is valid, each constraint validated and
// each trigger (the foreign keys' own among them) enabled.
const schema = (db: Db) =>
	isPostgres
		? sqlRows(
				db,
				`select 'index' as type, c.relname as name, t.relname as tbl, pg_get_indexdef(i.indexrelid) as def, i.indisvalid::text as state
				 from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
				 where n.nspname = current_schema()
				 union all select 'constraint', co.conname, t.relname, pg_get_constraintdef(co.oid), co.convalidated::text
				 from pg_constraint co join pg_class t on t.oid = co.conrelid join pg_namespace n on n.oid = t.relnamespace where n.nspname = current_schema()
				 union all select 'trigger', tg.tgname, t.relname, tg.tgfoid::regproc::text, tg.tgenabled::text
				 from pg_trigger tg join pg_class t on t.oid = tg.tgrelid join pg_namespace n on n.oid = t.relnamespace where n.nspname = current_schema()
				 order by 1, 3, 2, 4`
			)
		: sqlRows(db, "select type, name, tbl_name, sql from sqlite_master where type in ('index', 'trigger', 'table') order by name");

// SQLite checks foreign keys only when the connection says so, and a file can hold rows that
// break them, or be damaged: these checks say none of that happened. PostgreSQL always checks its
// foreign keys (valid and enabled: the schema above) and has no such pragmas.
async function expectSqliteIntact(db: Db): Promise<void> {
	if (isPostgres) return;
	expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
	expect(db.$client.pragma('foreign_key_check')).toEqual([]);
	expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
	// The rebuilt index answers queries (INDEXED BY fails when the index is missing).
	const byShop = await sqlValue<number>(db, 'select count(*) from listings indexed by listings_shop_idx where shop_id = (select min(id) from shops)');
	expect(byShop).toBeGreaterThan(0);
}

describe('a large batch', { timeout: 180_000 }, () => {
	test('leaves schema, foreign keys and references as they were; a rollback restores dropped indexes', async () => {
		const db = createTestDb();
		const before = await schema(db);
		// The catalogue read sees the indexes a large batch would touch.
		expect(before).toContainEqual(expect.objectContaining({ type: 'index', name: 'listings_shop_idx' }));
		const big = join(dir, 'big.csv');
		await writeGenericListings(big, 60_000);
		const s = await runImport(db, { fileName: 'big.csv', path: big }, { observedAt: '2025-06-02' });
		expect(s).toMatchObject({ status: 'done', rows: 60_000, inserted: 60_000, rejected: 0 });

		expect(await schema(db)).toEqual(before);
		await expectSqliteIntact(db);
		// Every listing's shop is there.
		expect(await sqlValue(db, 'select count(*) from listings l left join shops s on s.id = l.shop_id where l.shop_id is not null and s.id is null')).toBe(0);

		// A later small file of the same listings (different day) takes the ordinary path.
		const small = join(dir, 'small.csv');
		await writeGenericListings(small, 300);
		const again = await runImport(db, { fileName: 'small.csv', path: small }, { observedAt: '2025-06-09' });
		expect(again).toMatchObject({ status: 'done', rows: 300, inserted: 0, updated: 300 });
		expect(await schema(db)).toEqual(before);

		// Dropped inside a transaction that rolls back: the indexes are back.
		const rollback = new Error('roll back');
		await expect(
			transaction(db, async (tx) => {
				await deferSecondaryIndexes(tx, ['listings', 'listing_snapshots']);
				throw rollback;
			})
		).rejects.toBe(rollback);
		expect(await schema(db)).toEqual(before);
	});
});
