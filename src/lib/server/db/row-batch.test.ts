// Batched refresh writes (row-batch.ts) leave the same rows as one statement per row would, on
// both engines: a product's old rows cleared before its new ones even when a batch of inserts is
// sent before the explicit flush, a repeated upsert or update keeps the last values, and nothing
// is lost at a batch boundary. A wrong order here is a dashboard with no competitors after a refresh.
import { asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bothEngines, type OpenedDb } from '../../../../tests/fixtures/engines';
import { allRows, exec, firstRow, transaction } from './run';
import { batchedDelete, batchedInsert, batchedUpdate, flushAll } from './row-batch';
import { meta } from './schema';

const AT = '2026-11-30T00:00:00.000Z';
const count = async (o: OpenedDb, prefix: string) =>
	(await firstRow<{ n: number }>(o.db, o.db.select({ n: sql<number>`count(*)` }).from(meta).where(like(meta.key, `${prefix}%`))))!.n;

describe.each(bothEngines('rowbatch'))('row-batch on %s', (_engine, open) => {
	let o: OpenedDb;
	beforeAll(async () => {
		o = await open();
	});
	afterAll(async () => o?.close());

	test('5,000 rows, more than two batches, all arrive once', async () => {
		await transaction(o.db, async (tx) => {
			const ins = batchedInsert(tx, 'test/plain', meta, ['key', 'value', 'updatedAt']);
			for (let i = 0; i < 5000; i++) await ins.add({ key: `plain:${i}`, value: String(i), updatedAt: AT });
			await ins.flush();
		});
		expect(await count(o, 'plain:')).toBe(5000);
		expect((await firstRow(o.db, o.db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'plain:4999'))))?.value).toBe('4999');
	});

	test('a clear before new rows runs first, also when a full batch of inserts goes out before the flush', async () => {
		// Old rows of "product" 7: their value marks them.
		for (let i = 0; i < 3; i++) await exec(o.db, o.db.insert(meta).values({ key: `old:${i}`, value: 'p7', updatedAt: AT }));
		await transaction(o.db, async (tx) => {
			const del = batchedDelete(tx, 'test/clear', meta, 'value');
			const ins = batchedInsert(tx, 'test/after-clear', meta, ['key', 'value', 'updatedAt'], { after: [del] });
			await del.add('p7');
			for (let i = 0; i < 2500; i++) await ins.add({ key: `new:${i}`, value: 'p7', updatedAt: AT });
			await flushAll(del, ins);
		});
		expect(await count(o, 'old:')).toBe(0);
		expect(await count(o, 'new:')).toBe(2500);
	});

	test('an upsert or an update named twice keeps the last values', async () => {
		await transaction(o.db, async (tx) => {
			const up = batchedInsert(tx, 'test/upsert', meta, ['key', 'value', 'updatedAt'], { upsert: { target: ['key'], update: ['value'] } });
			await up.add({ key: 'twice', value: 'first', updatedAt: AT });
			await up.add({ key: 'other', value: 'kept', updatedAt: AT });
			await up.add({ key: 'twice', value: 'second', updatedAt: AT });
			await up.flush();
			const set = batchedUpdate(tx, 'test/update', meta, 'key', ['value']);
			await set.add({ key: 'other', value: 'x' });
			await set.add({ key: 'other', value: 'y' });
			await set.flush();
		});
		expect(await allRows(o.db, o.db.select({ key: meta.key, value: meta.value }).from(meta).where(sql`${meta.key} in ('twice', 'other')`).orderBy(asc(meta.key)))).toEqual([
			{ key: 'other', value: 'y' },
			{ key: 'twice', value: 'second' }
		]);
	});
});
