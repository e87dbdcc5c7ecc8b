// `npm run bench`: a province-sized market and the server time of its pages' services.
//   npm run bench                              1,000,000 listings (≥ 10M snapshots, ~2M reviews)
//   npm run bench -- --listings 100000         a quicker run
//   npm run bench -- --samples 1000 --regenerate --no-duckdb
//   npm run bench -- --db postgres://…         the same services on PostgreSQL too, side by side
//                                              (an empty database gets the generated file copied
//                                              in by db:copy first; a filled one is reused)
// 1. Generates the market deterministically into bench/out/scale-<listings>.db (reused when it
//    exists; --regenerate forces a new one), with a progress bar, and reports how long it took.
// 2. In a fresh process: the product dashboard service for --samples random products (p50,
//    p95, p99, wall and CPU), /tren's service, the co-op plan; peak RSS; database size.
// 3. DuckDB (@duckdb/node-api) computes the same dashboard numbers for the same products from
//    an export of the same file; both must agree; prints the time ratio.
// Prints tables and writes bench/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { crossCheck } from './lib/duckdb.ts';
import { generateScaleMarket, type GenerationReport } from './lib/generate.ts';
import { arg, flag, intArg, mb, table } from './lib/stats.ts';
import { copySqliteToPostgres } from '../src/lib/server/db/copy-to-postgres.ts';
import { isPostgresUrl, openPostgres } from '../src/lib/server/db/postgres.ts';

