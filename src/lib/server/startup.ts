// Run once when the server starts: migrate, and on an empty database seed the demo market
// (unless DEMO_DATA=off) and build the derived tables. A database that already holds data is
// left as it is, so a second start reuses it.
import { getDb, type Db } from './db';
import { ensureDemoAccounts, printDemoAccounts } from './demo/accounts';
import { seedDemoBoms } from './demo/bom';
import { seedDemoMarket } from './demo/seed';
import { isDemoDatabase } from './db/meta';
import { refreshProductMarket } from './read/dashboard';
import { storeForecast } from './read/forecasts';
import { kindsPending } from './derive/kinds';
import { refreshDerived } from './derive/refresh';
import { weeklyRuleOutdated } from './derive/category-weekly';
import { analyzeStoredReviews } from './derive/review-analysis';

export function isEmpty(db: Db): boolean {
	const client = db.$client;
	return (
		(client.prepare('select count(*) from listings').pluck().get() as number) === 0 &&
		(client.prepare('select count(*) from import_batches').pluck().get() as number) === 0
	);
}

export function prepareDatabase(db: Db = getDb(), env: Record<string, string | undefined> = process.env): void {
	seedIfEmpty(db, env);
	reanalyzeOutdatedReviews(db);
	rebuildSetsForNewKinds(db);
	rebuildOutdatedWeekly(db);
	buildMissingMarketParts(db);
	fitMissingForecasts(db);
	// Demo sign-in accounts: only where meta says this is the demo market (ensureDemoAccounts checks).
	printDemoAccounts(ensureDemoAccounts(db));
	// A real install (DEMO_DATA=off) starts with nobody to sign in: say how to make the first account.
	if ((db.$client.prepare('select count(*) from users').pluck().get() as number) === 0) {
		console.log('Belum ada akun. Buat akun admin pertama: npm run account -- create --role admin --phone 08… --name "…"');
	}
}

/** Reviews analysed by an older word list (ANALYZER_VERSION): read again, and their dashboards' parts dropped to be rebuilt. */
function reanalyzeOutdatedReviews(db: Db): void {
	const t0 = performance.now();
	const n = analyzeStoredReviews(db);
	if (n) console.log(`${n} ulasan dibaca ulang dengan daftar kata terbaru (${((performance.now() - t0) / 1000).toFixed(1)} detik).`);
}

/**
 * A database from before product kinds (or stored under older kind rules): compute every kind
 * and rebuild every competitor set by kind once, before anyone reads a set built by the old rules.
 */
function rebuildSetsForNewKinds(db: Db): void {
	if (!kindsPending(db)) return;
	const t0 = performance.now();
	refreshDerived(db);
	console.log(`Jenis produk dan pembanding semua produk disusun ulang (${((performance.now() - t0) / 1000).toFixed(1)} detik).`);
}

/** Weekly demand stored by an older rule (before counters were intervals): rebuilt once, with all that is derived from it. */
function rebuildOutdatedWeekly(db: Db): void {
	if (!weeklyRuleOutdated(db)) return;
	const t0 = performance.now();
	refreshDerived(db);
	console.log(`Permintaan mingguan dihitung ulang dengan cara baru (${((performance.now() - t0) / 1000).toFixed(1)} detik).`);
}

/** A database from before product_market (or with new products): build their dashboards' market parts now, not on first view. */
function buildMissingMarketParts(db: Db): void {
	const missing = db.$client.prepare('select id from products where id not in (select product_id from product_market) order by id').pluck().all() as number[];
	if (missing.length === 0) return;
	const t0 = performance.now();
	refreshProductMarket(db, missing);
	console.log(`Ringkasan pasar ${missing.length} produk disiapkan (${((performance.now() - t0) / 1000).toFixed(1)} detik).`);
}

/** A database from before forecasts were fitted ahead (or with new products): fit them now, so the co-op plan only reads. */
function fitMissingForecasts(db: Db): void {
	const missing = db.$client
		.prepare(
			`select 'product:' || id from products where 'product:' || id not in (select series_key from forecasts)
			 union select distinct 'category:' || category_id from products where 'category:' || category_id not in (select series_key from forecasts)`
		)
		.pluck()
		.all() as string[];
	if (missing.length === 0) return;
	const t0 = performance.now();
	for (const key of missing) storeForecast(db, key);
	console.log(`Perkiraan permintaan untuk ${missing.length} produk dan jenis produk disiapkan (${((performance.now() - t0) / 1000).toFixed(1)} detik).`);
}

function seedIfEmpty(db: Db, env: Record<string, string | undefined>): void {
	if (!isEmpty(db) || env.DEMO_DATA === 'off') {
		if (isDemoDatabase(db)) console.log('Memakai data contoh yang sudah ada.');
		return;
	}
	console.log('Database kosong: membuat data contoh (demo)…');
	const started = performance.now();
	const listings = env.DEMO_LISTINGS ? Number(env.DEMO_LISTINGS) : undefined;
	let lastShown = 0;
	const seeded = seedDemoMarket(db, {
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
	analyzeStoredReviews(db);
	refreshDerived(db);
	seedDemoBoms(db);
	// Fold the seed's write-ahead log into the file now rather than on the first reads.
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	console.log(
		`Data contoh siap: ${seeded.listings} produk pasar, ${seeded.snapshots} catatan mingguan, ${seeded.reviews} ulasan (${((performance.now() - started) / 1000).toFixed(1)} detik).`
	);
}
