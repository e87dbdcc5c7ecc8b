// Feeds against a real local HTTP server started by the test, serving a changing export
// (issue 18): the first pull imports, an unchanged export is skipped by its ETag, a changed one
// adds snapshots, a failing one (500, timeout, oversize, wrong type) is recorded with its
// reason and retried on its schedule with nothing lost, and a feed without new data for its
// period and a day is late. Time is moved by hand (the pullers take a clock).
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { claimFeed, getFeed, recentRuns, releaseFeed } from '../../src/lib/server/db/feeds';
import { pullFeed, type PullOptions } from '../../src/lib/server/feeds/pull';
import { addFeed } from '../../src/lib/server/feeds/registry';
import { FeedSchedule } from '../../src/lib/server/feeds/scheduler';
import { scheduleConfigFromEnv } from '../../src/lib/server/feeds/config';
import { lateSources, feedViews } from '../../src/lib/server/feeds/status';
import { DEFAULT_LIMITS } from '../../src/lib/server/feeds/fetch';
import { eq } from 'drizzle-orm';
import { exec } from '../../src/lib/server/db/run';
import { feeds } from '../../src/lib/server/db/schema';
import { createTestDb } from '../fixtures/db';
import { sqlExec, sqlRow, sqlRows, sqlValue } from '../fixtures/sql';
import { etagOf, listingsCsv, startExportServer, type ExportServer } from '../fixtures/export-server';
import { inlineWorkbook, sheetXml } from '../fixtures/zip';

const WEEK1 = listingsCsv([
	['S1', 'Sambal Pecel Madiun 250 gr', 'Rp15.000', 120],
	['S2', 'Sambal Pecel Pedas 250 gr', 'Rp17.000', 80],
	['S3', 'Sambal Kacang Pecel 500 gr', 'Rp28.000', 40]
]);
const WEEK2 = listingsCsv([
	['S1', 'Sambal Pecel Madiun 250 gr', 'Rp16.000', 150],
	['S2', 'Sambal Pecel Pedas 250 gr', 'Rp17.000', 95],
	['S3', 'Sambal Kacang Pecel 500 gr', 'Rp28.000', 52],
	['S4', 'Sambal Pecel Jeruk Purut 250 gr', 'Rp19.000', 7]
]);

let server: ExportServer;
let db: Db;
let clock: Date;
const now = () => clock;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const opts = (extra: Partial<PullOptions> = {}): PullOptions => ({ owner: 'test/1/server/a', now, limits: { ...DEFAULT_LIMITS, timeoutMs: 2000 }, ...extra });
const snapshots = () => sqlValue<number>(db, 'select count(*) from listing_snapshots');
const batches = () => sqlValue<number>(db, "select count(*) from import_batches where status = 'done'");
/** What an admin's edit of the feed's "allow private addresses" leaves in the database (a boolean column on both engines). */
const setAllowPrivate = (id: number, allow: boolean) => exec(db, db.update(feeds).set({ allowPrivate: allow }).where(eq(feeds.id, id)));

async function newFeed(url = server.url(), extra = {}) {
	return addFeed(db, { name: 'Ekspor sambal', url, every: '1w', allowPrivate: true, ...extra }, { now: clock });
}

beforeEach(async () => {
	db = createTestDb();
	clock = new Date('2026-03-02T03:00:00Z');
	server = await startExportServer({ body: WEEK1, contentType: 'text/csv; charset=utf-8' });
});
afterEach(() => server.close());
afterAll(() => vi.restoreAllMocks());

