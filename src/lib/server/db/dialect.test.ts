// The bulk-load pieces of the db layer (dialect.ts) and the import's staged tables (staging.ts) on
// each engine: SQLite in memory always, PostgreSQL when TEST_POSTGRES_URL is set. The same calls
// must give the same answers where the import relies on them (the next listing id, with or
// without rows written under explicit ids; a table's size), and each engine's own behaviour where
// they differ on purpose (secondary indexes are deferred on SQLite only).
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../../../../tests/fixtures/postgres';
import { deferSecondaryIndexes, nextListingId, rowsHighWater } from './dialect';
import { migrateDatabase, openDatabase, type Db } from './index';
import { migratePostgres, openPostgres, type PgDb } from './postgres';
import { allRows, exec, transaction } from './run';
import { listings } from './schema';
import { createWalk, dropWalk, loadStagedPostgres } from './staging';
import { StageWriter } from './staging-file';
import { scratchTables, scratchWalk, staged, stagingRejections } from './staging-schema';
import { getTableColumns, getTableName } from 'drizzle-orm';

const dir = mkdtempSync(join(tmpdir(), 'despro-dialect-test-'));

type Engine = { name: string; db: () => Db; analyse: (db: Db) => Promise<void>; indexes: (db: Db) => Promise<string[]> };

let pgFresh: FreshPostgres | undefined;
let pg: PgDb | undefined;
let lite: Db;

beforeAll(async () => {
	lite = openDatabase(':memory:');
	migrateDatabase(lite);
	if (TEST_POSTGRES_URL) {
		pgFresh = await freshPostgresDatabase('dialect');
		await migratePostgres(pgFresh.url);
		pg = openPostgres(pgFresh.url);
	}
}, 120_000);

afterAll(async () => {
	await pg?.$client.end();
	await pgFresh?.drop();
	rmSync(dir, { recursive: true, force: true });
});

const engines: Engine[] = [
	{
		name: 'SQLite',
		db: () => lite,
		analyse: async () => {},
		indexes: async (db) => (await allRows<{ name: string }>(db, sql`select name from sqlite_master where type = 'index' and tbl_name = 'listings' and sql is not null and sql not like 'CREATE UNIQUE%' order by name`)).map((r) => r.name)
	},
	{
		name: 'PostgreSQL',
		db: () => pg as unknown as Db,
		analyse: async (db) => void (await exec(db, sql`analyze listings`)),
		indexes: async (db) => (await allRows<{ name: string }>(db, sql`select indexname as name from pg_indexes where tablename = 'listings' and indexdef not like '%UNIQUE%' order by indexname`)).map((r) => r.name)
	}
];

const addListing = (db: Db, id?: number) =>
	exec(
		db,
		id === undefined
			? sql`insert into listings (marketplace_id, external_id, title, price, first_seen_at, last_seen_at) values ('tokopedia', ${`k${Math.random()}`}, 'Kopi', 1000, '2025-01-01', '2025-01-01')`
			: sql`insert into listings (id, marketplace_id, external_id, title, price, first_seen_at, last_seen_at) values (${id}, 'tokopedia', ${`k${id}`}, 'Kopi', 1000, '2025-01-01', '2025-01-01')`
	);

describe.each(engines)('bulk-load pieces on $name', (engine) => {
	const skip = engine.name === 'PostgreSQL' && !TEST_POSTGRES_URL;

	test.skipIf(skip)(`the next listing id follows the rows, also after rows written with explicit ids ${skip ? `(${NO_POSTGRES})` : ''}`, async () => {
		const db = engine.db();
		await exec(db, sql`insert into marketplaces (id, name) values ('tokopedia', 'Tokopedia')`);
		expect(await rowsHighWater(db, listings)).toBe(0);
		expect(await nextListingId(db)).toBe(1);
		await addListing(db);
		await addListing(db);
		await addListing(db);
		expect(await nextListingId(db)).toBe(4);
		await engine.analyse(db);
		expect(await rowsHighWater(db, listings)).toBe(3);
		// An explicit id past the counter (a copy, a seed): the next id comes after it, and so does the next insert's.
		await addListing(db, 10);
		expect(await nextListingId(db)).toBe(11);
		await addListing(db);
		const ids = (await allRows<{ id: number }>(db, sql`select id from listings order by id`)).map((r) => r.id);
		expect(ids).toEqual([1, 2, 3, 10, 11]);
	});

	test.skipIf(skip)('secondary indexes: dropped and rebuilt inside the merge on SQLite, left in place on PostgreSQL (readers would wait)', async () => {
		const db = engine.db();
		const before = await engine.indexes(db);
		expect(before.length).toBeGreaterThan(0);
		await transaction(db, async (tx) => {
			const restore = await deferSecondaryIndexes(tx, ['listings']);
			expect(await engine.indexes(tx)).toEqual(engine.name === 'SQLite' ? [] : before);
			await restore();
		});
		expect(await engine.indexes(db)).toEqual(before);
	});
});

