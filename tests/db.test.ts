import { describe, expect, test } from 'vitest';
import { createTestDb, isPostgres } from './fixtures/db';
import { sqlColumn, sqlExec } from './fixtures/sql';

// The catalog is the one engine-specific part (sqlite_master against information_schema); what is
// asserted of it is the same on both engines.
const tablesSql = isPostgres
	? 'select table_name as name from information_schema.tables where table_schema = current_schema() order by 1'
	: "select name from sqlite_master where type = 'table' order by name";
const triggersSql = isPostgres
	? 'select trigger_name as name from information_schema.triggers where trigger_schema = current_schema()'
	: "select name from sqlite_master where type = 'trigger'";

describe('migrated database', () => {
	test('has the market tables, no unused full-text index, and foreign keys on', async () => {
		const db = createTestDb();
		const tables = await sqlColumn<string>(db, tablesSql);
		for (const t of ['listings', 'listing_snapshots', 'reviews', 'products', 'producers', 'regions'])
			expect(tables).toContain(t);
		// Dropped by migration 0017: nothing read it, and every import paid to keep it.
		expect(tables.filter((t) => t.startsWith('listings_fts'))).toEqual([]);
		expect(await sqlColumn(db, triggersSql)).toEqual([]);
		// Foreign keys are enforced (SQLite only does so with PRAGMA foreign_keys on): a review of a
		// listing that does not exist is refused.
		const refused = await sqlExec(db, "insert into reviews (listing_id, reviewed_at, text) values (?, '2026-11-01', 'bagus')", 999_999).then(
			() => undefined,
			(e: Error) => e
		);
		// drizzle wraps the driver's error; the driver's own message names the broken constraint.
		expect((refused?.cause as Error | undefined)?.message).toMatch(/foreign key/i);
		expect(await sqlColumn(db, 'select count(*) from reviews')).toEqual([0]);
	});
});
