// Run once when the server starts, before it listens: on an empty database seed the demo market
// (unless DEMO_DATA=off) with all its derived data, so the first page already has numbers. A
// database that already holds data is left as it is; whatever derived data it lacks (a new
// version's, a product's first market part) is built by the background writer after the server
// listens (derive/missing.ts), while pages say it is being prepared.
import { getDb, type Db } from './db';
import { ensureDemoAccounts, printDemoAccounts } from './demo/accounts';
import { seedDemoBoms } from './demo/bom';
import { seedDemoMarket } from './demo/seed';
import { checkpointWal } from './db/connection';
import { exclusive } from './db/locks';
import { isDemoDatabase } from './db/meta';
import { countImportBatches, countListings, countUsers } from './db/queries/write/startup';
import { refreshDerived } from './derive/refresh';
import { analyzeStoredReviews } from './derive/review-analysis';

export async function isEmpty(db: Db): Promise<boolean> {
	return (await countListings(db)) === 0 && (await countImportBatches(db)) === 0;
}

export async function prepareDatabase(db: Db = getDb(), env: Record<string, string | undefined> = process.env): Promise<void> {
	// Several app servers may start at once on one PostgreSQL database: one seeds while the
	// others wait here, then find it seeded (db/locks.ts; on SQLite this simply runs).
	const accounts = await exclusive(db, 'startup', async () => {
		await seedIfEmpty(db, env);
		// Demo sign-in accounts: only where meta says this is the demo market (ensureDemoAccounts checks).
		return await ensureDemoAccounts(db);
	});
	printDemoAccounts(accounts);
	// A real install (DEMO_DATA=off) starts with nobody to sign in: say how to make the first account.
	if ((await countUsers(db)) === 0) {
		console.log('Belum ada akun. Buat akun admin pertama: npm run account -- create --role admin --phone 08… --name "…"');
	}
}

async function seedIfEmpty(db: Db, env: Record<string, string | undefined>): Promise<void> {
	if (!(await isEmpty(db)) || env.DEMO_DATA === 'off') {
		if (await isDemoDatabase(db)) console.log('Memakai data contoh yang sudah ada.');
		return;
	}
	console.log('Database kosong: membuat data contoh (demo)…');
	const started = performance.now();
	const listings = env.DEMO_LISTINGS ? Number(env.DEMO_LISTINGS) : undefined;
	let lastShown = 0;
	const seeded = await seedDemoMarket(db, {
		seed: env.DEMO_SEED ? Number(env.DEMO_SEED) : undefined,
		endDate: env.DEMO_END_DATE,
		listings,
		onProgress(done, total) {
			const pct = Math.floor((done / total) * 10);
			if (pct > lastShown) {
				lastShown = pct;
				console.log(`  data contoh ${pct * 10}%`);
			}
		}
	});
	// Reviews first: the dashboards' stored market parts (refreshDerived) count their themes.
	await analyzeStoredReviews(db);
	await refreshDerived(db);
	await seedDemoBoms(db);
	// Fold the seed's write-ahead log into the file now rather than on the first reads.
	checkpointWal(db);
	console.log(
		`Data contoh siap: ${seeded.listings} produk pasar, ${seeded.snapshots} catatan mingguan, ${seeded.reviews} ulasan (${((performance.now() - started) / 1000).toFixed(1)} detik).`
	);
}
