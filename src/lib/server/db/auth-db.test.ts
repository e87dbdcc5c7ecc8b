import Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createSession, validateSession } from '../auth/session';
import { recordFailure } from '../auth/rate-limit';
import { migrateDatabase, openDatabase } from './index';
import { authDatabasePath, authDb } from './auth-db';

const dir = mkdtempSync(join(tmpdir(), 'despro-authdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function addUser(db: ReturnType<typeof openDatabase>): number {
	return Number(
		db.$client
			.prepare("insert into users (phone, password_hash, role, name, created_at) values ('6281200000001', 'x', 'admin', 'Admin', '2025-01-01')")
			.run().lastInsertRowid
	);
}

describe('sign-in state in its own file', () => {
	test('a file database keeps sessions and failed sign-ins beside it, not in itself', async () => {
		const path = join(dir, 'pasar.db');
		const db = openDatabase(path);
		migrateDatabase(db);
		expect(authDatabasePath(path)).toBe(join(dir, 'pasar-auth.db'));
		const userId = addUser(db);
		const { token } = await createSession(db, userId);
		await recordFailure(db, { phone: '6281200000009', address: '10.0.0.1', device: null });
		expect(existsSync(join(dir, 'pasar-auth.db'))).toBe(true);
		const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").pluck().all();
		expect(tables).not.toContain('sessions');
		expect(authDb(db).$client.prepare('select count(*) from login_attempts').pluck().get()).toBe(3);
		expect((await validateSession(db, token))?.user).toMatchObject({ id: userId, role: 'admin' });
	});

	test('signing in does not wait while another connection holds the main file’s write lock', async () => {
		const path = join(dir, 'locked.db');
		const db = openDatabase(path);
		migrateDatabase(db);
		const userId = addUser(db);
		db.$client.pragma('busy_timeout = 0');
		authDb(db).$client.pragma('busy_timeout = 0');
		const importer = new Database(path);
		importer.exec('BEGIN IMMEDIATE');
		importer.prepare("insert into marketplaces (id, name) values ('x', 'X')").run();
		try {
			// On one file this threw SQLITE_BUSY (after 5 s with the old busy_timeout).
			const { token } = await createSession(db, userId);
			expect((await validateSession(db, token))?.user.id).toBe(userId);
			expect(() => db.$client.prepare("insert into marketplaces (id, name) values ('y', 'Y')").run()).toThrow(/locked|busy/i);
		} finally {
			importer.exec('ROLLBACK');
			importer.close();
		}
	});

	test('an install from before the split keeps its sessions: they move to the auth file on upgrade', () => {
		// The migrations as they were before the split (0000–0012).
		const old = join(dir, 'old-migrations');
		cpSync(resolve('drizzle'), old, { recursive: true });
		for (const f of ['0013_auth_split.sql']) rmSync(join(old, f));
		const journalPath = join(old, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0013');
		writeFileSync(journalPath, JSON.stringify(journal));

		const path = join(dir, 'upgraded.db');
		const before = openDatabase(path);
		migrate(before, { migrationsFolder: old });
		const userId = addUser(before);
		before.$client
			.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)')
			.run('a'.repeat(64), userId, '2999-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
		before.$client.prepare("insert into known_devices (token_hash, user_id, last_seen_at) values ('d', ?, '2025-01-01')").run(userId);
		before.$client.close();

		const db = openDatabase(path);
		migrateDatabase(db);
		const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").pluck().all();
		expect(tables).not.toContain('sessions');
		expect(authDb(db).$client.prepare('select id, user_id as userId from sessions').all()).toEqual([{ id: 'a'.repeat(64), userId }]);
		expect(authDb(db).$client.prepare('select count(*) from known_devices').pluck().get()).toBe(1);
	});
});
