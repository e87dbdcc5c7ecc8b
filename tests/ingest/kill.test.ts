// A process killed with SIGKILL in the middle of an import leaves the database exactly as it
// was, whether it was reading and staging rows or merging them (the merge is one transaction),
// reads keep working while the import runs, and running the same import again completes it (and
// removes the killed import's staging files).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { loadRegions } from '../../src/lib/server/db/regions';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { importPath } from '../../src/lib/server/write/imports';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'despro-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = ['marketplaces', 'categories', 'shops', 'listings', 'listing_snapshots', 'reviews', 'import_batches', 'import_rejections', 'category_weekly_demand'];

/** Row counts and a hash of every row of the tables an import writes. */
function state(path: string) {
	const db = new Database(path, { readonly: true });
	const counts: Record<string, number> = {};
	const hash = createHash('sha256');
	for (const t of TABLES) {
		counts[t] = db.prepare(`select count(*) from ${t}`).pluck().get() as number;
		for (const row of db.prepare(`select * from ${t} order by 1, 2`).raw().iterate()) hash.update(JSON.stringify(row));
	}
	db.close();
	return { counts, hash: hash.digest('hex') };
}

function runCli(file: string, dbPath: string) {
	return spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/import.ts'), file, '--observed-at', '2025-05-05'], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: dbPath },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

describe('an import killed half-way', { timeout: 240_000 }, () => {
	test('leaves the database unchanged; reads work meanwhile; running it again completes', async () => {
		const dbPath = join(dir, 'kill.db');
		// A database with data in it already.
		const db = openDatabase(dbPath);
		migrateDatabase(db);
		await loadRegions(db);
		const small = join(dir, 'small.csv');
		await writeGenericListings(small, 500, { startId: 10_000_000 });
		await importPath(db, small, { observedAt: '2025-04-28' });
		db.$client.close();
		const before = state(dbPath);
		expect(before.counts.listings).toBe(500);

		const big = join(dir, 'big.csv');
		const ROWS = 120_000;
		await writeGenericListings(big, ROWS);
		const child = runCli(big, dbPath);
		let stderr = '';
		await new Promise<void>((resolveProgress, reject) => {
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
				// Kill once it has reported progress past the first rows, i.e. mid-way through the batch.
				const reported = [...stderr.matchAll(/impor: (\d+) baris/g)].map((m) => Number(m[1]));
				if (reported.some((n) => n > 2000)) resolveProgress();
			});
			child.on('exit', (code) => reject(new Error(`import ended before it could be killed (${code}):\n${stderr}`)));
		});
		// Reads on another connection work during the import and see the last committed state.
		const reader = new Database(dbPath, { readonly: true });
		expect(reader.prepare('select count(*) from listings').pluck().get()).toBe(500);
		reader.close();
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;

		const after = state(dbPath);
		expect(after.counts).toEqual(before.counts);
		expect(after.hash).toBe(before.hash);
		// The killed import's staging folder is still in the temp folder; the next import removes it.
		const staging = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`despro-impor-${child.pid}-`));
		expect(staging()).toHaveLength(1);

		// Again, to the end.
		const rerun = runCli(big, dbPath);
		let out = '';
		rerun.stdout.on('data', (c: Buffer) => (out += c.toString()));
		const code = await new Promise((r) => rerun.once('exit', r));
		expect(code).toBe(0);
		const summary = JSON.parse(out.trim().split('\n').pop()!);
		expect(summary).toMatchObject({ rows: ROWS, inserted: ROWS, updated: 0, duplicates: 0, rejected: 0 });
		expect(state(dbPath).counts.listings).toBe(500 + ROWS);
		expect(staging()).toHaveLength(0);
	});
});

describe('an import killed while it merges', { timeout: 240_000 }, () => {
	test('leaves the database as it was or with the whole batch, never a part of it', async () => {
		const dbPath = join(dir, 'kill-merge.db');
		const db = openDatabase(dbPath);
		migrateDatabase(db);
		await loadRegions(db);
		const small = join(dir, 'small-merge.csv');
		await writeGenericListings(small, 500, { startId: 20_000_000 });
		await importPath(db, small, { observedAt: '2025-04-28' });
		db.$client.close();
		const before = state(dbPath);

		const big = join(dir, 'big-merge.csv');
		const ROWS = 120_000;
		await writeGenericListings(big, ROWS);
		const child = runCli(big, dbPath);
		const exited = new Promise((r) => child.once('exit', r));
		// The import reads and stages without the write lock; the first time another connection
		// cannot take it, the import is merging: kill it then.
		const probe = new Database(dbPath);
		probe.pragma('busy_timeout = 0');
		let merging = false;
		let done = false;
		void exited.then(() => (done = true));
		while (!merging && !done) {
			try {
				probe.exec('BEGIN IMMEDIATE');
				probe.exec('ROLLBACK');
				await new Promise((r) => setTimeout(r, 5));
			} catch (e) {
				if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) throw e;
				merging = true;
			}
		}
		expect(merging).toBe(true);
		child.kill('SIGKILL');
		await exited;
		probe.close();

		const after = state(dbPath);
		// Killed inside the merge the batch is not there at all; had it committed just before the
		// signal, it would be there whole. Never anything in between.
		const whole = after.counts.listings === 500 + ROWS && after.counts.listing_snapshots === before.counts.listing_snapshots + ROWS;
		if (!whole) {
			expect(after.counts).toEqual(before.counts);
			expect(after.hash).toBe(before.hash);
		}
		const rerun = runCli(big, dbPath);
		const code = await new Promise((r) => rerun.once('exit', r));
		expect(code).toBe(0);
		expect(state(dbPath).counts.listings).toBe(500 + ROWS);
	});
});
