// `npm run bench:load`: the built server (`npm start`, compression on) on a copy of the demo
// database, driven by autocannon with 100 connections for 30 s across product dashboards,
// /tren, /agen, /koperasi and tRPC calls, signed in as the demo admin. Then the same again while
// `npm run import` loads 100,000 generated listing rows into the same database file (a separate
// process, as an admin would run it). Prints throughput and latency percentiles; every response
// must be 2xx (and there must be no errors or timeouts).
//   npm run bench:load [-- --seconds 30 --connections 100 --rows 100000]
import autocannon, { type Result } from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { writeGenericListings } from '../src/lib/server/ingest/generate.ts';
import { DEMO_DB, signIn, startServer } from './lib/server.ts';
import { intArg, table } from './lib/stats.ts';

const root = resolve(import.meta.dirname, '..');
const seconds = intArg('seconds', 30);
const connections = intArg('connections', 100);
const rows = intArg('rows', 100_000);
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

// The demo database is made by the server's first start when missing; the load runs on a copy,
// so the import does not change the database the page benchmark uses.
if (!existsSync(DEMO_DB)) {
	console.log('Preparing the demo database (first start seeds it)…');
	await (await startServer(DEMO_DB)).stop();
}
const dbFile = join(out, 'load.db');
// The database and its sign-in file (src/lib/server/db/auth-db.ts), each with its write-ahead log.
for (const file of [dbFile, join(out, 'load-auth.db')]) for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
const source = new Database(DEMO_DB);
source.pragma('wal_checkpoint(TRUNCATE)');
source.close();
copyFileSync(DEMO_DB, dbFile);

