// Every piece of the dialect interface (types.ts), rendered by each implementation and run on
// its engine: SQLite in memory always, PostgreSQL when TEST_POSTGRES_URL is set. Both must give
// the same answers for the same inputs, read through drizzle's builder as a service would.
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { pgTable, text as pgText } from 'drizzle-orm/pg-core';
import { sqliteTable, text as sqliteText } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../../../../../tests/fixtures/postgres';
import { openPostgres, type PgDb } from '../postgres';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';
import type { SqlDialect, SqlValue } from './types';
import { firstRow, oneRow } from '../run';

/** A scratch table of two text inputs per row, the same on both engines. */
const liteInputs = sqliteTable('dialect_inputs', { id: sqliteText('id').primaryKey(), a: sqliteText('a'), b: sqliteText('b') });
const pgInputs = pgTable('dialect_inputs', { id: pgText('id').primaryKey(), a: pgText('a'), b: pgText('b') });

interface Case {
	id: string;
	a: string;
	b?: string;
	/** The piece applied to the row's columns a and b. */
	piece: (d: SqlDialect, a: SqlValue, b: SqlValue) => SQL;
	expected: number | string;
}

// Table-driven: a few inputs per piece, chosen where the engines could differ (fractions of a
// day, month and year ends, a leap day, negative spans, large and negative counters).
const CASES: Case[] = [
	{ id: 'days whole week', a: '2026-11-01', b: '2026-11-08', piece: (d, a, b) => d.daysBetween(a, b), expected: 7 },
	{ id: 'days half day', a: '2026-11-01', b: '2026-11-08T12:00:00.000Z', piece: (d, a, b) => d.daysBetween(a, b), expected: 7.5 },
	{ id: 'days backwards', a: '2026-03-01', b: '2026-02-27', piece: (d, a, b) => d.daysBetween(a, b), expected: -2 },
	{ id: 'days leap year', a: '2024-02-28', b: '2024-03-01', piece: (d, a, b) => d.daysBetween(a, b), expected: 2 },
	{ id: 'days across a year', a: '2025-12-29T06:00:00.000Z', b: '2026-01-05T18:00:00.000Z', piece: (d, a, b) => d.daysBetween(a, b), expected: 7.5 },
	{ id: 'days same instant', a: '2026-11-30T10:00:00.000Z', b: '2026-11-30T10:00:00.000Z', piece: (d, a, b) => d.daysBetween(a, b), expected: 0 },
	{ id: 'int small', a: '42', piece: (d, a) => d.textToInteger(a), expected: 42 },
	{ id: 'int zero', a: '0', piece: (d, a) => d.textToInteger(a), expected: 0 },
	{ id: 'int negative', a: '-17', piece: (d, a) => d.textToInteger(a), expected: -17 },
	{ id: 'int past 2^31', a: '3000000000', piece: (d, a) => d.textToInteger(a), expected: 3_000_000_000 },
	{ id: 'int counter plus one', a: '41', piece: (d, a) => sql`${d.textToInteger(a)} + 1`, expected: 42 },
	// A forecast's series key after its prefix: "season:12@2026-01-05" → "12@2026-01-05" → product 12.
	{ id: 'int leading digits', a: '12@2026-01-05', piece: (d, a) => d.textToInteger(a), expected: 12 },
	{ id: 'int no digits', a: 'abc', piece: (d, a) => d.textToInteger(a), expected: 0 },
	// Values exact in binary, so both engines round the same (4.35 is not: see types.ts).
	{ id: 'round up', a: '4.36', piece: (d, a) => d.roundTo(a, 1), expected: 4.4 },
	{ id: 'round half away from zero', a: '4.25', piece: (d, a) => d.roundTo(a, 1), expected: 4.3 },
	{ id: 'round negative half', a: '-1.25', piece: (d, a) => d.roundTo(a, 1), expected: -1.3 },
	{ id: 'round to whole', a: '2.5', piece: (d, a) => d.roundTo(a, 0), expected: 3 }
];

type Runner = (piece: (d: SqlDialect, a: SqlValue, b: SqlValue) => SQL, rowId: string) => Promise<unknown>;

