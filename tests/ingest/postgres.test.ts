// `npm run import` on PostgreSQL (issue 15): the same files imported, in the same order, into
// SQLite in memory and into a fresh PostgreSQL database give the same batch summaries and the
// same rows, table by table: listings, snapshots, reviews, shops, categories, the batch history
// and every rejected row with its line and reason. The files: a hand-written listing file with
// malformed rows, exact repeats, a repeated id with other values and same-titled listings without
// ids; the same file again; a later file that changes prices and adds a listing; a generated file
// large enough to be staged on several threads; and, when ../shared/data is present, a real
// listing file and a real review file imported twice. Then a merge that fails half-way leaves the
// PostgreSQL database exactly as it was (one transaction), and the next import works.
// Runs only when TEST_POSTGRES_URL names a server (.ci/run sets it).
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { migratePostgres, openPostgres, type PgDb } from '../../src/lib/server/db/postgres';
import { loadRegions } from '../../src/lib/server/db/regions';
import { allRows, exec } from '../../src/lib/server/db/run';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { runImport, type ImportSummary } from '../../src/lib/server/ingest/pipeline';
import { createTestDb } from '../fixtures/db';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL, type FreshPostgres } from '../fixtures/postgres';
import { hasSharedData, sharedPath } from '../fixtures/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'despro-pg-import-'));
function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

const HEADER = 'marketplace,listing_id,title,price,sold,rating,shop_name,location,category';
const FIRST = [
	HEADER,
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp45.000,1 rb+ terjual,4.8,Toko Kopi,Temanggung,kopi',
	'Tokopedia,A2,Sambal Bawang 150 gr,"Rp25.000",120,4.5,Dapur Ibu,Kab. Madiun,Aneka Sambal',
	'Shopee,B1,Kemeja Batik Pekalongan,Rp95.000,60+,4.9,Batik Jaya,Kota Pekalongan,batik',
	// Malformed: a price that is no number, a row without a title, a row cut short.
	'Shopee,B2,Tas Anyaman Rotan,murah,10,4.0,Rotan Lombok,Lombok Barat,anyaman',
	'Shopee,B3,,Rp10.000,5,4.0,Rotan Lombok,Lombok Barat,anyaman',
	'Shopee,B4,Pot Gerabah',
	// An exact repeat (a duplicate) and a repeated id with another price (rejected by the resolver).
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp45.000,1 rb+ terjual,4.8,Toko Kopi,Temanggung,kopi',
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp50.000,1 rb+ terjual,4.8,Toko Kopi,Temanggung,kopi',
	// Unknown place and an unmapped category (kept as written, counted in `unmapped`).
	'Lazada,C1,Headset Bluetooth Bass,Rp150.000,2 rb+,4.1,Toko Gadget,Negeri Antah,Earphone'
].join('\n');
const LATER = [
	HEADER,
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp47.500,2 rb+ terjual,4.8,Toko Kopi,Temanggung,kopi',
	'Tokopedia,A2,Sambal Bawang 150 gr,"Rp25.000",120,4.5,Dapur Ibu,Kab. Madiun,Aneka Sambal',
	'Shopee,B1,Kemeja Batik Pekalongan,Rp97.000,80+,4.9,Batik Jaya Baru,Kota Pekalongan,batik',
	'Shopee,B5,Kopi Gayo 200 gr,Rp60.000,15,4.7,Kopi Aceh,Aceh Tengah,kopi'
].join('\n');
// Without ids or URLs: same-titled listings are told apart by fingerprint ("#2").
const FINGERPRINTS = ['title,price,sold', 'Apple iPhone 13,8249000,113K', 'Apple iPhone 13,8249000,62K', 'Apple iPhone 13,8249000,62K'].join('\n');

// A broken scrape: NUL bytes and a bell character inside cells (PostgreSQL's text refuses NUL).
const BROKEN = [HEADER, 'Tokopedia,N1,Gula Aren\u0000Cair 1 kg,Rp30.000,50,4.6,Toko\u0000Aren,Banyumas,gula', 'Tokopedia,N2,Tikar\u0007Pandan,murah\u0000,5,4.0,Anyaman,Tasikmalaya,anyaman'].join('\n');

// A sales book: two weeks, an exact repeat, a week repeated with other units, an unknown product, an unreadable date.
const SALES_BOOK = ['product_id,week_start,units', '1,2026-11-23,9', '1,2026-11-16,11', '1,2026-11-23,9', '1,2026-11-16,12', '2,2026-11-16,3', '1,kemarin,4'].join('\n');

interface Step {
	name: string;
	path: () => string;
	observedAt: string;
	source?: string;
}

const TODAY = '2026-11-30';

