// roundTo on SQLite. SQLite rounds the double's exact binary value, half away from zero: 4.35 is
// stored as 4.3499999…, so it becomes 4.3. That is SQLite's own arithmetic, not the app's
// behaviour: PostgreSQL rounds a numeric, and sql-dialect.test.ts holds the cases both engines
// must agree on (4.36, 4.25, -1.25, 2.5).
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createTestDb, isPostgres } from '../../../../../tests/fixtures/db';
import { sqliteDialect } from './sqlite';
import { oneRow } from '../run';

// SQLite only: sqliteDialect's own SQL on SQLite's doubles; run on PostgreSQL it would test
// nothing of the app (PostgreSQL's roundTo is tested in sql-dialect.test.ts).
describe.skipIf(isPostgres)('roundTo (SQLite)', () => {
	const db = createTestDb();
	const round = async (x: number, digits: number) => (await oneRow<{ v: number }>(db, sql`select ${sqliteDialect.roundTo(sql`${x}`, digits)} as v`)).v;
	test.each([
		[4.36, 1, 4.4],
		[4.349, 1, 4.3],
		[4.35, 1, 4.3],
		[3, 1, 3],
		[4.25, 1, 4.3],
		[-1.25, 1, -1.3],
		[12345.678, 2, 12345.68]
	])('%d to %d decimals is %d', async (x, digits, expected) => {
		expect(await round(x, digits)).toBeCloseTo(expected, 9);
	});
});
