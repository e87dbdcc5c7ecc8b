// `npm run bench:import`: rows per second and peak memory of a full import (parse, validate,
// normalise through the analysis core, load in one transaction) of a generated 1,000,000-row
// listing CSV in the generic format, side by side with the sqlite3 command-line `.import` of
// the same file into a plain table (no parsing of prices, no keys, no indexes).
//   npm run bench:import                      (1,000,000 rows)
//   npm run bench:import -- --rows 100000     (or BENCH_ROWS=100000)
//   npm run bench:import -- --db postgres://user:pass@host/db   (an empty PostgreSQL database; default: a fresh SQLite file)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/index.ts';
import { closeDatabase } from '../src/lib/server/db/connection.ts';
import { isPostgresUrl, migratePostgres, openPostgres } from '../src/lib/server/db/postgres.ts';
import { countListings } from '../src/lib/server/db/queries/ingest/batches.ts';
import { loadRegions } from '../src/lib/server/db/regions.ts';
import { writeGenericListings } from '../src/lib/server/ingest/generate.ts';
import { deriveAfterImport } from '../src/lib/server/derive/refresh.ts';
import { runImport } from '../src/lib/server/ingest/pipeline.ts';

// Measured at normal CPU priority, as sqlite3 runs (the import's staging threads otherwise take IMPORT_NICE, 10).
process.env.IMPORT_NICE ??= '0';
const rowsArg = process.argv.indexOf('--rows');
const ROWS = Number((rowsArg > 0 ? process.argv[rowsArg + 1] : undefined) ?? process.env.BENCH_ROWS ?? 1_000_000);
if (!Number.isInteger(ROWS) || ROWS <= 0) throw new Error(`--rows must be a positive whole number`);
const dbArg = process.argv.indexOf('--db');
const DB_URL = dbArg > 0 ? process.argv[dbArg + 1] : undefined;
if (DB_URL !== undefined && !isPostgresUrl(DB_URL)) throw new Error('--db takes a postgres://… address (without it: a fresh SQLite file)');
const dir = mkdtempSync(join(tmpdir(), 'despro-bench-import-'));
const csv = join(dir, 'listings.csv');

function ensureSqlite3(): boolean {
	if (spawnSync('sh', ['-c', 'command -v sqlite3']).status === 0) return true;
	console.error('sqlite3 belum terpasang: apt-get install -y sqlite3 …');
	const r = spawnSync('sh', ['-c', 'apt-get install -y sqlite3 || (apt-get update && apt-get install -y sqlite3)'], { stdio: 'inherit' });
	return r.status === 0;
}