const root = resolve(import.meta.dirname, '..');
const listings = intArg('listings', 1_000_000);
const samples = intArg('samples', 1000);
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const dbFile = join(out, `scale-${listings}.db`);
const genFile = `${dbFile}.generation.json`;
const pgUrl = arg('db');
if (pgUrl !== undefined && !isPostgresUrl(pgUrl)) {
	console.error(`--db wants a postgres://… address (the SQLite file is bench/out/scale-<listings>.db), got "${pgUrl}"`);
	process.exit(2);
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`Despro Pasar scale benchmark: ${listings.toLocaleString('en')} listings, ${samples} sampled products`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${load()} (1/5/15 min), Node ${process.version}\n`);

let generation: GenerationReport & { reused?: boolean };
if (!flag('regenerate') && existsSync(dbFile) && existsSync(genFile)) {
	generation = { ...JSON.parse(readFileSync(genFile, 'utf8')), reused: true };
	console.log(`Reusing ${dbFile} (generated in ${generation.totalSeconds} s; --regenerate to make it again).`);
} else {
	console.log(`Generating ${dbFile}…`);
	generation = await generateScaleMarket(dbFile, listings);
	writeFileSync(genFile, JSON.stringify(generation, null, '\t'));
}
console.log(
	`\nMarket: ${generation.listings.toLocaleString('en')} listings, ${generation.snapshots.toLocaleString('en')} snapshots, ` +
		`${generation.reviews.toLocaleString('en')} reviews, ${generation.products.toLocaleString('en')} products; generated in ${generation.totalSeconds} s`
);
console.log(
	table([
		['step', 'seconds', 'CPU seconds'],
		...Object.entries(generation.seconds).map(([k, v]) => [k, v, generation.cpuSeconds?.[k] ?? '-']),
		['total', generation.totalSeconds, generation.totalCpuSeconds ?? '-']
	])
);

type Both = { wall: { p50: number; p95: number; p99: number; max: number; n: number }; cpu: { p50: number; p95: number; p99: number } };
const row = (name: string, b: Both) => [name, b.wall.n, b.wall.p50, b.wall.p95, b.wall.p99, b.wall.max, b.cpu.p50, b.cpu.p95];

/** Times the services on `target` (the SQLite file or a PostgreSQL address) in a fresh process, and prints them. */
function timeServices(target: string, engine: string) {
	console.log(`\nTiming services on ${engine} in a fresh process (load average ${load()})…`);
	const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/lib/services.ts'), target, String(samples), String(Math.min(200, samples))], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	if (child.status !== 0) throw new Error(`services benchmark on ${engine} failed (${child.status})`);
	const services = JSON.parse(child.stdout);
	console.log(
		table([
			['service (ms)', 'calls', 'p50', 'p95', 'p99', 'max', 'cpu p50', 'cpu p95'],
			row('product dashboard', services.dashboard),
			row('  same, computed live', services.dashboardLive),
			row('/tren trendingCategories', services.tren),
			row('co-op plan, first call', services.coopPlanFirst),
			row('co-op plan, repeat', services.coopPlanRepeat)
		])
	);
	console.log(
		`${services.sampled} dashboard calls over ${services.distinctSampled} distinct products (of ${services.products})` +
			(services.sampled === services.distinctSampled ? ", each the product's first call in the process." : '; the market has fewer products than samples, so some calls repeat a product.') +
			`\npeak RSS ${services.peakRssMb} MB · database ${mb(services.dbBytes)} MB`
	);
	return services;
}

const services = timeServices(dbFile, 'SQLite');

let postgres: { services: ReturnType<typeof timeServices>; copiedSeconds: number | null } | null = null;
if (pgUrl) {
	const pg = openPostgres(pgUrl, 1);
	const filled = await pg.$client
		.query<{ n: string }>("select count(*) as n from information_schema.tables where table_name = 'listings'")
		.then(async (r) => Number(r.rows[0].n) > 0 && Number((await pg.$client.query<{ n: string }>('select count(*) as n from listings')).rows[0].n) > 0);
	await pg.$client.end();
	let copiedSeconds: number | null = null;
	if (filled) console.log(`\nReusing the market already in ${new URL(pgUrl).pathname.slice(1)} (an empty database gets the file copied in).`);
	else {
		console.log(`\nCopying ${dbFile} into PostgreSQL (npm run db:copy; load average ${load()})…`);
		const copied = await copySqliteToPostgres({ from: dbFile, to: pgUrl });
		copiedSeconds = copied.seconds;
		console.log(`copied in ${copied.seconds} s`);
	}
	postgres = { services: timeServices(pgUrl, 'PostgreSQL'), copiedSeconds };
	const side = (name: string, pick: (s: typeof services) => number | string) => [name, pick(services), pick(postgres!.services)];
	console.log(`\nSide by side, the same ${services.sampled} products (load average ${load()}):`);
	console.log(
		table([
			['', 'SQLite', 'PostgreSQL'],
			side('dashboard p50 ms', (s) => s.dashboard.wall.p50),
			side('dashboard p95 ms', (s) => s.dashboard.wall.p95),
			side('dashboard p99 ms', (s) => s.dashboard.wall.p99),
			side('/tren p95 ms', (s) => s.tren.wall.p95),
			side('co-op plan repeat p95 ms', (s) => s.coopPlanRepeat.wall.p95),
			side('size on disk MB', (s) => mb(s.dbBytes)),
			side('peak RSS MB', (s) => s.peakRssMb)
		])
	);
}

let duck: Awaited<ReturnType<typeof crossCheck>> | null = null;
if (!flag('no-duckdb')) {
	console.log(`\nDuckDB side by side (load average ${load()})…`);
	duck = await crossCheck(dbFile, join(out, `scale-${listings}.duckdb`), services.ids, services.today);
	const ours = services.dashboard.wall;
	console.log(`DuckDB sqlite extension: ${duck.sqliteExtension}; export to CSV and load: ${duck.prepare.reused ? 'reused' : `${duck.prepare.seconds} s (${mb(duck.prepare.csvBytes)} MB CSV)`}`);
	console.log(
		table([
			['per product (ms)', 'p50', 'p95', 'p99'],
			['Despro dashboard service', ours.p50, ours.p95, ours.p99],
			['DuckDB, same numbers', duck.duckdbMs.p50, duck.duckdbMs.p95, duck.duckdbMs.p99],
			['ratio ours / DuckDB', (ours.p50 / duck.duckdbMs.p50).toFixed(3), (ours.p95 / duck.duckdbMs.p95).toFixed(3), (ours.p99 / duck.duckdbMs.p99).toFixed(3)]
		])
	);
	console.log(
		duck.mismatches.length === 0
			? `Same numbers for all ${duck.compared} products (kept listings, 5 price percentiles, 52 weekly totals of the exact counters, star counts, top themes).`
			: `${duck.mismatches.length} MISMATCHES, first: ${JSON.stringify(duck.mismatches.slice(0, 3))}`
	);
	console.log(`Sold counters that went down in the compared windows (DuckDB's SQL assumes none): ${duck.counterDrops}`);
}

const targets = {
	dashboardP95Ms: { target: 50, value: services.dashboard.wall.p95, met: services.dashboard.wall.p95 <= 50 },
	ratioToDuckdbP95: duck ? { target: 0.2, value: services.dashboard.wall.p95 / duck.duckdbMs.p95, met: services.dashboard.wall.p95 / duck.duckdbMs.p95 <= 0.2 } : null,
	sameNumbers: duck ? duck.mismatches.length === 0 : null
};
console.log(`\nTargets: dashboard p95 ≤ 50 ms: ${targets.dashboardP95Ms.met ? 'met' : 'MISSED'}` + (duck ? `; ≤ 0.2 × DuckDB: ${targets.ratioToDuckdbP95!.met ? 'met' : 'MISSED'}; same numbers: ${targets.sameNumbers ? 'yes' : 'NO'}` : ''));
const { ids: _ids, ...servicesOut } = services;
writeFileSync(
	join(root, 'bench', 'results.json'),
	JSON.stringify({ at: new Date().toISOString(), listings, samples, machine: { cpus: cpus().length, loadavg: loadavg() }, generation, services: servicesOut, postgres, duckdb: duck, targets }, null, '\t')
);
console.log('Written bench/results.json');
if (duck && duck.mismatches.length) process.exitCode = 1;
