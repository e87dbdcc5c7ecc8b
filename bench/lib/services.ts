// Run in its own process by bench/scale.ts, so that its peak memory is the serving side's only:
// opens the scale database as the server would (a SQLite file: WAL, migrated; or a PostgreSQL
// address, migrated by db:migrate and filled by db:copy), then times, per sampled
// product, the dashboard service (the request path: stored market part + own price + today),
// /tren's service and the co-op plan. Wall time and this process's CPU time are both kept: the
// machine is shared, and CPU time shows what the work itself costs. Prints JSON on stdout.
import { statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/index.ts';
import { isPostgresUrl, openPostgres } from '../../src/lib/server/db/postgres.ts';
import { allProductIds } from '../../src/lib/server/db/products.ts';
import { allRows, oneRow } from '../../src/lib/server/db/run.ts';
import { meta } from '../../src/lib/server/db/schema.ts';
import { productDashboard, productDashboardLive } from '../../src/lib/server/read/dashboard.ts';
import type { Actor } from '../../src/lib/server/auth/actor.ts';
import { coopPlanFor } from '../../src/lib/server/read/plan.ts';
import { listCoops } from '../../src/lib/server/db/coop.ts';
import { trendingCategories } from '../../src/lib/server/read/trends.ts';
import { sample, summary } from './stats.ts';

const [url, nRaw, liveRaw] = process.argv.slice(2);
const n = Number(nRaw);
const liveN = Number(liveRaw ?? 0);
const onPostgres = isPostgresUrl(url);
const pg = onPostgres ? openPostgres(url) : null;
const db: Db = pg ? (pg as unknown as Db) : openDatabase(url);
if (!pg) migrateDatabase(db);
const [{ today }] = await allRows<{ today: string }>(db, sql`select ${meta.value} as today from ${meta} where ${meta.key} = 'demo_end_date'`);
const products = await allProductIds(db);
const ids = sample(products, n, 7);

async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
	const c = process.cpuUsage();
	const t = performance.now();
	const result = await fn();
	const ms = performance.now() - t;
	const cpu = process.cpuUsage(c);
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

const dash = { ms: [] as number[], cpuMs: [] as number[] };
for (const id of ids) {
	const t = await time(async () => productDashboard(db, id, today));
	if (!t.result || t.result.preparing) throw new Error(`product ${id}: no dashboard from a stored market part`);
	dash.ms.push(t.ms);
	dash.cpuMs.push(t.cpuMs);
}

// The straightforward computation from raw tables, for a smaller sample: what a request would
// cost without the stored market part.
const live = { ms: [] as number[], cpuMs: [] as number[] };
for (const id of ids.slice(0, liveN)) {
	const t = await time(async () => productDashboardLive(db, id, today));
	live.ms.push(t.ms);
	live.cpuMs.push(t.cpuMs);
}

const tren = { ms: [] as number[], cpuMs: [] as number[] };
const marketplaces = [null, 'shopee', 'tokopedia', 'lazada', 'tiktok'];
for (let i = 0; i < 25; i++) {
	const t = await time(async () => trendingCategories(db, { marketplaceId: marketplaces[i % marketplaces.length] }, today));
	tren.ms.push(t.ms);
	tren.cpuMs.push(t.cpuMs);
}

// Co-op plans: the forecasts are fitted ahead (refreshDerived; the generation's forecasts step),
// so even a co-op's first call only reads them; the first call also warms SQLite's page cache.
// Both are shown.
// The plan as an admin asks for it (the co-op's access is checked once, as on the page).
const ADMIN: Actor = { id: 0, role: 'admin', name: 'Bench', producerId: null, agentId: null, cooperativeId: null };
const coops = await listCoops(db);
const coopCold = { ms: [] as number[], cpuMs: [] as number[] };
const coopWarm = { ms: [] as number[], cpuMs: [] as number[] };
for (const c of coops) {
	const t = await time(async () => coopPlanFor(db, ADMIN, { cooperativeId: c.id, today }));
	coopCold.ms.push(t.ms);
	coopCold.cpuMs.push(t.cpuMs);
}
for (let round = 0; round < 3; round++)
	for (const c of coops) {
		const t = await time(async () => coopPlanFor(db, ADMIN, { cooperativeId: c.id, today }));
		coopWarm.ms.push(t.ms);
		coopWarm.cpuMs.push(t.cpuMs);
	}

const size = (f: string) => {
	try {
		return statSync(f).size;
	} catch {
		return 0;
	}
};
const counts: Record<string, number> = {};
for (const t of ['listings', 'listing_snapshots', 'reviews', 'review_aspects', 'products', 'product_competitors'])
	counts[t] = Number((await oneRow<{ n: number }>(db, sql`select count(*) as n from ${sql.identifier(t)}`)).n);
// Size on disk: the file and its write-ahead log; on PostgreSQL the database's own size (tables, indexes, TOAST).
const dbBytes = pg
	? Number((await oneRow<{ n: number }>(db, sql`select pg_database_size(current_database()) as n`)).n)
	: size(url) + size(`${url}-wal`);
if (pg) await pg.$client.end();
else db.$client.close();
const both = (x: { ms: number[]; cpuMs: number[] }) => ({ wall: summary(x.ms), cpu: summary(x.cpuMs) });
process.stdout.write(
	JSON.stringify({
		today,
		products: products.length,
		sampled: ids.length,
		distinctSampled: new Set(ids).size,
		ids,
		counts,
		dashboard: both(dash),
		dashboardLive: both(live),
		tren: both(tren),
		coopPlanFirst: both(coopCold),
		coopPlanRepeat: both(coopWarm),
		engine: onPostgres ? 'postgresql' : 'sqlite',
		peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
		dbBytes
	})
);