try {
	let t = performance.now();
	await writeGenericListings(csv, ROWS);
	const mb = statSync(csv).size / 1024 ** 2;
	console.log(`generated ${ROWS.toLocaleString('en')} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

	let db: Db;
	if (DB_URL) {
		await migratePostgres(DB_URL);
		db = openPostgres(DB_URL) as unknown as Db;
		// Measured on an empty database, as the SQLite file is.
		if ((await countListings(db)) > 0) throw new Error(`${DB_URL} already holds listings: give an empty database`);
		console.log('engine: PostgreSQL');
	} else {
		db = openDatabase(join(dir, 'import.db'));
		migrateDatabase(db);
		console.log('engine: SQLite');
	}
	await loadRegions(db);

	// Peak memory: the kernel's high-water mark of this process (every thread, native memory
	// included: SQLite's page cache, the staging threads), read when the rows are staged, when
	// they are merged, and after the refresh. A sampler would miss the merge: it holds this thread.
	// The JavaScript heap of this thread is sampled apart: a heap that grew with the rows would
	// mean rows are kept.
	const startRss = process.memoryUsage().rss;
	let peakHeap = process.memoryUsage().heapUsed;
	let loadPeakHeap = 0;
	let stagedRss = 0;
	let loadRss = 0;
	let loadedAt = 0;
	const maxRss = () => process.resourceUsage().maxRSS * 1024;
	const sample = () => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
		if (!loadedAt) loadPeakHeap = peakHeap;
	};
	const sampler = setInterval(sample, 50);
	let loadedCpu = 0;
	const cpu0 = process.cpuUsage();
	t = performance.now();
	const summary = await runImport(
		db,
		{ fileName: 'listings.csv', path: csv },
		{
			observedAt: '2025-06-02',
			derive: deriveAfterImport,
			onProgress: (p) => {
				sample();
				if (p.phase === 'menyimpan' && !stagedRss) stagedRss = maxRss();
				if (p.phase === 'memperbarui' && !loadedAt) {
					loadRss = maxRss();
					loadedAt = performance.now();
					const c = process.cpuUsage(cpu0);
					loadedCpu = (c.user + c.system) / 1e6;
				}
			}
		}
	);
	const total = (performance.now() - t) / 1000;
	clearInterval(sampler);
	const loadSeconds = ((loadedAt || performance.now()) - t) / 1000;
	// CPU seconds of this process (all its threads) for the load: steadier than the wall clock
	// on a machine shared with other work.
	if (!loadedCpu) loadedCpu = ((c) => (c.user + c.system) / 1e6)(process.cpuUsage(cpu0));
	closeDatabase(db);
	if (summary.deriveFailed) console.log('refresh of derived data after the import FAILED (see the log above): the load figures stand');
	if (summary.status !== 'done' || summary.inserted !== ROWS) throw new Error(`import did not load every row: ${summary.messageEn}`);
	const rate = ROWS / loadSeconds;
	console.log(
		`import: ${ROWS.toLocaleString('en')} rows loaded in ${loadSeconds.toFixed(1)} s → ${Math.round(rate).toLocaleString('en')} rows/s ` +
			`(+ ${(total - loadSeconds).toFixed(1)} s refreshing derived data of the touched categories); ${loadedCpu.toFixed(1)} s CPU for the load`
	);
	if (summary.phases) {
		const p = summary.phases;
		console.log(
			`phases: reading, checking and staging ${(p.stageMs / 1000).toFixed(1)} s; resolving ${(p.resolveMs / 1000).toFixed(1)} s; merge (write lock held) ${(p.mergeMs / 1000).toFixed(2)} s`
		);
	}
	const inMb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;
	if (!loadRss) loadRss = maxRss();
	console.log(
		`memory (peak RSS of the process, all threads): ${inMb(startRss)} before the import, ${inMb(stagedRss)} by the end of staging, ${inMb(loadRss)} by the end of the merge (the load), ${inMb(maxRss())} with the refresh after it; peak JS heap of this thread ${inMb(loadPeakHeap)} during the load, ${inMb(peakHeap)} with the refresh`
	);

	let sqliteRate: number | null = null;
	if (ensureSqlite3()) {
		const plain = join(dir, 'plain.db');
		t = performance.now();
		execFileSync('sqlite3', [plain, '-cmd', '.mode csv', `.import ${csv} listings`]);
		const s = (performance.now() - t) / 1000;
		sqliteRate = ROWS / s;
		console.log(`sqlite3 .import: ${ROWS.toLocaleString('en')} rows in ${s.toFixed(1)} s → ${Math.round(sqliteRate).toLocaleString('en')} rows/s (plain table, text columns, no parsing)`);
		console.log(`ratio: ${(rate / sqliteRate).toFixed(2)}× the sqlite3 .import rate (target ≥ 0.5×)`);
	} else {
		console.log('sqlite3 .import: skipped (sqlite3 could not be installed)');
	}
	console.log(
		JSON.stringify({
			rows: ROWS,
			seconds: Number(loadSeconds.toFixed(2)),
			rowsPerSecond: Math.round(rate),
			cpuSeconds: Number(loadedCpu.toFixed(2)),
			derivedSeconds: Number((total - loadSeconds).toFixed(2)),
			peakRssMb: Math.round(loadRss / 1024 ** 2),
			peakRssStagingMb: Math.round(stagedRss / 1024 ** 2),
			peakRssWithRefreshMb: Math.round(maxRss() / 1024 ** 2),
			peakHeapMb: Math.round(loadPeakHeap / 1024 ** 2),
			sqlite3RowsPerSecond: sqliteRate && Math.round(sqliteRate),
			ratio: sqliteRate && Number((rate / sqliteRate).toFixed(3))
		})
	);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
