// The staging and scratch tables are created from hand-written DDL (staging.ts) and described for
// drizzle by hand (staging-schema.ts): the typed resolve and merge queries name columns from the
// description, so a column added to one and not the other must fail here, not mid-import.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from './index';
import { attachStaged, detachStaged } from './staging';
import { StageWriter } from './staging-file';
import { scratchTables, staged, stagingRejections } from './staging-schema';
import { allRows } from './run';

const dir = mkdtempSync(join(tmpdir(), 'despro-staging-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Column names as the database has them (rowid is SQLite's own, never declared). */
async function declared(db: ReturnType<typeof openDatabase>, schema: string, table: string): Promise<string[]> {
	return (await allRows<{ name: string }>(db, sql`select name from pragma_table_info(${table}, ${schema}) order by cid`)).map((c) => c.name);
}
const described = (t: SQLiteTable) => Object.values(getTableColumns(t)).map((c) => c.name).filter((n) => n !== 'rowid');

describe('staging files', () => {
	test('the staged rows, the rejections and every scratch table have exactly the columns staging-schema.ts names', async () => {
		const part = join(dir, 'part.db');
		const writer = new StageWriter(part);
		writer.columns('reviews', true);
		writer.finish();
		const db = openDatabase(':memory:');
		attachStaged(db, [part], join(dir, 'scratch.db'));
		try {
			expect((await declared(db, 'p0', 'rows')).sort()).toEqual(described(staged).sort());
			expect((await declared(db, 'temp', 'staged')).sort()).toEqual(described(staged).sort());
			expect((await declared(db, 'p0', 'rejections')).sort()).toEqual(described(stagingRejections).sort());
			for (const t of scratchTables) expect((await declared(db, 'r', getTableName(t))).sort(), getTableName(t)).toEqual(described(t).sort());
		} finally {
			detachStaged(db, 1);
		}
		// Detached: the connection no longer sees the staging or scratch file.
		const attached = (await allRows<{ name: string }>(db, sql`select name from pragma_database_list`)).map((d) => d.name);
		expect(attached).not.toContain('p0');
		expect(attached).not.toContain('r');
	});
});
