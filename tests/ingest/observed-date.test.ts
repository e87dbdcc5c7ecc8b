// Where an import's date comes from, on the real files of ../shared/data: the content when it
// states one (search_id in Tokopedia URLs, review dates, Shopee shops' last activity), else the
// date the user gave; never the file's modification time, and a date in the file name only as a
// suggestion in the refusal. Issue 11: the April 2025 sambal scrape was dated 30 November 2026.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db';
import type { PgDb } from '../../src/lib/server/db/postgres';
import { importPath, importUpload } from '../../src/lib/server/write/imports';
import { listBatches } from '../../src/lib/server/read/imports';
import { readUploadForm } from '../../src/lib/server/write/imports-upload';
import { createTestDb, isPostgres } from '../fixtures/db';
import { sqlColumn, sqlValue } from '../fixtures/sql';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';

const TODAY = '2026-11-30';
const SAMBAL_RAW = 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv';
const SAMBAL_CLEAN = 'tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv';

// What each real file's content says about its date, with no date given by the user.
const EXPECTED: Record<string, { day: string; source: string } | { refused: RegExp; suggestion: string | null }> = {
	'tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv': { refused: /Nama berkas menyebut 9 Februari 2023/, suggestion: '2023-02-09' },
	'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv': { refused: /--observed-at/, suggestion: null },
	[SAMBAL_RAW]: { day: '2025-04-26', source: 'search-id' },
	[SAMBAL_CLEAN]: { refused: /--observed-at/, suggestion: null },
	'shopee-skincare-listings-2022/shopee_skincare_2022-11.csv': { refused: /Nama berkas menyebut November 2022/, suggestion: null },
	'shopee-earphone-listings-2025/products.csv': { day: '2025-11-25', source: 'shop-activity' },
	'lazada-iphone-listings-2025/lazada_iphone.csv': { refused: /--observed-at/, suggestion: null },
	'bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv': { refused: /--observed-at/, suggestion: null },
	'prdect-id-tokopedia-reviews/prdect_id.csv': { refused: /--observed-at/, suggestion: null },
	'tokopedia-fashion-reviews-2024/tokopedia_fashion_reviews.csv': { day: '2025-03-15', source: 'reviews' },
	'bukalapak-batik-shirt-reviews-2018-2023/bukalapak_reviews.csv': { day: '2023-05-15', source: 'reviews' },
	'tokopedia-product-reviews-rating/tokopedia_reviews.csv': { refused: /--observed-at/, suggestion: null }
};

const count = (db: ReturnType<typeof createTestDb>, sql: string, ...args: unknown[]) => sqlValue<number>(db, sql, ...args);