describe('a feed serving a weekly export', () => {
	test('first pull imports, unchanged is skipped by its ETag, a changed export adds snapshots', async () => {
		const feed = await newFeed();
		const first = await pullFeed(db, feed.id, opts());
		expect(first).toMatchObject({ feed: 'Ekspor sambal', status: 'imported', rows: 3, rejected: 0 });
		expect(first!.batch).toBeGreaterThan(0);
		expect(await snapshots()).toBe(3);
		// The export states no date: it is dated by the day it was pulled, and says so.
		const batch = await sqlRow(db, 'select observed_at, observed_source, filename from import_batches where id = ?', first!.batch);
		expect(batch).toEqual({ observed_at: '2026-03-02', observed_source: 'feed', filename: 'sumber-ekspor-sambal.csv' });
		const after = (await getFeed(db, feed.id))!;
		expect(after).toMatchObject({ etag: etagOf(WEEK1), lastStatus: 'imported', lastRows: 3, lastRejected: 0, failures: 0, nextRunAt: '2026-03-09T03:00:00.000Z' });

		// A week later the partner has not published: the server answers 304 to our ETag.
		advance(7 * DAY);
		const second = await pullFeed(db, feed.id, opts());
		expect(second).toEqual({ feed: 'Ekspor sambal', status: 'unchanged', batch: null, rows: 0, rejected: 0 });
		expect(server.requests.at(-1)!.ifNoneMatch).toBe(etagOf(WEEK1));
		expect(await snapshots()).toBe(3);
		expect(await batches()).toBe(1);
		expect((await recentRuns(db, feed.id, 1))[0]).toMatchObject({ status: 'unchanged', httpStatus: 304 });
		// Unchanged: looked at again within a day, not a week.
		expect((await getFeed(db, feed.id))!.nextRunAt).toBe('2026-03-10T03:00:00.000Z');

		// The next day the new export is there: new snapshots, dated that day, one new listing.
		advance(DAY);
		server.state = { body: WEEK2, contentType: 'text/csv' };
		const third = await pullFeed(db, feed.id, opts());
		expect(third).toMatchObject({ status: 'imported', rows: 4, rejected: 0 });
		expect(await snapshots()).toBe(7);
		const s1 = await sqlRows(db, "select s.observed_at as day, s.price from listing_snapshots s join listings l on l.id = s.listing_id where l.external_id = 'id:S1' order by day");
		expect(s1).toEqual([
			{ day: '2026-03-02', price: 15000 },
			{ day: '2026-03-10', price: 16000 }
		]);
	});

	test('the same bytes under a new ETag are unchanged too (the content hash)', async () => {
		const feed = await newFeed();
		await pullFeed(db, feed.id, opts());
		advance(7 * DAY);
		server.state = { body: WEEK1, contentType: 'text/csv', etag: '"regenerated"' };
		expect(await pullFeed(db, feed.id, opts())).toMatchObject({ status: 'unchanged' });
		expect(await batches()).toBe(1);
		expect((await getFeed(db, feed.id))!.etag).toBe('"regenerated"');
	});

	test("a date in the export's own rows wins over the pull day", async () => {
		server.state = { body: listingsCsv([['S1', 'Sambal Pecel Madiun 250 gr', 'Rp15.000', 120]], '2026-02-27'), contentType: 'text/csv' };
		const feed = await newFeed();
		const r = await pullFeed(db, feed.id, opts());
		expect(await sqlRow(db, 'select observed_at, observed_source from import_batches where id = ?', r!.batch)).toEqual({ observed_at: '2026-02-27', observed_source: 'column' });
	});

	test('JSON Lines, JSON, XLSX and gzip-compressed CSV, with or without a useful type, are read as what they are', async () => {
		const rows = [
			{ marketplace: 'Tokopedia', listing_id: 'J1', title: 'Sambal Pecel Madiun 250 gr', price: 'Rp15.000', category: 'sambal' },
			{ marketplace: 'Tokopedia', listing_id: 'J2', title: 'Sambal Pecel Pedas 250 gr', price: 'Rp17.000', category: 'sambal' }
		];
		server.state = { body: rows.map((r) => JSON.stringify(r)).join('\n'), contentType: 'application/x-ndjson' };
		const jsonl = await newFeed(server.url('/ekspor'));
		expect(await pullFeed(db, jsonl.id, opts())).toMatchObject({ status: 'imported', rows: 2 });
		server.state = { body: JSON.stringify(rows), contentType: 'application/octet-stream' };
		const json = await newFeed(server.url('/api/listings.json'), { name: 'Ekspor json' });
		expect(await pullFeed(db, json.id, opts())).toMatchObject({ status: 'imported', rows: 2 });
		server.state = { body: WEEK2, contentType: 'text/plain', gzip: true, chunked: true };
		const gz = await newFeed(server.url('/x'), { name: 'Ekspor gzip' });
		expect(await pullFeed(db, gz.id, opts())).toMatchObject({ status: 'imported', rows: 4 });
		// A workbook, by its type, and by its first bytes where the type says nothing.
		const workbook = inlineWorkbook(sheetXml([['marketplace', 'listing_id', 'title', 'price', 'category'], ['Tokopedia', 'X1', 'Sambal Pecel Madiun 250 gr', 'Rp15.000', 'sambal']]));
		server.state = { body: workbook, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
		const xlsx = await newFeed(server.url('/ekspor.xlsx'), { name: 'Ekspor xlsx' });
		expect(await pullFeed(db, xlsx.id, opts())).toMatchObject({ status: 'imported', rows: 1 });
		server.state = { body: workbook, contentType: 'application/octet-stream' };
		const sniffed = await newFeed(server.url('/unduh?id=7'), { name: 'Ekspor tanpa jenis' });
		expect(await pullFeed(db, sniffed.id, opts())).toMatchObject({ status: 'imported', rows: 1 });
	});
});

describe('a failing source is recorded with its reason and retried on schedule, with nothing lost', () => {
	test('500, then fixed: the retry comes 15 minutes later and imports everything', async () => {
		server.state = { body: 'Internal error', contentType: 'text/plain', status: 500 };
		const feed = await newFeed();
		const failed = await pullFeed(db, feed.id, opts());
		expect(failed).toEqual({ feed: 'Ekspor sambal', status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Server sumber menjawab 500 (Internal Server Error).' });
		const row = (await getFeed(db, feed.id))!;
		expect(row).toMatchObject({ lastStatus: 'failed', failures: 1, etag: null, contentHash: null, nextRunAt: '2026-03-02T03:15:00.000Z' });
		expect((await recentRuns(db, feed.id, 1))[0]).toMatchObject({ status: 'failed', httpStatus: 500, error: failed!.error });
		expect((await feedViews(db, clock))[0].lastAttempt).toBe('baru saja (2 Maret 2026): gagal. Server sumber menjawab 500 (Internal Server Error).');

		// The schedule is what retries it: not due yet, then due once its time came.
		const schedule = new FeedSchedule(db, { ...scheduleConfigFromEnv({}), inboxDir: null }, { owner: 'test/1/server/a', now, log: () => {} });
		advance(10 * 60_000);
		expect(await schedule.due()).toEqual([]);
		server.state = { body: WEEK1, contentType: 'text/csv' };
		advance(6 * 60_000);
		expect(await schedule.due()).toEqual([{ kind: 'feed', id: feed.id }]);
		expect(await schedule.run({ kind: 'feed', id: feed.id })).toMatchObject({ status: 'imported', rows: 3 });
		expect(await snapshots()).toBe(3);
		expect(await getFeed(db, feed.id)).toMatchObject({ failures: 0, lastError: null, lastStatus: 'imported' });
	});

	test('failures in a row wait longer each time, never longer than the period', async () => {
		server.state = { body: 'x', contentType: 'text/plain', status: 503 };
		const feed = await newFeed();
		const waits: number[] = [];
		for (let i = 0; i < 4; i++) {
			await pullFeed(db, feed.id, opts());
			const next = Date.parse((await getFeed(db, feed.id))!.nextRunAt);
			waits.push((next - clock.getTime()) / 60_000);
			clock = new Date(next);
		}
		expect(waits).toEqual([15, 30, 60, 120]);
		expect((await getFeed(db, feed.id))!.failures).toBe(4);
	});

	test('a source that does not answer in time', async () => {
		server.state = { body: WEEK1, contentType: 'text/csv', delayMs: 1500 };
		const feed = await newFeed();
		const r = await pullFeed(db, feed.id, opts({ limits: { ...DEFAULT_LIMITS, timeoutMs: 300 } }));
		expect(r).toMatchObject({ status: 'failed', error: 'Sumber tidak selesai menjawab dalam 1 detik.' });
		expect(await snapshots()).toBe(0);
	});

	test('an export larger than the limit, declared or not', async () => {
		const big = listingsCsv(Array.from({ length: 200 }, (_, i) => [`B${i}`, `Sambal Pecel ${i} 250 gr`, 'Rp15.000', i] as [string, string, string, number]));
		const limits = { ...DEFAULT_LIMITS, maxBytes: 2000 };
		server.state = { body: big, contentType: 'text/csv' };
		const feed = await newFeed();
		const declared = await pullFeed(db, feed.id, opts({ limits }));
		expect(declared).toMatchObject({ status: 'failed' });
		expect(declared!.error).toMatch(/lebih besar dari batas 2 KB \(FEED_MAX_BYTES\)/);
		server.state = { body: big, contentType: 'text/csv', chunked: true };
		advance(HOUR);
		expect((await pullFeed(db, feed.id, opts({ limits })))!.error).toMatch(/lebih besar dari batas/);
		// Compressed small, large unpacked: counted after unpacking.
		server.state = { body: big, contentType: 'text/csv', gzip: true };
		advance(HOUR);
		expect((await pullFeed(db, feed.id, opts({ limits })))!.error).toMatch(/lebih besar dari batas/);
		expect(await snapshots()).toBe(0);
	});

	test('the wrong type: an HTML page (a login or error page) is not imported', async () => {
		server.state = { body: '<!DOCTYPE html><html><body>Masuk dulu</body></html>', contentType: 'text/html' };
		const feed = await newFeed();
		const r = await pullFeed(db, feed.id, opts());
		expect(r!.error).toMatch(/^Sumber mengirim text\/html, bukan CSV, JSON, JSON Lines atau XLSX\./);
		server.state = { body: '<!DOCTYPE html><html><body>Masuk dulu</body></html>', contentType: 'text/plain' };
		advance(HOUR);
		expect((await pullFeed(db, feed.id, opts()))!.error).toMatch(/^Sumber mengirim halaman web \(HTML\)/);
		expect(await batches()).toBe(0);
	});

	test('an export whose every row is rejected fails with the batch to look at, and is pulled in full again', async () => {
		server.state = { body: 'marketplace,listing_id,title,price\nTokopedia,X1,,\n', contentType: 'text/csv' };
		const feed = await newFeed();
		const r = await pullFeed(db, feed.id, opts());
		expect(r).toMatchObject({ status: 'failed', rows: 1, rejected: 1 });
		expect(r!.batch).toBeGreaterThan(0);
		expect(r!.error).toMatch(/Semua baris ditolak/);
		expect((await getFeed(db, feed.id))!.etag).toBeNull();
		server.requests.length = 0;
		advance(HOUR);
		await pullFeed(db, feed.id, opts());
		expect(server.requests[0].ifNoneMatch).toBeNull();
	});

	test('redirects are followed, up to a limit', async () => {
		server.state = { body: WEEK1, contentType: 'text/csv', redirectTo: '/baru/ekspor.csv' };
		const feed = await newFeed(server.url('/lama.csv'));
		expect(await pullFeed(db, feed.id, opts())).toMatchObject({ status: 'imported', rows: 3 });
		// With no redirect allowed, the same answer is a failure with its reason.
		const strict = await newFeed(server.url('/lama.csv'), { name: 'Ketat' });
		const r = await pullFeed(db, strict.id, opts({ limits: { ...DEFAULT_LIMITS, maxRedirects: 0 } }));
		expect(r).toMatchObject({ status: 'failed', error: 'Sumber mengalihkan lebih dari 0 kali.' });
	});

	test('a name is checked at connection time: localhost is refused unless allowed, and pulled when allowed', async () => {
		const url = server.url().replace('127.0.0.1', 'localhost');
		const feed = await newFeed(url, { allowPrivate: true });
		await setAllowPrivate(feed.id, false);
		const refused = await pullFeed(db, feed.id, opts());
		expect(refused!.error).toMatch(/^Nama server "localhost" menunjuk ke jaringan lokal \((127\.0\.0\.1|::1)\)/);
		expect(server.requests).toHaveLength(0);
		await setAllowPrivate(feed.id, true);
		advance(HOUR);
		expect(await pullFeed(db, feed.id, opts())).toMatchObject({ status: 'imported', rows: 3 });
	});

	test('a private address is refused at pull time when the feed does not allow it', async () => {
		const feed = await newFeed(server.url(), { allowPrivate: true });
		await setAllowPrivate(feed.id, false);
		const r = await pullFeed(db, feed.id, opts());
		expect(r!.error).toMatch(/^Alamat 127\.0\.0\.1 ada di jaringan lokal/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('one puller at a time', () => {
	test('a feed held by another running puller is left alone, and not due for the schedule', async () => {
		const feed = await newFeed();
		// Held by this very process under another name (alive), for the next two hours.
		const other = `${hostname()}/${process.pid}/cli/zz`;
		expect(await claimFeed(db, feed.id, other, clock.toISOString(), new Date(clock.getTime() + 2 * HOUR).toISOString())).toBe(true);
		expect(await pullFeed(db, feed.id, opts())).toBeNull();
		const schedule = new FeedSchedule(db, { ...scheduleConfigFromEnv({}), inboxDir: null }, { owner: 'test/1/server/a', now, log: () => {} });
		expect(await schedule.due()).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});

	test('a puller that may wait (the CLI) pulls once the other let go', async () => {
		const feed = await newFeed();
		const other = `${hostname()}/${process.pid}/server/zz`;
		await claimFeed(db, feed.id, other, clock.toISOString(), new Date(clock.getTime() + 2 * HOUR).toISOString());
		setTimeout(async () => releaseFeed(db, feed.id, other), 700);
		const t0 = Date.now();
		expect(await pullFeed(db, feed.id, opts({ waitMs: 10_000 }))).toMatchObject({ status: 'imported' });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
	});

	test('a lease left by a process that is gone is taken over', async () => {
		const feed = await newFeed();
		const gone = `${hostname()}/999999999/cli/zz`;
		await claimFeed(db, feed.id, gone, clock.toISOString(), new Date(clock.getTime() + 2 * HOUR).toISOString());
		expect(await pullFeed(db, feed.id, opts())).toMatchObject({ status: 'imported' });
		expect((await getFeed(db, feed.id))!.leaseOwner).toBeNull();
	});
});

describe('a feed removed while it is being pulled', () => {
	test('the pull ends quietly: the data it brought stays, and nothing is recorded for the removed feed', async () => {
		server.state = { body: WEEK1, contentType: 'text/csv', delayMs: 400 };
		const feed = await newFeed();
		const pulling = pullFeed(db, feed.id, opts());
		await new Promise((r) => setTimeout(r, 100));
		// The admin's "Hapus sumber" while the export is still coming in.
		await sqlExec(db, 'delete from feeds where id = ?', feed.id);
		const r = await pulling;
		expect(r).toMatchObject({ feed: 'Ekspor sambal', status: 'imported', rows: 3 });
		expect(await snapshots()).toBe(3);
		expect(await getFeed(db, feed.id)).toBeNull();
		expect(await sqlValue(db, 'select count(*) from feed_runs')).toBe(0);
	}, 20_000);
});

describe('late', () => {
	test('a feed without new data for its period and a day is late: on the status, and logged once', async () => {
		const feed = await newFeed();
		await pullFeed(db, feed.id, opts());
		const lines: string[] = [];
		const schedule = new FeedSchedule(db, { ...scheduleConfigFromEnv({}), inboxDir: null }, { owner: 'test/1/server/a', now, log: (l) => lines.push(l) });
		// Unchanged every day since: the partner stopped publishing.
		for (let d = 0; d < 8; d++) {
			advance(DAY);
			await pullFeed(db, feed.id, opts());
			await schedule.noteLate();
		}
		expect(await lateSources(db, clock, null)).toEqual([]);
		advance(DAY);
		await pullFeed(db, feed.id, opts());
		await schedule.noteLate();
		await schedule.noteLate();
		expect(await lateSources(db, clock, null)).toEqual([{ name: 'Ekspor sambal', text: 'Terlambat 2 hari: data baru seharusnya masuk 9 Maret 2026.' }]);
		expect((await feedViews(db, clock))[0]).toMatchObject({ late: true, lastStatus: 'unchanged' });
		expect(lines).toEqual(['[peringatan] Sumber "Ekspor sambal" terlambat 2 hari: data baru seharusnya masuk 9 Maret 2026.']);
		// New data ends the spell; a later spell is logged again.
		server.state = { body: WEEK2, contentType: 'text/csv' };
		await pullFeed(db, feed.id, opts());
		expect(await lateSources(db, clock, null)).toEqual([]);
		advance(9 * DAY);
		await schedule.noteLate();
		expect(lines).toHaveLength(2);
	});
});
