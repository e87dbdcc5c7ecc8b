// How queries run on either engine (run.ts): the same calls, the same answers, on SQLite in
// memory always and on PostgreSQL when TEST_POSTGRES_URL is set. The transaction cases are the
// ones a user meets: a form saved while another request reads must not show half a save, and a
// failed save must leave nothing behind.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../../../../tests/fixtures/db';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../../../../tests/fixtures/postgres';
import type { Db } from './index';
import { migratePostgres, openPostgres, type PgDb } from './postgres';
import { engineOf, exec, firstRow, inTransaction, preparedExec, preparedFirst, preparedRows, allRows, transaction } from './run';
import { meta } from './schema';

function engines(): Array<[string, () => Promise<{ db: Db; close(): Promise<void> }>]> {
	const list: Array<[string, () => Promise<{ db: Db; close(): Promise<void> }>]> = [
		['sqlite', async () => ({ db: createTestDb(), close: async () => {} })]
	];
	if (TEST_POSTGRES_URL) {
		list.push([
			'postgres',
			async () => {
				const fresh: FreshPostgres = await freshPostgresDatabase('run');
				await migratePostgres(fresh.url);
				const pgDb: PgDb = openPostgres(fresh.url);
				return {
					db: pgDb as unknown as Db,
					close: async () => {
						await pgDb.$client.end();
						await fresh.drop();
					}
				};
			}
		]);
	} else console.warn(NO_POSTGRES);
	return list;
}

const value = (db: Db, key: string) =>
	firstRow<{ value: string }>(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)));

describe.each(engines())('run.ts on %s', (name, open) => {
	let db: Db;
	let close: () => Promise<void>;
	beforeAll(async () => ({ db, close } = await open()));
	afterAll(() => close());

	test('engineOf tells the engine apart', () => {
		expect(engineOf(db)).toBe(name);
	});

	test('exec counts changed rows; rows and first read them back, from the builder and from sql templates', async () => {
		expect((await exec(db, db.insert(meta).values([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]))).changes).toBe(2);
		expect((await exec(db, db.update(meta).set({ value: '3' }).where(eq(meta.key, 'b')))).changes).toBe(1);
		expect(await allRows(db, db.select({ key: meta.key, value: meta.value }).from(meta).orderBy(meta.key))).toEqual([
			{ key: 'a', value: '1' },
			{ key: 'b', value: '3' }
		]);
		expect(await value(db, 'missing')).toBeUndefined();
		expect(await firstRow(db, sql<{ n: number }>`select count(*) as n from ${meta}`)).toEqual({ n: 2 });
		expect(await allRows(db, sql`select ${meta.key} as k from ${meta} where ${meta.value} = ${'3'}`)).toEqual([{ k: 'b' }]);
		expect((await exec(db, sql`delete from ${meta} where ${meta.key} in ('a', 'b')`)).changes).toBe(2);
	});

	test('a prepared query is built once per handle and takes its values at run time', async () => {
		const build = (d: Db) => d.select({ value: meta.value }).from(meta).where(eq(meta.key, sql.placeholder('key')));
		const insert = (d: Db) => d.insert(meta).values({ key: sql.placeholder('key'), value: sql.placeholder('value') });
		await preparedExec(db, 'run.test/insert', insert, { key: 'p1', value: 'x' });
		await preparedExec(db, 'run.test/insert', insert, { key: 'p2', value: 'y' });
		expect(await preparedFirst(db, 'run.test/value', build, { key: 'p2' })).toEqual({ value: 'y' });
		expect(await preparedRows(db, 'run.test/value', build, { key: 'p1' })).toEqual([{ value: 'x' }]);
		expect(await preparedFirst(db, 'run.test/value', build, { key: 'none' })).toBeUndefined();
	});

	test('a transaction commits what its body wrote, and a failing body leaves nothing', async () => {
		const result = await transaction(db, async (tx) => {
			expect(inTransaction(tx)).toBe(true);
			await exec(tx, tx.insert(meta).values({ key: 't1', value: 'kept' }));
			return 'done';
		});
		expect(result).toBe('done');
		expect(await value(db, 't1')).toEqual({ value: 'kept' });
		await expect(
			transaction(db, async (tx) => {
				await exec(tx, tx.insert(meta).values({ key: 't2', value: 'lost' }));
				throw new Error('save failed half way');
			})
		).rejects.toThrow('save failed half way');
		expect(await value(db, 't2')).toBeUndefined();
	});

	test('a transaction inside another joins it: one commit, or one rollback for both', async () => {
		await expect(
			transaction(db, async (tx) => {
				await transaction(tx, async (inner) => exec(inner, inner.insert(meta).values({ key: 'n1', value: 'inner' })));
				throw new Error('outer failed');
			})
		).rejects.toThrow('outer failed');
		expect(await value(db, 'n1')).toBeUndefined();
	});

	test('a reader running while a transaction is open sees the state before it, or after it: never half', async () => {
		await exec(db, db.insert(meta).values([{ key: 'x', value: '0' }, { key: 'y', value: '0' }]));
		let release!: () => void;
		const paused = new Promise<void>((resolve) => (release = resolve));
		let midway!: () => void;
		const reachedMidway = new Promise<void>((resolve) => (midway = resolve));
		const save = transaction(db, async (tx) => {
			await exec(tx, tx.update(meta).set({ value: '1' }).where(eq(meta.key, 'x')));
			midway();
			await paused; // another request's turn comes here
			await exec(tx, tx.update(meta).set({ value: '1' }).where(eq(meta.key, 'y')));
		});
		await reachedMidway;
		// One statement reads both rows: on PostgreSQL (read committed) two statements may each see
		// a different commit, which is no half save; one statement sees one moment on both engines.
		const read = allRows<{ key: string; value: string }>(db, db.select({ key: meta.key, value: meta.value }).from(meta).where(sql`${meta.key} in ('x', 'y')`));
		await new Promise((resolve) => setTimeout(resolve, 20));
		release();
		await save;
		const [x, y] = await read;
		expect(x.value).toBe(y.value);
	});

	test('two transactions at once both commit, one after the other', async () => {
		await Promise.all(
			['c1', 'c2', 'c3'].map((key) =>
				transaction(db, async (tx) => {
					await exec(tx, tx.insert(meta).values({ key, value: 'v' }));
					await new Promise((resolve) => setTimeout(resolve, 5));
					await exec(tx, tx.update(meta).set({ value: `${key}!` }).where(eq(meta.key, key)));
				})
			)
		);
		expect(await allRows(db, db.select({ value: meta.value }).from(meta).where(sql`${meta.key} like 'c%'`).orderBy(meta.key))).toEqual([
			{ value: 'c1!' },
			{ value: 'c2!' },
			{ value: 'c3!' }
		]);
	});
});