describe.skipIf(!hasSharedData)(`the observed date of real files ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 120_000 }, () => {
	test('every real file is dated by its content, or refused naming --observed-at', async () => {
		// The same twelve listing and review files as real-data.test.ts.
		expect(Object.keys(EXPECTED)).toHaveLength(12);
		for (const file of Object.keys(EXPECTED)) {
			const db = createTestDb();
			const [s] = await importPath(db, sharedPath(file), { today: TODAY });
			const want = EXPECTED[file];
			if ('day' in want) {
				expect({ file, status: s.status, observedAt: s.observedAt, source: s.observedSource }).toEqual({ file, status: 'done', observedAt: want.day, source: want.source });
				expect((await listBatches(db))[0]).toMatchObject({ observedAt: want.day, observedSource: want.source });
			} else {
				expect({ file, status: s.status }).toEqual({ file, status: 'failed' });
				expect(s.message, file).toMatch(want.refused);
				expect(s.message, file).toMatch(/--observed-at/);
				expect(s.dateSuggestion, file).toBe(want.suggestion);
				// Nothing of a refused file is loaded; the attempt is in the history with its reason.
				expect(await count(db, 'select count(*) from listings'), file).toBe(0);
				expect((await listBatches(db))[0]).toMatchObject({ status: 'failed', observedAt: null });
			}
		}
	});

	test('the sambal scrape: every row is dated 26 April 2025, also the 31 rows whose URL has no search_id', async () => {
		const db = createTestDb();
		// The form's date (pre-filled with today) does not override what the file says.
		const [s] = await importPath(db, sharedPath(SAMBAL_RAW), { observedAt: TODAY, observedAtSource: 'form', today: TODAY });
		expect(s).toMatchObject({ status: 'done', observedAt: '2025-04-26', observedSource: 'search-id' });
		expect(s.message).toContain('Tanggal data 26 April 2025, dari search_id di URL produk.');
		expect(s.message).toContain('Tanggal 30 November 2026 dari formulir tidak dipakai: isi berkas menyebut tanggalnya sendiri.');
		expect(await sqlColumn(db, 'select distinct observed_at from listing_snapshots')).toEqual(['2025-04-26']);
		expect(await sqlColumn(db, 'select distinct last_seen_at from listings')).toEqual(['2025-04-26']);
		expect(await count(db, "select count(*) from listings where url not like '%search_id%'")).toBeGreaterThan(20);
	});

	test('a file without a date in its content takes the date the user confirmed', async () => {
		const db = createTestDb();
		const [s] = await importPath(db, sharedPath(SAMBAL_CLEAN), { observedAt: '2025-04-26', today: TODAY });
		expect(s).toMatchObject({ status: 'done', observedAt: '2025-04-26', observedSource: 'cli' });
		expect(await sqlColumn(db, 'select distinct observed_at from listing_snapshots')).toEqual(['2025-04-26']);
	});

	test('a copy of the sambal file (new name, new modification time) keeps its content date', async () => {
		const copy = join(mkdtempSync(join(tmpdir(), 'despro-dates-')), 'salinan_2026-11-30.csv');
		copyFileSync(sharedPath(SAMBAL_RAW), copy);
		const [s] = await importPath(createTestDb(), copy, { today: TODAY });
		expect(s).toMatchObject({ observedAt: '2025-04-26', observedSource: 'search-id' });
	});
});

describe('dates that are never taken', { timeout: 120_000 }, () => {
	const dir = mkdtempSync(join(tmpdir(), 'despro-dates-'));
	const csv = 'title,price\nKopi Robusta 250 gr,Rp45.000\n';

	test("the file's modification time is not a date: a file without one is refused whatever its mtime", async () => {
		const path = join(dir, 'pasar.csv');
		writeFileSync(path, csv);
		utimesSync(path, new Date('2025-01-15T10:00:00Z'), new Date('2025-01-15T10:00:00Z'));
		const db = createTestDb();
		const [s] = await importPath(db, path, { today: TODAY });
		expect(s.status).toBe('failed');
		expect(s.message).toMatch(/tidak menyebut tanggal data diambil.*--observed-at/);
		expect(s.message).not.toMatch(/2025-01-15|15 Januari/);
	});

	test('a date column dates each row; a typed date in the future is refused', async () => {
		const path = join(dir, 'kolom.csv');
		writeFileSync(path, 'title,price,observed_at\nKopi A 250 gr,45000,2025-03-01\nKopi B 250 gr,46000,2025-03-01\nKopi C 250 gr,47000,2025-03-08\n');
		const db = createTestDb();
		const [s] = await importPath(db, path, { today: TODAY });
		expect(s).toMatchObject({ status: 'done', observedAt: '2025-03-01', observedSource: 'column' });
		expect(s.message).toContain('1 baris memakai tanggalnya sendiri dari isi berkas.');
		expect(await sqlColumn(db, 'select observed_at from listing_snapshots order by observed_at')).toEqual(['2025-03-01', '2025-03-01', '2025-03-08']);
		const [future] = await importPath(createTestDb(), join(dir, 'pasar.csv'), { observedAt: '2027-01-01', today: TODAY });
		expect(future.status).toBe('failed');
		expect(future.message).toMatch(/belum terjadi/);
	});

	test('/impor requires the date field and passes it on as the form’s date', async () => {
		const form = (fields: Record<string, string>) => {
			const data = new FormData();
			data.append('berkas', new File([csv], 'pasar.csv', { type: 'text/csv' }));
			for (const [k, v] of Object.entries(fields)) data.append(k, v);
			return new Request('http://x/impor', { method: 'POST', body: data });
		};
		expect(await readUploadForm(form({}))).toEqual({ ok: false, status: 422, message: 'Isi tanggal data diambil dari marketplace, misalnya 2025-04-26.' });
		expect(await readUploadForm(form({ tanggal: '26/04/2025' }))).toMatchObject({ ok: false, status: 422, message: expect.stringMatching(/TTTT-BB-HH/) });
		const ok = await readUploadForm(form({ tanggal: '2025-04-26' }));
		expect(ok.ok && ok.form.options).toEqual({ source: 'auto', map: undefined, observedAt: '2025-04-26', observedAtSource: 'form' });
		const db = createTestDb();
		const s = await importUpload(db, { fileName: 'pasar.csv', bytes: new TextEncoder().encode(csv) }, ok.ok ? ok.form.options : {});
		expect(s).toMatchObject({ status: 'done', observedAt: '2025-04-26', observedSource: 'form' });
	});

	test('the CLI refuses a file without a date (exit 1), printing the command with the file name’s date to confirm', async () => {
		const path = join(dir, 'pasar_2025-03-01.csv');
		writeFileSync(path, csv);
		const root = resolve(import.meta.dirname, '../..');
		// The database the command opens, one per argument count: a SQLite file, or in server-pg one
		// of the run's PostgreSQL databases.
		const pgDbs = new Map<number, Db>();
		const urlFor = (n: number) => {
			if (!isPostgres) return join(dir, `cli-${n}.db`);
			if (!pgDbs.has(n)) pgDbs.set(n, createTestDb());
			return (pgDbs.get(n)!.$client as unknown as PgDb['$client']).options.connectionString!;
		};
		const run = (...args: string[]) =>
			spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/import.ts'), ...args], {
				cwd: root,
				env: { ...process.env, DATABASE_URL: urlFor(args.length), IMPORT_NICE: '0' },
				encoding: 'utf8'
			});
		const refused = run(path);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/Nama berkas menyebut 1 Maret 2025: jika benar, jalankan lagi dengan --observed-at 2025-03-01\./);
		expect(refused.stderr).toContain(`Periksa dulu, lalu: npm run import -- ${path} --observed-at 2025-03-01`);
		expect(JSON.parse(refused.stdout.trim().split('\n').at(-1)!)).toMatchObject({ batch: expect.any(Number), inserted: 0, observedAt: null });
		const bad = run(path, '--observed-at', '01-03-2025');
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/--observed-at: Tanggal "01-03-2025" harus berbentuk TTTT-BB-HH/);
		const ok = run(path, '--observed-at', '2025-03-01');
		expect(ok.status).toBe(0);
		expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ inserted: 1, observedAt: '2025-03-01', observedSource: 'cli' });
		// The row is in the database the command was given.
		const target = isPostgres ? pgDbs.get(3)! : openDatabase(urlFor(3));
		expect(await sqlColumn(target, 'select observed_at from listing_snapshots')).toEqual(['2025-03-01']);
		if (!isPostgres) target.$client.close();
	});
});
