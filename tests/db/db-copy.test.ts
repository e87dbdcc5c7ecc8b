// `npm run db:copy`: a demo install in a SQLite file (and its sign-in file) moved to PostgreSQL
// reads back the same, row for row, through the two drizzle schemas; a second copy into the same
// target is refused; a copy that fails part-way leaves the target without rows. Needs
// TEST_POSTGRES_URL (each test makes and drops its own databases); skipped without it.
import Database from 'better-sqlite3';
import { asc, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authDatabasePath, authDb, closeAuthDb } from '../../src/lib/server/db/auth-db';
import * as authSchemaPg from '../../src/lib/server/db/auth-schema.pg';
import * as authSchema from '../../src/lib/server/db/auth-schema';
import { CopyError, copySqliteToPostgres, type CopyResult } from '../../src/lib/server/db/copy-to-postgres';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/index';
import { openPostgres, type PgDb } from '../../src/lib/server/db/postgres';
import * as schemaPg from '../../src/lib/server/db/schema.pg';
import * as schema from '../../src/lib/server/db/schema';
import { seedDemoBoms } from '../../src/lib/server/demo/bom';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';
import { allRows } from '../../src/lib/server/db/run';

const END = '2026-11-23';

const entries = (modules: object): [string, unknown][] => Object.entries(modules as Record<string, unknown>);
const sqliteTables = entries({ ...schema, ...authSchema }).filter((e): e is [string, SQLiteTable] => is(e[1], SQLiteTable));
const pgTables = new Map(entries({ ...schemaPg, ...authSchemaPg }).filter((e): e is [string, PgTable] => is(e[1], PgTable)));
const AUTH_KEYS = new Set(Object.keys(authSchema));

/** The columns to order a table's rows by: its primary key, else every column. */
function orderColumns(table: SQLiteTable): string[] {
	const config = sqliteTableConfig(table);
	const pk = config.columns.filter((c) => c.primary).map((c) => c.name);
	if (pk.length) return pk;
	if (config.primaryKeys[0]) return config.primaryKeys[0].columns.map((c) => c.name);
	return config.columns.map((c) => c.name);
}

function copyInstall(dir: string, name: string, source: string): string {
	const to = join(dir, `${name}.db`);
	copyFileSync(source, to);
	copyFileSync(authDatabasePath(source), authDatabasePath(to));
	return to;
}

async function tableCounts(url: string): Promise<Record<string, number>> {
	const db = openPostgres(url, 1);
	try {
		const out: Record<string, number> = {};
		for (const table of pgTables.values()) {
			const name = pgTableConfig(table).name;
			const { rows } = await db.$client.query(`select count(*) as n from "${name}"`);
			out[name] = rows[0].n;
		}
		return out;
	} finally {
		await db.$client.end();
	}
}

