// The same dashboard numbers computed by DuckDB, as an analyst would: DuckDB's sqlite extension
// is downloaded on first use, which this machine cannot do (checked at run time), so the tables
// the numbers need are exported from the SQLite file to CSV by our own code, loaded into a DuckDB
// database file once, and queried per product with plain SQL. For each sampled product:
//   prices   the stored competitor set's unit prices, the same outlier rule on log unit price
//            (median ± 3 × 1.4826 × MAD, at least 0.15; placeholders under 1/100 or over 100×
//            the middle), then the 10/25/50/75/90 percentiles (linear, like ours)
//   demand   weekly units of the set's exact counters for the 52 weeks up to the last week that is
//            over: a snapshot on day d is the counter at d, each difference spread evenly over the
//            days between two snapshots, a week counted only when the snapshots cover all of it
//            (bucketed counters "1 rb+" follow a knot model that SQL does not restate: unit tests
//            check those; listings whose counter ever fell are left out on both sides)
//   reviews  star counts and, per aspect and polarity, distinct reviews of the kept listings
// and the numbers are compared with what our dashboard service returns.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addWeeks, sumWeekly, weekRange, weekStart, weeklyDemand } from '../../src/lib/analysis/demand.ts';
import { aspectAllowed } from '../../src/lib/analysis/reviews/themes.ts';
import type { Aspect } from '../../src/lib/analysis/reviews/types.ts';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/index.ts';
import { marketPart } from '../../src/lib/server/read/market.ts';
import { getProduct } from '../../src/lib/server/db/products.ts';
import { progressBar, summary } from './stats.ts';

const EXPORTS: { table: string; sql: string; columns: Record<string, string> }[] = [
	{
		table: 'listings',
		sql: 'select id, marketplace_id, category_id, price, pack_quantity, unit, last_seen_at from listings',
		columns: { id: 'BIGINT', marketplace_id: 'VARCHAR', category_id: 'BIGINT', price: 'BIGINT', pack_quantity: 'DOUBLE', unit: 'VARCHAR', last_seen_at: 'VARCHAR' }
	},
	{
		table: 'snapshots',
		sql: 'select listing_id, observed_at, price, sold_count, sold_lower_bound from listing_snapshots',
		columns: { listing_id: 'BIGINT', observed_at: 'DATE', price: 'BIGINT', sold_count: 'BIGINT', sold_lower_bound: 'INTEGER' }
	},
	{
		table: 'competitors',
		sql: 'select product_id, listing_id, rank from product_competitors',
		columns: { product_id: 'BIGINT', listing_id: 'BIGINT', rank: 'DOUBLE' }
	},
	{
		table: 'reviews',
		sql: 'select id, listing_id, stars, analyzer_version from reviews',
		columns: { id: 'BIGINT', listing_id: 'BIGINT', stars: 'INTEGER', analyzer_version: 'INTEGER' }
	},
	{ table: 'aspects', sql: 'select review_id, aspect, polarity from review_aspects', columns: { review_id: 'BIGINT', aspect: 'VARCHAR', polarity: 'VARCHAR' } }
];

/** Whether DuckDB can load its sqlite extension here (it downloads it on first use). */
export async function sqliteExtensionAvailable(): Promise<string | null> {
	const instance = await DuckDBInstance.create(':memory:');
	const c = await instance.connect();
	try {
		await c.run('INSTALL sqlite; LOAD sqlite;');
		return null;
	} catch (e) {
		return (e as Error).message.split('\n')[0];
	} finally {
		c.closeSync();
	}
}

/** Exports the needed tables to CSV and loads them into a DuckDB file (skipped when it is newer than the SQLite file). */
export async function prepareDuckDb(sqliteFile: string, duckFile: string): Promise<{ seconds: number; reused: boolean; csvBytes: number }> {
	if (existsSync(duckFile) && statSync(duckFile).mtimeMs > statSync(sqliteFile).mtimeMs) return { seconds: 0, reused: true, csvBytes: 0 };
	const t0 = performance.now();
	const dir = join(dirname(duckFile), 'csv');
	mkdirSync(dir, { recursive: true });
	if (existsSync(duckFile)) rmSync(duckFile);
	const sqlite = new Database(sqliteFile, { readonly: true });
	let csvBytes = 0;
	for (const e of EXPORTS) {
		const total = sqlite.prepare(`select count(*) from (${e.sql})`).pluck().get() as number;
		const bar = progressBar(`  csv ${e.table}`);
		const file = join(dir, `${e.table}.csv`);
		const fd = openSync(file, 'w');
		let buf: string[] = [Object.keys(e.columns).join(',')];
		let done = 0;
		for (const row of sqlite.prepare(e.sql).raw(true).iterate() as Iterable<unknown[]>) {
			buf.push(row.map((v) => (v === null ? '' : String(v))).join(','));
			if (buf.length >= 50_000) {
				writeSync(fd, buf.join('\n') + '\n');
				buf = [];
			}
			if (++done % 500_000 === 0) bar(done, total);
		}
		writeSync(fd, buf.join('\n') + '\n');
		closeSync(fd);
		bar(total, total);
		csvBytes += statSync(file).size;
	}
	sqlite.close();
	const instance = await DuckDBInstance.create(duckFile);
	const c = await instance.connect();
	for (const e of EXPORTS) {
		const cols = Object.entries(e.columns)
			.map(([k, v]) => `'${k}': '${v}'`)
			.join(', ');
		await c.run(`create table ${e.table} as select * from read_csv('${join(dir, `${e.table}.csv`)}', header = true, columns = {${cols}})`);
	}
	c.closeSync();
	rmSync(dir, { recursive: true, force: true });
	return { seconds: Math.round((performance.now() - t0) / 100) / 10, reused: false, csvBytes };
}

