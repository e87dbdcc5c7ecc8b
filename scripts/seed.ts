// Seeds the demo market ("Data contoh") into an empty database.
//   DATABASE_URL=./data/despro.db npm run seed [-- --seed 42 --end 2026-11-27 --listings 24000]
//   (a postgres://… address seeds the same rows into PostgreSQL)
// Refuses when the database already holds listings: the demo never mixes with real data.
import { DEFAULT_DATABASE_URL, migrateAny, openDatabase } from '../src/lib/server/db/index';
import { checkpointWal, closeDatabase } from '../src/lib/server/db/connection';
import { isDemoDatabase } from '../src/lib/server/db/meta';
import { listingCount } from '../src/lib/server/db/queries/demo/scripts';
import { DEFAULT_LISTINGS, DEFAULT_SEED, seedDemoMarket } from '../src/lib/server/demo/seed';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

function intArg(name: string, fallback: number): number {
	const raw = arg(name);
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0) {
		console.error(`--${name} wants a whole number, got "${raw}"`);
		process.exit(2);
	}
	return n;
}

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const seed = intArg('seed', DEFAULT_SEED);
const listings = intArg('listings', DEFAULT_LISTINGS);
const endDate = arg('end');
if (endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) {
	console.error(`--end wants a date like 2026-11-27, got "${endDate}"`);
	process.exit(2);
}

const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const db = openDatabase(url);
await migrateAny(db);
const existing = await listingCount(db);
if (existing > 0) {
	console.error(
		`${shown} already holds ${existing} listings${(await isDemoDatabase(db)) ? ' (demo data)' : ''}; nothing seeded. ` +
			'Seed into an empty database (delete the file or point DATABASE_URL elsewhere).'
	);
	closeDatabase(db);
	process.exit(1);
}

console.log(`Seeding demo market into ${shown} (seed ${seed}, ${listings} listings, end ${endDate ?? 'today'})…`);
let lastPct = -1;
const result = await seedDemoMarket(db, {
	seed,
	endDate,
	listings,
	onProgress(done, total) {
		const pct = Math.floor((done / total) * 100);
		if (process.stdout.isTTY) process.stdout.write(`\r  listings ${done}/${total} (${pct}%)`);
		else if (pct >= lastPct + 10 || done === total) {
			console.log(`  listings ${done}/${total} (${pct}%)`);
			lastPct = pct;
		}
	}
});
if (process.stdout.isTTY) process.stdout.write('\n');
checkpointWal(db);
closeDatabase(db);
const fmt = (n: number) => n.toLocaleString('id-ID');
console.log(
	`Done in ${(result.ms / 1000).toFixed(1)} s: ${fmt(result.listings)} listings, ${fmt(result.snapshots)} snapshots, ` +
		`${fmt(result.reviews)} reviews, ${fmt(result.shops)} shops, ${fmt(result.producers)} producers, ${fmt(result.products)} products.`
);