describe.skipIf(!TEST_POSTGRES_URL)('db:copy from SQLite to PostgreSQL', () => {
	let dir: string;
	let source: string;
	let target: FreshPostgres;
	let result: CopyResult;
	const dropLater: FreshPostgres[] = [];

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'despro-copy-'));
		source = join(dir, 'despro.db');
		const db = openDatabase(source);
		migrateDatabase(db);
		await seedDemoMarket(db, { seed: 5, endDate: END, listings: 2500, now: '2026-11-23T00:00:00.000Z' });
		await analyzeStoredReviews(db);
		await refreshDerived(db);
		// The co-ops' bills of materials, as npm start adds them to a demo database.
		await seedDemoBoms(db);
		// Sign-in state lives in the file beside it: a session, a failed sign-in and a known device.
		const auth = authDb(db).$client;
		auth.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)').run('a'.repeat(64), 1, '2026-12-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z');
		auth.prepare('insert into login_attempts (key, at) values (?, ?)').run('phone:6281234567890', '2026-11-23T01:00:00.000Z');
		auth.prepare('insert into known_devices (token_hash, user_id, last_seen_at) values (?, ?, ?)').run('b'.repeat(64), 1, '2026-11-23T00:00:00.000Z');
		// A row with a boolean set and a real number, in a table the demo leaves empty.
		db.$client
			.prepare("insert into feeds (name, url, every_seconds, allow_private, created_at, next_run_at) values ('Pasar kopi', 'https://example.org/kopi.csv', 604800, 1, ?, ?)")
			.run('2026-11-20T00:00:00.000Z', '2026-11-27T00:00:00.000Z');
		closeAuthDb(db);
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		db.$client.close();

		target = await freshPostgresDatabase('copy');
		result = await copySqliteToPostgres({ from: source, to: target.url });
	}, 600_000);

	afterAll(async () => {
		for (const d of [target, ...dropLater]) await d?.drop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	test('every table is copied, the sign-in tables from the file beside the main one', () => {
		expect(result.tables.map((t) => t.table).sort()).toEqual([...pgTables.values()].map((t) => pgTableConfig(t).name).sort());
		const rows = Object.fromEntries(result.tables.map((t) => [t.table, t.rows]));
		expect(rows.listings).toBe(2500);
		expect(rows.listing_snapshots).toBeGreaterThan(10_000);
		expect(rows.product_market).toBeGreaterThan(0);
		expect(rows.sessions).toBe(1);
		expect(result.tables.find((t) => t.table === 'sessions')!.source).toBe('auth');
	});

	test('every table reads back the same rows, in primary-key order, through the two drizzle schemas', async () => {
		const lite = new Database(source, { readonly: true });
		const liteAuth = new Database(authDatabasePath(source), { readonly: true });
		const pgDb: PgDb = openPostgres(target.url, 1);
		try {
			for (const [key, table] of sqliteTables) {
				const order = orderColumns(table);
				const client = AUTH_KEYS.has(key) ? liteAuth : lite;
				const liteCols = sqliteTableConfig(table).columns;
				const liteRows = await allRows(drizzle(client), drizzle(client)
					.select()
					.from(table)
					.orderBy(...order.map((n) => asc(liteCols.find((c) => c.name === n) as SQLiteColumn))));
				const pgTable = pgTables.get(key)!;
				const pgCols = pgTableConfig(pgTable).columns;
				const pgRows = await pgDb
					.select()
					.from(pgTable)
					.orderBy(...order.map((n) => asc(pgCols.find((c) => c.name === n)!)));
				expect(pgRows.length, `${key}: row count`).toBe(liteRows.length);
				const firstDiff = liteRows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(pgRows[i]));
				if (firstDiff >= 0) expect(pgRows[firstDiff], `${key}: row ${firstDiff}`).toEqual(liteRows[firstDiff]);
				expect(firstDiff, key).toBe(-1);
			}
		} finally {
			lite.close();
			liteAuth.close();
			await pgDb.$client.end();
		}
	});

	test('a bill of materials reads in the order it was typed on both engines (its position column)', async () => {
		const lite = new Database(source, { readonly: true });
		const typed = lite.prepare('select product_id, material from bill_of_materials order by product_id, position').raw().all();
		// The position is the order the rows were written in (saveBom numbers them as typed).
		expect(lite.prepare('select product_id, material from bill_of_materials order by product_id, rowid').raw().all()).toEqual(typed);
		lite.close();
		const pgDb = openPostgres(target.url, 1);
		try {
			const { rows } = await pgDb.$client.query({ text: 'select product_id, material from bill_of_materials order by product_id, position', rowMode: 'array' });
			expect(typed.length).toBeGreaterThan(10);
			// Typed order is not key order here, so a copy in key order would be caught.
			const byKey = [...(typed as [number, string][])].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
			expect(typed).not.toEqual(byKey);
			expect(rows).toEqual(typed);
		} finally {
			await pgDb.$client.end();
		}
	});

	test('new rows on PostgreSQL take ids after the copied ones', async () => {
		const pgDb = openPostgres(target.url, 1);
		try {
			const [{ maxId }] = (await pgDb.$client.query('select max(id) as "maxId" from feeds')).rows;
			const [feed] = await pgDb
				.insert(schemaPg.feeds)
				.values({ name: 'Pasar batik', url: 'https://example.org/batik.csv', everySeconds: 604800, createdAt: '2026-11-24T00:00:00.000Z', nextRunAt: '2026-12-01T00:00:00.000Z' })
				.returning({ id: schemaPg.feeds.id });
			expect(feed.id).toBe(maxId + 1);
			const [attempt] = await pgDb.insert(authSchemaPg.loginAttempts).values({ key: 'ip:10.0.0.1', at: '2026-11-24T00:00:00.000Z' }).returning({ id: authSchemaPg.loginAttempts.id });
			expect(attempt.id).toBe(2);
		} finally {
			await pgDb.$client.end();
		}
	});

	test('a second copy into the same database is refused and changes nothing', async () => {
		const before = await tableCounts(target.url);
		const err = await copySqliteToPostgres({ from: source, to: target.url }).catch((e) => e);
		expect(err).toBeInstanceOf(CopyError);
		expect(err.message).toContain('sudah berisi data');
		expect(err.message).toContain('already holds data');
		expect(await tableCounts(target.url)).toEqual(before);
	});

	test('the command says so and exits 1', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', source, '--to', target.url], { encoding: 'utf8', timeout: 120_000 });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('Basis data tujuan sudah berisi data');
		expect(run.stderr).not.toContain(new URL(target.url).password || '\u0000');
	});

	test('a wrong command exits 2 with the usage', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', source, '--to', './elsewhere.db'], { encoding: 'utf8', timeout: 120_000 });
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('postgres://');
	});

	test('a copy that fails part-way leaves the target without rows', async () => {
		// A review aspect of a review that does not exist: SQLite took it with foreign keys off;
		// PostgreSQL refuses it after the big tables (snapshots, reviews) are already in.
		const broken = copyInstall(dir, 'broken', source);
		const db = new Database(broken);
		db.pragma('foreign_keys = OFF');
		db.prepare("insert into review_aspects (review_id, aspect, polarity, score, clause) values (999999999, 'harga', 'negative', -0.5, 'kemahalan')").run();
		db.close();
		const fresh = await freshPostgresDatabase('copy_broken');
		dropLater.push(fresh);
		const progress: string[] = [];
		const err = await copySqliteToPostgres({ from: broken, to: fresh.url, onProgress: (p) => progress.push(p.table) }).catch((e) => e);
		expect(err).toBeInstanceOf(CopyError);
		expect(err.message).toContain('review_aspects');
		expect(progress).toContain('listing_snapshots');
		const counts = await tableCounts(fresh.url);
		expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
		expect(Object.keys(counts)).toContain('listings');
	});
});

test.skipIf(Boolean(TEST_POSTGRES_URL))('db:copy tests skipped', () => {
	console.info(NO_POSTGRES);
	expect(TEST_POSTGRES_URL).toBeUndefined();
});