interface Numbers {
	compared: number;
	percentiles: number[];
	weeks: { weekStart: string; units: number }[];
	stars: number[];
	themes: string[];
}

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));

async function duckNumbers(c: DuckDBConnection, productId: number, category: string): Promise<Numbers & { drops: number; exactIds: number[] }> {
	const prices = await c.runAndReadAll(
		`with c as (
			select l.id, pc.rank, l.last_seen_at,
				case when not (l.pack_quantity > 0) then round(l.price)
					when l.unit in ('g', 'ml') then round(l.price / l.pack_quantity * 1000)
					else round(l.price / l.pack_quantity) end as u
			from competitors pc join listings l on l.id = pc.listing_id where pc.product_id = ${productId}),
		pos as (select * from c where u > 0),
		ctr as (select median(ln(u)) as centre, count(*) as npos from pos),
		mad as (select median(abs(ln(u) - centre)) * 1.4826 as mad from pos, ctr),
		kept as (select pos.* from pos, ctr, mad where npos < 5
			or (u >= exp(centre) * 0.01 and u <= exp(centre) * 100 and abs(ln(u) - centre) <= 3 * greatest(mad, 0.15)))
		select count(*) as n, quantile_cont(u, [0.1, 0.25, 0.5, 0.75, 0.9]) as q, list(id) as ids, max(last_seen_at) as until from kept`
	);
	const p = prices.getRowObjectsJS()[0] as { n: number; q: number[] | null; ids: number[] | null; until: string | null };
	const ids = (p.ids ?? []).map(num);
	const empty = { compared: 0, percentiles: [], weeks: [], stars: [0, 0, 0, 0, 0], themes: [], drops: 0, exactIds: [] };
	if (ids.length === 0 || !p.until) return empty;
	const inList = ids.join(',');
	// The week of the newest snapshot is not over: the 52 weeks end the week before.
	const endWeek = addWeeks(weekStart(p.until), -1);
	const from52 = addWeeks(endWeek, -51);
	const weekly = await c.runAndReadAll(
		`with s as (select listing_id, observed_at as obs, sold_count as sold from snapshots where listing_id in (${inList}) and sold_count is not null),
		lst as (select listing_id, min(observed_at) as first_obs, max(observed_at) as last_obs, max(sold_lower_bound) as bucketed from snapshots
			where listing_id in (${inList}) and sold_count is not null group by listing_id),
		d as (select listing_id, obs as b, sold, lag(obs) over w as a, lag(sold) over w as prev from s window w as (partition by listing_id order by obs)),
		dropped as (select distinct listing_id from d where sold < prev),
		exact as (select lst.* from lst where bucketed = 0 and listing_id not in (select listing_id from dropped)),
		pairs as (select d.listing_id, a, b, (sold - prev) / datediff('day', a, b) as rate from d join exact using (listing_id) where prev is not null and b > a),
		wk as (select listing_id, a, b, rate, unnest(range(date_trunc('week', a)::timestamp, b::timestamp, interval 7 day)) as w from pairs),
		parts as (select wk.listing_id, w, rate * datediff('day', greatest(a, w), least(b, w + interval 7 day)) as units from wk
			join exact using (listing_id) where w >= first_obs and w + interval 7 day <= last_obs)
		select strftime(w, '%Y-%m-%d') as wk_start, sum(units) as units, (select count(*) from dropped) as drops, (select list(listing_id) from exact) as ids
		from parts where w >= DATE '${from52}' and w <= DATE '${endWeek}' group by w order by w`
	);
	const rows = weekly.getRowObjectsJS() as { wk_start: string; units: number; drops: number; ids: number[] | null }[];
	const byWeek = new Map(rows.map((r) => [r.wk_start, Math.round(num(r.units))]));
	const weeks = weekRange(from52, endWeek).map((w) => ({ weekStart: w, units: byWeek.get(w) ?? 0 }));
	const stars = await c.runAndReadAll(`select stars, count(*) as n from reviews where listing_id in (${inList}) and stars between 1 and 5 group by stars`);
	const starCounts = [0, 0, 0, 0, 0];
	for (const r of stars.getRowObjectsJS() as { stars: number; n: number }[]) starCounts[num(r.stars) - 1] = num(r.n);
	const themes = await c.runAndReadAll(
		`select ra.aspect, ra.polarity, count(distinct ra.review_id) as n from aspects ra join reviews r on r.id = ra.review_id
		 where r.listing_id in (${inList}) and r.analyzer_version is not null and ra.polarity <> 'neutral' group by all`
	);
	// Which aspects fit which category is a rule of ours (no "rasa" for pottery), applied to DuckDB's counts.
	const groups = (themes.getRowObjectsJS() as { aspect: Aspect; polarity: string; n: number }[])
		.map((t) => ({ ...t, n: num(t.n) }))
		.filter((t) => t.n >= 3 && aspectAllowed(t.aspect, category));
	const top = (polarity: string) =>
		groups
			.filter((t) => t.polarity === polarity)
			.sort((a, b) => b.n - a.n || a.aspect.localeCompare(b.aspect))
			.slice(0, 3)
			.map((t) => `${polarity === 'negative' ? '-' : '+'}${t.aspect}:${t.n}`);
	return {
		compared: num(p.n),
		percentiles: (p.q ?? []).map((x) => Math.round(num(x))),
		weeks,
		stars: starCounts,
		themes: [...top('negative'), ...top('positive')],
		drops: num(rows[0]?.drops ?? 0),
		exactIds: (rows[0]?.ids ?? []).map(num)
	};
}

