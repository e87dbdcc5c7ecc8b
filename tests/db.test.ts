import { describe, expect, test } from 'vitest';
import { createTestDb, isPostgres } from './fixtures/db';

// SQLite only: sqlite_master and PRAGMA foreign_keys (the PostgreSQL schema is held by tests/db/schema-parity.test.ts).
describe('migrated database', () => {
	test('has the market tables, no unused full-text index, and foreign keys on', () => {
		const db = createTestDb();
		const client = db.$client;
		const tables = client
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.all()
			.map((r) => (r as { name: string }).name);
		for (const t of ['listings', 'listing_snapshots', 'reviews', 'products', 'producers', 'regions'])
			expect(tables).toContain(t);
		// Dropped by migration 0017: nothing read it, and every import paid to keep it.
		expect(tables.filter((t) => t.startsWith('listings_fts'))).toEqual([]);
		expect(client.prepare("select name from sqlite_master where type = 'trigger'").all()).toEqual([]);
		expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
	});
});
