import { describe, expect, test } from 'vitest';
import { createTestDb } from './fixtures/db';

describe('migrated database', () => {
	test('has the market tables and a working title search index', () => {
		const db = createTestDb();
		const client = db.$client;
		const tables = client
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.all()
			.map((r) => (r as { name: string }).name);
		for (const t of ['listings', 'listing_snapshots', 'reviews', 'products', 'producers', 'regions', 'listings_fts'])
			expect(tables).toContain(t);
		client.prepare("insert into marketplaces (id, name) values ('shopee', 'Shopee')").run();
		const insert = client.prepare(
			"insert into listings (marketplace_id, external_id, title, price, first_seen_at, last_seen_at) values ('shopee', ?, ?, 1000, '2026-01-01', '2026-01-01')"
		);
		insert.run('a', 'Kopi Robusta Temanggung 250 gr');
		insert.run('b', 'Gerabah Pot Tanah Liat');
		const hit = client.prepare("select rowid from listings_fts where listings_fts match 'robusta'").all();
		expect(hit).toHaveLength(1);
		client.prepare("update listings set title = 'Kopi Arabika' where external_id = 'a'").run();
		expect(client.prepare("select rowid from listings_fts where listings_fts match 'robusta'").all()).toHaveLength(0);
		expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
	});
});
