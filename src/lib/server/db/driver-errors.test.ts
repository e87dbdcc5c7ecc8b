// The driver errors the app answers differently, produced for real on each engine: a lock held by
// another connection, and a unique key already taken. SQLite always; PostgreSQL when
// TEST_POSTGRES_URL is set (through drizzle's async path too, which wraps the driver's error).
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../../../../tests/fixtures/postgres';
import { isBusy } from './busy';
import { isLockConflict, isUniqueViolation } from './driver-errors';
import { openPostgres } from './postgres';

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected an error');
}

async function rejected(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected an error');
}

describe('SQLite', () => {
	const dir = mkdtempSync(join(tmpdir(), 'driver-errors-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('a phone number already taken is a unique violation, not a lock conflict', () => {
		const db = new Database(':memory:');
		db.exec('create table users (id integer primary key, phone text not null unique)');
		db.prepare('insert into users (phone) values (?)').run('6281234567890');
		const e = thrown(() => db.prepare('insert into users (phone) values (?)').run('6281234567890'));
		expect(isUniqueViolation(e)).toBe(true);
		expect(isLockConflict(e)).toBe(false);
		expect(isUniqueViolation(thrown(() => db.prepare('insert into users (id, phone) values (1, ?)').run('628111')))).toBe(true);
	});

	test('a write while another connection holds the write lock is a lock conflict (and busy), not a unique violation', () => {
		const file = join(dir, 'lock.db');
		const a = new Database(file);
		a.exec('create table t (x integer)');
		const b = new Database(file);
		b.pragma('busy_timeout = 0');
		a.exec('begin immediate');
		const e = thrown(() => b.prepare('insert into t values (1)').run());
		a.exec('rollback');
		expect(isLockConflict(e)).toBe(true);
		expect(isBusy(e)).toBe(true);
		expect(isUniqueViolation(e)).toBe(false);
		a.close();
		b.close();
	});

	test('other errors are neither', () => {
		const e = thrown(() => new Database(':memory:').prepare('select * from nowhere'));
		expect([isLockConflict(e), isUniqueViolation(e), isBusy(e)]).toEqual([false, false, false]);
		expect([isLockConflict(null), isUniqueViolation(undefined)]).toEqual([false, false]);
	});
});

describe.skipIf(!TEST_POSTGRES_URL)('PostgreSQL', () => {
	let fresh: FreshPostgres;
	beforeAll(async () => {
		fresh = await freshPostgresDatabase('driver_errors');
		const c = new pg.Client({ connectionString: fresh.url });
		await c.connect();
		await c.query('create table users (id integer primary key, phone text not null unique)');
		await c.query("insert into users values (1, '6281234567890')");
		await c.end();
	});
	afterAll(async () => fresh?.drop());

	test('a unique key already taken, from the driver and through drizzle (which wraps it)', async () => {
		const c = new pg.Client({ connectionString: fresh.url });
		await c.connect();
		const raw = await rejected(c.query("insert into users values (2, '6281234567890')"));
		await c.end();
		expect(isUniqueViolation(raw)).toBe(true);
		expect(isLockConflict(raw)).toBe(false);
		const db = openPostgres(fresh.url, 1);
		const wrapped = await rejected(db.execute(sql`insert into users values (1, '628999')`));
		await db.$client.end();
		expect(isUniqueViolation(wrapped)).toBe(true);
	});

	test('a row lock another transaction holds, met with NOWAIT, is a lock conflict', async () => {
		const a = new pg.Client({ connectionString: fresh.url });
		const b = new pg.Client({ connectionString: fresh.url });
		await Promise.all([a.connect(), b.connect()]);
		await a.query('begin');
		await a.query('select * from users where id = 1 for update');
		const e = await rejected(b.query('select * from users where id = 1 for update nowait'));
		await a.query('rollback');
		await Promise.all([a.end(), b.end()]);
		expect(isLockConflict(e)).toBe(true);
		expect(isBusy(e)).toBe(true);
		expect(isUniqueViolation(e)).toBe(false);
	});
});

test.skipIf(Boolean(TEST_POSTGRES_URL))('PostgreSQL half skipped', () => {
	console.info(NO_POSTGRES);
	expect(TEST_POSTGRES_URL).toBeUndefined();
});
