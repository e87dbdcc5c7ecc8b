// An import holds the main database's write lock only for its merge: while it reads, checks and
// stages rows, other connections write as usual (on the row-by-row loader they waited, or failed
// with SQLITE_BUSY, from the batch's first row to its last). The merge is reported (lockMs).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { runImport } from '../../src/lib/server/ingest/pipeline';

const dir = mkdtempSync(join(tmpdir(), 'despro-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the write lock during an import', { timeout: 120_000 }, () => {
	test('other connections write while the rows are read; the lock is held only for the merge', async () => {
		const path = join(dir, 'lock.db');
		const db = openDatabase(path);
		migrateDatabase(db);
		const file = join(dir, 'rows.csv');
		await writeGenericListings(file, 20_000);
		// The server's connection: it never waits for a lock.
		const other = new Database(path);
		other.pragma('busy_timeout = 0');
		const writes: { phase: string; ok: boolean }[] = [];
		const summary = await runImport(
			db,
			{ fileName: 'rows.csv', path: file },
			{
				observedAt: '2025-06-02',
				progressEveryMs: 0,
				onProgress: (p) => {
					if (p.phase !== 'membaca' || writes.length >= 5) return;
					try {
						other.prepare("insert into meta (key, value) values (?, 'x')").run(`probe-${writes.length}`);
						writes.push({ phase: p.phase, ok: true });
					} catch (e) {
						writes.push({ phase: p.phase, ok: !String((e as { code?: string }).code).startsWith('SQLITE_BUSY') });
					}
				}
			}
		);
		expect(summary).toMatchObject({ status: 'done', inserted: 20_000 });
		// Asked several times while rows were being read (rows > 0): every write went through.
		expect(writes.length).toBeGreaterThanOrEqual(3);
		expect(writes.every((w) => w.ok)).toBe(true);
		expect(other.prepare("select count(*) from meta where key like 'probe-%'").pluck().get()).toBe(writes.length);
		expect(summary.lockMs).toBeGreaterThan(0);
		other.close();
		db.$client.close();
	});
});