export interface DuckReport {
	sqliteExtension: string;
	prepare: { seconds: number; reused: boolean; csvBytes: number };
	duckdbMs: ReturnType<typeof summary>;
	compared: number;
	mismatches: { productId: number; what: string; ours: unknown; duckdb: unknown }[];
	counterDrops: number;
}

/** Our weekly units (analysis/demand.ts) of the same exact-counter listings, rounded like DuckDB's. */
function exactWeekly(db: ReturnType<typeof openDatabase>, ids: number[], weeks: string[]): { weekStart: string; units: number }[] {
	if (weeks.length === 0) return [];
	const read = db.$client.prepare('select observed_at as observedAt, sold_count as sold from listing_snapshots where listing_id = ? and sold_count is not null order by observed_at');
	const series = ids.map((id) => weeklyDemand((read.all(id) as { observedAt: string; sold: number }[]).map((r) => ({ ...r, lowerBound: false })), weeks));
	const total = new Map(sumWeekly(series).map((p) => [p.weekStart, Math.round(p.units)]));
	return weeks.map((w) => ({ weekStart: w, units: total.get(w) ?? 0 }));
}

/** DuckDB's numbers and times for these products, checked against our dashboard's. */
export async function crossCheck(sqliteFile: string, duckFile: string, ids: number[], today: string): Promise<DuckReport> {
	const extension = await sqliteExtensionAvailable();
	const prepared = await prepareDuckDb(sqliteFile, duckFile);
	const instance = await DuckDBInstance.create(duckFile, { access_mode: 'READ_ONLY' });
	const c = await instance.connect();
	const db = openDatabase(sqliteFile);
	migrateDatabase(db);
	const times: number[] = [];
	const mismatches: DuckReport['mismatches'] = [];
	let drops = 0;
	// One warm-up query: DuckDB's first query pays for loading the tables' metadata.
	await c.runAndReadAll('select count(*) from snapshots');
	const bar = progressBar('  duckdb');
	let done = 0;
	for (const id of ids) {
		const product = (await getProduct(db, id))!;
		const t = performance.now();
		const d = await duckNumbers(c, id, product.categoryName);
		times.push(performance.now() - t);
		drops += d.drops;
		// Ours: the dashboard's stored market part (what productDashboard answers from).
		const m = await marketPart(db, product, today);
		if (!m) throw new Error(`product ${id}: no stored market part (the generation builds every one)`);
		const s = m.stats;
		const ours: Numbers = {
			compared: m.compared,
			percentiles: s ? [s.p10, s.p25, s.median, s.p75, s.p90] : [],
			weeks: exactWeekly(db, d.exactIds, d.weeks.map((w) => w.weekStart)),
			stars: m.reviews.starCounts,
			themes: [
				...m.reviews.complaints.map((t) => `-${t.aspect}:${t.count}`),
				...m.reviews.praises.map((t) => `+${t.aspect}:${t.count}`)
			]
		};
		for (const key of ['compared', 'percentiles', 'weeks', 'stars', 'themes'] as const) {
			if (JSON.stringify(ours[key]) !== JSON.stringify(d[key])) mismatches.push({ productId: id, what: key, ours: ours[key], duckdb: d[key] });
		}
		bar(++done, ids.length);
	}
	c.closeSync();
	db.$client.close();
	return {
		sqliteExtension: extension ? `not available (${extension})` : 'available',
		prepare: prepared,
		duckdbMs: summary(times),
		compared: ids.length,
		mismatches,
		counterDrops: drops
	};
}