// SLOW_MS: the server logs requests over 1 s and stretches where its thread was blocked that long;
// each run's lines are summarised, so a stall names its cause.
const server = await startServer(dbFile, { SLOW_MS: '1000' });
const csv = join(out, 'load-import.csv');
try {
	const cookie = await signIn(server.url, 'admin');
	const get = async (path: string) => {
		const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
		if (!res.ok) throw new Error(`${path}: ${res.status}`);
		return res;
	};
	const list = (await (await get(`/api/trpc/product.list?input=${encodeURIComponent(JSON.stringify({ pageSize: 100 }))}`)).json()) as {
		result: { data: { items: { id: number }[] } };
	};
	const ids = list.result.data.items.map((p) => p.id);
	const trpc = (path: string, input: unknown) => `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
	// What a district's users do: mostly product dashboards, pages and API calls alike.
	const mix: (() => string)[] = [
		() => `/produk/${pick(ids)}`,
		() => `/produk/${pick(ids)}`,
		() => `/produk/${pick(ids)}`,
		() => trpc('product.dashboard', { id: pick(ids) }),
		() => trpc('product.dashboard', { id: pick(ids) }),
		() => '/tren',
		() => '/agen',
		() => '/koperasi',
		() => trpc('trends.categories', {}),
		() => trpc('product.list', { query: pick(['kopi', 'gerabah', 'batik', 'anyaman', 'wig']) })
	];
	let seed = 1;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	function pick<T>(xs: T[]): T {
		return xs[Math.floor(random() * xs.length)];
	}
	// Warm-up: every page once, so the first requests do not measure startup work.
	for (const make of mix) await (await get(make())).arrayBuffer();
	for (const id of ids) await (await get(`/produk/${id}`)).arrayBuffer();

	/** The server's slow-request and blocked-thread lines since `from`, grouped by route. */
	const slowLines = (from: number) => {
		const lines = server.log().slice(from).split('\n').filter((l) => l.startsWith('[slow]'));
		const byWhat = new Map<string, { n: number; max: number }>();
		for (const l of lines) {
			const m = /^\[slow\] (?:(\d+) ms \S+ \S+ \((.*)\)|thread blocked (\d+) ms|http (\d+) ms \S+ (\S+))/.exec(l);
			if (!m) continue;
			const what = m[2] ? `handled ${m[2]}` : m[3] ? 'thread blocked' : `whole request ${m[5].replace(/\/\d+$/, '/[id]')}`;
			const ms = Number(m[1] ?? m[3] ?? m[4]);
			const entry = byWhat.get(what) ?? { n: 0, max: 0 };
			byWhat.set(what, { n: entry.n + 1, max: Math.max(entry.max, ms) });
		}
		return Object.fromEntries([...byWhat].sort((a, b) => b[1].n - a[1].n));
	};

	const run = (title: string) =>
		new Promise<Result>((done, fail) => {
			console.error(`${title}: ${connections} connections, ${seconds} s (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})…`);
			const instance = autocannon(
				{
					url: server.url,
					connections,
					duration: seconds,
					headers: { cookie, 'accept-encoding': 'gzip, br' },
					requests: [{ setupRequest: (req) => ({ ...req, path: pick(mix)() }) }]
				},
				(err, result) => (err ? fail(err) : done(result))
			);
			void instance;
		});

	let logFrom = server.log().length;
	const quiet = await run('without an import');
	const quietSlow = slowLines(logFrom);

	await writeGenericListings(csv, rows);
	const importStarted = performance.now();
	let importMs: number | null = null;
	let importLog = '';
	// Generated rows carry no date of their own: say they were observed today (imports refuse a file without a date).
	const today = new Date().toISOString().slice(0, 10);
	const importer = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/import.ts'), csv, '--observed-at', today], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: dbFile },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	importer.stdout!.on('data', (c: Buffer) => (importLog += c.toString()));
	importer.stderr!.on('data', (c: Buffer) => (importLog += c.toString()));
	const importDone = new Promise<number>((done) =>
		importer.on('exit', (code) => {
			importMs = performance.now() - importStarted;
			done(code ?? 1);
		})
	);
	// Let the importer start reading before the load begins.
	await new Promise((r) => setTimeout(r, 1000));
	logFrom = server.log().length;
	const busy = await run(`while importing ${rows.toLocaleString('en')} rows`);
	const busySlow = slowLines(logFrom);
	const importRunningAtEnd = importMs === null;
	const importCode = await importDone;
	const summary = importLog.trim().split('\n').at(-1) ?? '';

	const line = (name: string, r: Result) => [
		name,
		Math.round(r.requests.average),
		r.requests.total,
		r.latency.p50,
		r.latency.p90,
		r.latency.p99,
		r.latency.max,
		r.errors,
		r.timeouts,
		r.non2xx
	];
	console.log(`\nLoad: ${connections} connections, ${seconds} s each, signed in as admin; mix of /produk/[id], product.dashboard, /tren, /agen, /koperasi, trends.categories, product.list.`);
	console.log(
		table([
			['run', 'req/s', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'timeouts', 'non-2xx'],
			line('no import', quiet),
			line(`during import (${rows.toLocaleString('en')} rows)`, busy)
		])
	);
	console.log(
		`Import: exit ${importCode}, ${((importMs ?? 0) / 1000).toFixed(1)} s, ${importRunningAtEnd ? 'still running when the load ended' : 'finished within the load'}; ${summary.slice(0, 200)}`
	);
	for (const [name, slow] of [['no import', quietSlow], ['during import', busySlow]] as const) {
		const parts = Object.entries(slow).map(([what, { n, max }]) => `${what} ×${n} (max ${max} ms)`);
		console.log(`Over 1 s on the server, ${name}: ${parts.length ? parts.join('; ') : 'none'}`);
	}
	const clean = [quiet, busy].every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0);
	console.log(clean ? 'Zero errors, zero timeouts, zero non-2xx responses.' : 'FAILED: errors, timeouts or non-2xx responses (see the table).');
	writeFileSync(
		join(root, 'bench', 'load-results.json'),
		JSON.stringify({ at: new Date().toISOString(), connections, seconds, rows, quiet, busy, slow: { quiet: quietSlow, busy: busySlow }, import: { code: importCode, ms: importMs, runningAtEnd: importRunningAtEnd, summary } }, null, '\t')
	);
	console.log('Written bench/load-results.json');
	if (!clean || importCode !== 0) process.exitCode = 1;
} finally {
	await server.stop();
	if (existsSync(csv)) rmSync(csv);
}