/** The import steps, in order; a real file only where ../shared/data is present. */
function steps(generated: string): Step[] {
	const first = file('pasar_2025-03-01.csv', FIRST);
	const later = file('pasar_2025-03-08.csv', LATER);
	const fingerprints = file('lazada-like.csv', FINGERPRINTS);
	const out: Step[] = [
		{ name: 'a listing file with malformed and repeated rows', path: () => first, observedAt: '2025-03-01' },
		{ name: 'the same file again', path: () => first, observedAt: '2025-03-01' },
		{ name: 'a later file', path: () => later, observedAt: '2025-03-08' },
		{ name: 'an older file arriving late', path: () => file('pasar_2025-02-22.csv', [HEADER, FIRST.split('\n')[1].replace('Rp45.000', 'Rp40.000')].join('\n')), observedAt: '2025-02-22' },
		{ name: 'same-titled listings without ids', path: () => fingerprints, observedAt: '2025-03-01', source: 'lazada-iphone' },
		{ name: 'same-titled listings without ids, a week later', path: () => fingerprints, observedAt: '2025-03-08', source: 'lazada-iphone' },
		{ name: 'a generated file staged on several threads', path: () => generated, observedAt: '2025-06-02' },
		{ name: 'a scrape with NUL bytes', path: () => file('rusak.csv', BROKEN), observedAt: '2025-06-02' }
	];
	if (hasSharedData) {
		out.push(
			{ name: 'a real listing file', path: () => sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'), observedAt: '2025-06-02' },
			{ name: 'a real review file', path: () => sharedPath('tokopedia-product-reviews-rating/tokopedia_reviews.csv'), observedAt: '2025-06-02' },
			{ name: 'the real review file again', path: () => sharedPath('tokopedia-product-reviews-rating/tokopedia_reviews.csv'), observedAt: '2025-06-02' },
			{ name: 'a real review file with companions', path: () => sharedPath('bukalapak-batik-shirt-reviews-2018-2023/bukalapak_reviews.csv'), observedAt: '2025-06-02' }
		);
	}
	return out;
}

/** Tables compared, each in an order both engines give the same way; timestamps of the moment left out. */
const TABLES: [table: string, orderBy: string, leaveOut: string[]][] = [
	['marketplaces', 'id', []],
	['categories', 'id', []],
	['shops', 'id', []],
	['listings', 'id', []],
	['listing_snapshots', 'listing_id, observed_at', []],
	['reviews', 'id', []],
	['import_batches', 'id', ['started_at', 'finished_at']],
	['import_rejections', 'batch_id, line, reason_id', []],
	['meta', 'key', ['updated_at']],
	['sales', 'product_id, week_start', ['recorded_at']]
];

/** Rows of `table` as plain values: booleans as SQLite stores them (0/1). */
async function rowsOf(db: Db, table: string, orderBy: string, leaveOut: string[]): Promise<Record<string, unknown>[]> {
	const rows = await allRows<Record<string, unknown>>(db, sql.raw(`select * from "${table}" order by ${orderBy}`));
	return rows.map((row) =>
		Object.fromEntries(Object.entries(row).flatMap(([k, v]) => (leaveOut.includes(k) ? [] : [[k, typeof v === 'boolean' ? Number(v) : v]])))
	);
}

/** What a summary says, without the times it took. */
function said(s: ImportSummary) {
	const { ms: _ms, lockMs: _lockMs, phases: _phases, ...rest } = s;
	return rest;
}

async function importAll(db: Db, all: Step[]): Promise<ReturnType<typeof said>[]> {
	const out = [];
	for (const step of all) {
		const s = await runImport(db, { fileName: step.path().split('/').pop()!, path: step.path() }, { observedAt: step.observedAt, source: step.source, today: TODAY });
		out.push(said(s));
	}
	return out;
}

describe.skipIf(!TEST_POSTGRES_URL)(`npm run import on PostgreSQL ${TEST_POSTGRES_URL ? '' : `(${NO_POSTGRES})`}`, { timeout: 300_000 }, () => {
	let fresh: FreshPostgres;
	let pg: PgDb;
	let lite: Db;
	let all: Step[];
	let liteSummaries: ReturnType<typeof said>[];
	let pgSummaries: ReturnType<typeof said>[];

	beforeAll(async () => {
		const generated = join(dir, 'generated.csv');
		// 60,000 rows: staged in several parts (csv-parallel.ts), and past the merge's index-deferring threshold.
		await writeGenericListings(generated, 60_000);
		all = steps(generated);
		fresh = await freshPostgresDatabase('import');
		await migratePostgres(fresh.url);
		pg = openPostgres(fresh.url);
		lite = createTestDb();
		await loadRegions(lite);
		await loadRegions(pg as unknown as Db);
		liteSummaries = await importAll(lite, all);
		pgSummaries = await importAll(pg as unknown as Db, all);
		// A producers' sales book (ingest/sales.ts), into a product that exists on both.
		const book = file('buku-penjualan.csv', SALES_BOOK);
		for (const [db, out] of [[lite, liteSummaries], [pg as unknown as Db, pgSummaries]] as const) {
			await exec(db, sql.raw(`insert into producers (name, created_at) values ('Bu Ani', '2026-01-01')`));
			await exec(
				db,
				sql.raw(`insert into products (producer_id, name, category_id, price, pack_quantity, unit, unit_family, keywords, created_at, updated_at)
					values (1, 'Kopi Bu Ani', 1, 45000, 250, 'g', 'mass', 'kopi', '2026-01-01', '2026-01-01')`)
			);
			out.push(said(await runImport(db, { fileName: 'buku-penjualan.csv', path: book }, { source: 'sales', today: TODAY })));
		}
	}, 600_000);

	afterAll(async () => {
		await pg?.$client.end();
		await fresh?.drop();
		rmSync(dir, { recursive: true, force: true });
	});

	test('every batch summary is the same on both engines, and says what happened', () => {
		expect(pgSummaries).toEqual(liteSummaries);
		const [first, again, later] = pgSummaries;
		// 9 data rows: 3 malformed (price, title, too few columns), 1 exact repeat, 1 repeated id with another price.
		expect(first).toMatchObject({ status: 'done', rows: 9, inserted: 4, duplicates: 1, rejected: 4 });
		// The row refused as a conflict the first time now corrects the stored snapshot of that day (the loader's rule).
		expect(again).toMatchObject({ status: 'done', rows: 9, inserted: 0, updated: 1, duplicates: 5, rejected: 3 });
		expect(again.message).toMatch(/sudah diimpor di batch #1/);
		expect(later).toMatchObject({ inserted: 1, updated: 3, duplicates: 0, rejected: 0 });
		expect(pgSummaries[6]).toMatchObject({ status: 'done', rows: 60_000, inserted: 60_000 });
		expect(pgSummaries.at(-1)).toMatchObject({ status: 'done', source: 'sales', rows: 6, inserted: 2, duplicates: 1, rejected: 3 });
	});

	test('a scrape with NUL bytes imports: control characters become spaces, the unreadable row is reported', async () => {
		expect(pgSummaries[7]).toMatchObject({ status: 'done', rows: 2, inserted: 1, rejected: 1 });
		const db = pg as unknown as Db;
		expect(await allRows(db, sql`select title from listings where title like 'Gula Aren%'`)).toEqual([{ title: 'Gula Aren Cair 1 kg' }]);
		const [rejected] = await allRows<{ raw: string }>(db, sql`select raw from import_rejections where raw like '%Pandan%'`);
		expect(rejected.raw).toContain('murah\ufffd');
	});

	test.each(TABLES)('table %s holds the same rows on both engines', async (table, orderBy, leaveOut) => {
		const [a, b] = [await rowsOf(lite, table, orderBy, leaveOut), await rowsOf(pg as unknown as Db, table, orderBy, leaveOut)];
		expect(b.length).toBe(a.length);
		expect(b).toEqual(a);
	});

	test('rejected rows keep their line in the file and their reason', async () => {
		const rejections = await rowsOf(pg as unknown as Db, 'import_rejections', 'batch_id, line, reason_id', []);
		const first = rejections.filter((r) => r.batch_id === 1);
		expect(first.map((r) => r.line)).toEqual([5, 6, 7, 9]);
		expect(first[3]).toMatchObject({ reason_id: expect.stringMatching(/Baris ganda/), raw: FIRST.split('\n')[8] });
	});

	test('a merge that fails half-way leaves PostgreSQL as it was; the next import works', async () => {
		const db = pg as unknown as Db;
		const before = await Promise.all(TABLES.filter(([t]) => t !== 'import_batches').map(([t, o, l]) => rowsOf(db, t, o, l)));
		// The failure comes late in the merge: after the listings and snapshots are written, at the rejected rows.
		await exec(db, sql.raw(`create function refuse_rejection() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$`));
		await exec(db, sql.raw(`create trigger refuse_rejection before insert on import_rejections for each row execute function refuse_rejection()`));
		const failing = file('gagal.csv', [HEADER, 'Tokopedia,Z1,Kopi Luwak 100 gr,Rp200.000,5,5.0,Toko Baru,Temanggung,kopi', 'Tokopedia,Z2,,Rp1,1,1,x,y,kopi'].join('\n'));
		const s = await runImport(db, { fileName: 'gagal.csv', path: failing }, { observedAt: '2025-03-15', today: TODAY });
		expect(s).toMatchObject({ status: 'failed', inserted: 0 });
		expect(s.messageEn).toMatch(/^Import failed/);
		const after = await Promise.all(TABLES.filter(([t]) => t !== 'import_batches').map(([t, o, l]) => rowsOf(db, t, o, l)));
		expect(after).toEqual(before);
		// The failed attempt is in the history, with its reason.
		const batches = await rowsOf(db, 'import_batches', 'id', []);
		expect(batches.at(-1)).toMatchObject({ status: 'failed', filename: 'gagal.csv' });

		await exec(db, sql.raw(`drop trigger refuse_rejection on import_rejections`));
		const again = await runImport(db, { fileName: 'gagal.csv', path: failing }, { observedAt: '2025-03-15', today: TODAY });
		expect(again).toMatchObject({ status: 'done', inserted: 1, rejected: 1 });
	});
});