function sqliteRunner(): { run: Runner; close(): void } {
	const client = new Database(':memory:');
	client.exec('create table dialect_inputs (id text primary key, a text, b text)');
	const insert = client.prepare('insert into dialect_inputs (id, a, b) values (?, ?, ?)');
	for (const c of CASES) insert.run(c.id, c.a, c.b ?? null);
	const db = drizzleSqlite(client);
	return {
		run: async (piece, rowId) => {
			const row = await firstRow(db, db
				.select({ v: piece(sqliteDialect, liteInputs.a, liteInputs.b).mapWith(Number) })
				.from(liteInputs)
				.where(sql`${liteInputs.id} = ${rowId}`));
			return row?.v;
		},
		close: () => client.close()
	};
}

function checkAll(engine: string, get: () => Runner) {
	test.each(CASES.map((c) => [c.id, c] as const))(`${engine}: %s`, async (_id, c) => {
		const value = await get()(c.piece, c.id);
		expect(typeof value).toBe('number');
		expect(value as number).toBeCloseTo(c.expected as number, 9);
	});

	test(`${engine}: nowIso is the current moment as ISO-8601 UTC text with milliseconds, as the schema stores it`, async () => {
		const before = Date.now();
		const text = await getText(engine);
		const after = Date.now();
		expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(new Date(text).toISOString()).toBe(text);
		expect(Date.parse(text)).toBeGreaterThanOrEqual(before - 2000);
		expect(Date.parse(text)).toBeLessThanOrEqual(after + 2000);
	});
}

const textReaders = new Map<string, () => Promise<string>>();
const getText = (engine: string) => textReaders.get(engine)!();

describe('SQLite (in memory)', () => {
	const lite = sqliteRunner();
	textReaders.set('sqlite', async () => (await oneRow<{ v: string }>(drizzleSqlite(new Database(':memory:')), sql`select ${sqliteDialect.nowIso()} as v`)).v);
	afterAll(() => lite.close());
	checkAll('sqlite', () => lite.run);
});

describe.skipIf(!TEST_POSTGRES_URL)('PostgreSQL', () => {
	let fresh: FreshPostgres;
	let db: PgDb;
	let run: Runner;

	beforeAll(async () => {
		fresh = await freshPostgresDatabase('dialect');
		// The app's own connection settings (openPostgres), so raw reads are checked as services would see them.
		db = openPostgres(fresh.url, 2);
		const pool = db.$client;
		await pool.query('create table dialect_inputs (id text primary key, a text, b text)');
		for (const c of CASES) await pool.query('insert into dialect_inputs (id, a, b) values ($1, $2, $3)', [c.id, c.a, c.b ?? null]);
		run = async (piece, rowId) => {
			const rows = await db
				.select({ v: piece(postgresDialect, pgInputs.a, pgInputs.b).mapWith(Number) })
				.from(pgInputs)
				.where(sql`${pgInputs.id} = ${rowId}`);
			return rows[0]?.v;
		};
		textReaders.set('postgresql', async () => {
			const { rows } = await db.execute<{ v: string }>(sql`select ${postgresDialect.nowIso()} as v`);
			return rows[0].v;
		});
	});
	afterAll(async () => {
		await db?.$client.end();
		await fresh?.drop();
	});
	checkAll('postgresql', () => run);

	test('a raw read (no mapWith) gives JS numbers too, as better-sqlite3 does', async () => {
		const { rows } = await db.execute<{ days: unknown; n: unknown }>(
			sql`select ${postgresDialect.daysBetween(sql`${'2026-11-01'}`, sql`${'2026-11-08T12:00:00.000Z'}`)} as days, ${postgresDialect.textToInteger(sql`${'42'}`)} as n`
		);
		expect(rows[0]).toEqual({ days: 7.5, n: 42 });
	});
});

test.skipIf(Boolean(TEST_POSTGRES_URL))('PostgreSQL half skipped', () => {
	console.info(NO_POSTGRES);
	expect(TEST_POSTGRES_URL).toBeUndefined();
});