const described = (t: (typeof scratchTables)[number] | typeof staged | typeof stagingRejections | typeof scratchWalk) =>
	Object.values(getTableColumns(t))
		.map((c) => c.name)
		.filter((n) => n !== 'rowid')
		.sort();

describe.skipIf(!TEST_POSTGRES_URL)(`staged rows on PostgreSQL ${TEST_POSTGRES_URL ? '' : `(${NO_POSTGRES})`}`, () => {
	test('a staging file is copied into temporary tables with the columns staging-schema.ts names, in file order, gone after the transaction', async () => {
		const part = join(dir, 'part.db');
		const writer = new StageWriter(part);
		writer.columns('reviews', true);
		const row = (seq: number, key: string) => [seq, 'tokopedia', key, null, 'Kopi', 'kopi', null, null, null, null, 1000, null, 5, 1, null, 4.5, 2, null, 250, 'g', 'mass', null, '2025-01-01', 'Tokopedia', null, null, 1, 'r1', null, 5, 'enak', 'raw'];
		writer.add(row(3, 'b'));
		writer.add(row(1, 'a'));
		writer.rejection(2, 2, 'price', 'Harga tidak terbaca', 'Unreadable price', 'x,y');
		writer.finish();
		// One connection: what the transaction left behind would be seen by the next statement.
		const one = openPostgres(pgFresh!.url, 1);
		const db = one as unknown as Db;
		const columns = (table: string) =>
			allRows<{ name: string }>(db, sql`select attname as name from pg_attribute where attrelid = to_regclass(${`pg_temp.${table}`}) and attnum > 0 and not attisdropped order by attname`);
		await transaction(db, async (tx) => {
			expect(await loadStagedPostgres(tx, [part])).toBe(2);
			const names = async (table: string) => (await allRows<{ name: string }>(tx, sql`select attname as name from pg_attribute where attrelid = to_regclass(${`pg_temp.${table}`}) and attnum > 0 and not attisdropped order by attname`)).map((r) => r.name).filter((n) => n !== 'rowid');
			expect(await names('staged')).toEqual(described(staged));
			expect((await names('rejections')).filter((n) => n !== 'part')).toEqual(described(stagingRejections));
			for (const t of scratchTables) expect(await names(getTableName(t)), getTableName(t)).toEqual(described(t));
			// Booleans and whole numbers as the main tables want them; the walk numbered in its order.
			expect(await allRows(tx, sql`select seq, sold_lb, price, rating from staged order by seq`)).toEqual([
				{ seq: 1, sold_lb: true, price: 1000, rating: 4.5 },
				{ seq: 3, sold_lb: true, price: 1000, rating: 4.5 }
			]);
			await createWalk(tx, { columns: sql`${staged.seq}, ${staged.key}`, from: sql`${staged}`, orderBy: sql`${staged.key} desc` });
			expect(await allRows(tx, sql`select rowid, key from walk order by rowid`)).toEqual([
				{ rowid: 1, key: 'b' },
				{ rowid: 2, key: 'a' }
			]);
			await dropWalk(tx);
			expect(await allRows(tx, sql`select part, line, reason_id from rejections`)).toEqual([{ part: 0, line: 2, reason_id: 'Harga tidak terbaca' }]);
		});
		// ON COMMIT DROP: nothing is left on the connection for the next import.
		expect(await columns('staged')).toEqual([]);
		await one.$client.end();
	});
});
