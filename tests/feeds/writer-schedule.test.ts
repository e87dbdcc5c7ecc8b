// The schedule on the background writer (issue 18): nothing is pulled or taken until the
// schedule is started (tests and commands get no timer they did not ask for); once started,
// a due feed is pulled and an inbox file taken by the writer's own queue, with the derived data
// rebuilt after; a stop ends the timer. An admin's "Tarik sekarang" goes through the same queue.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { WriterLoop } from '../../src/lib/server/derive/writer-loop';
import type { FromWriter } from '../../src/lib/server/derive/writer-protocol';
import { getFeed } from '../../src/lib/server/db/feeds';
import { DEFAULT_LIMITS } from '../../src/lib/server/feeds/fetch';
import { addFeed } from '../../src/lib/server/feeds/registry';
import type { ScheduleConfig } from '../../src/lib/server/feeds/config';
import { createTestDb } from '../fixtures/db';
import { sqlRows, sqlValue } from '../fixtures/sql';
import { createCategory, createMarketplace, createProduct } from '../fixtures/factories';
import { listingsCsv, startExportServer, type ExportServer } from '../fixtures/export-server';

const CSV = listingsCsv(
	[
		['K1', 'Kopi Robusta Temanggung 250 gr', 'Rp45.000', 120],
		['K2', 'Kopi Robusta Bubuk 250 gr', 'Rp40.000', 80]
	],
	new Date().toISOString().slice(0, 10)
).replaceAll(',sambal', ',kopi');

let dir: string;
let db: Db;
let server: ExportServer;
let messages: FromWriter[];
let loop: WriterLoop;

const config = (): ScheduleConfig => ({ tickMs: 50, inboxDir: dir, inboxSettleMs: 100, inboxEverySeconds: 7 * 86_400, limits: DEFAULT_LIMITS });

// Each wait's limit guards a hang, not a speed: a database's first import loads the 91,599
// regions first (row by row it took 12.1 s on PostgreSQL here; in batches since, 1.3 s; SQLite 0.6–2.4 s).
async function until<T>(what: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const v = await what();
		if (v) return v;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 25));
	}
}

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'despro-writer-inbox-'));
	db = createTestDb();
	server = await startExportServer({ body: CSV, contentType: 'text/csv' });
	messages = [];
	loop = new WriterLoop(db, (m) => messages.push(m), 10);
});
afterEach(async () => {
	await loop.handle({ type: 'stop' });
	await until(() => messages.some((m) => m.type === 'stopped'));
	await server.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the schedule on the background writer', () => {
	test('does nothing until started', async () => {
		const feed = await addFeed(db, { name: 'Kopi', url: server.url(), allowPrivate: true });
		writeFileSync(join(dir, 'kopi.csv'), CSV);
		await loop.handle({ type: 'refresh', scope: { categoryIds: [1] } });
		await until(() => messages.some((m) => m.type === 'refreshed'));
		await new Promise((r) => setTimeout(r, 300));
		expect(server.requests).toHaveLength(0);
		expect((await getFeed(db, feed.id))!.lastAttemptAt).toBeNull();
		expect(existsSync(join(dir, 'kopi.csv'))).toBe(true);
		expect(loop.feeds).toBeNull();
	});

	test('once started, pulls a due feed and takes an inbox file, and derives after; stopped, it takes nothing more', async () => {
		// A producer's coffee, waiting for a market to be compared with.
		await createMarketplace(db, 'tokopedia', 'Tokopedia');
		const kopi = await createCategory(db, { slug: 'kopi', name: 'Kopi', unitFamily: 'mass' });
		const product = await createProduct(db, { categoryId: kopi, name: 'Kopi Robusta Temanggung 250 gr', price: 42_000, keywords: 'kopi robusta', packQuantity: 250, unit: 'g', unitFamily: 'mass' });
		const feed = await addFeed(db, { name: 'Kopi', url: server.url(), allowPrivate: true });
		await loop.handle({ type: 'schedule', config: config() });
		const pulled = await until(async () => (await getFeed(db, feed.id))!.lastStatus);
		expect(pulled).toBe('imported');
		// Derived after the import, on the writer: the product's market part is built from the pulled listings.
		const part = await until(() => sqlValue<string>(db, 'select data from product_market where product_id = ?', product));
		expect(JSON.parse(part).compared).toBe(2);

		writeFileSync(join(dir, 'kopi-toko-lain.csv'), CSV.replaceAll('K1', 'K3').replaceAll('K2', 'K4'));
		// The file is moved first, then its record written (the record says where it went): wait for both.
		await until(async () => existsSync(join(dir, 'done', 'kopi-toko-lain.csv')) && (await sqlValue<number>(db, 'select count(*) from inbox_files'))! > 0);
		expect(await sqlRows(db, 'select status, rows from inbox_files')).toEqual([{ status: 'imported', rows: 2 }]);

		await loop.handle({ type: 'stop' });
		await until(() => messages.some((m) => m.type === 'stopped'));
		writeFileSync(join(dir, 'sesudah-berhenti.csv'), CSV.replaceAll('K1', 'K5'));
		await new Promise((r) => setTimeout(r, 400));
		expect(existsSync(join(dir, 'sesudah-berhenti.csv'))).toBe(true);
		// Two imports and a derive: about 5 s on a quiet machine, more on a busy one (each wait above has its own limit).
	}, 150_000);

	test('"Tarik sekarang" pulls through the same queue and answers with each result', async () => {
		const feed = await addFeed(db, { name: 'Kopi', url: server.url(), allowPrivate: true });
		await loop.handle({ type: 'pull-feeds', id: 7, feedIds: [feed.id] });
		const answer = await until(() => messages.find((m) => m.type === 'pulled'));
		expect(answer).toMatchObject({ type: 'pulled', id: 7, results: [{ feed: 'Kopi', status: 'imported', rows: 2, rejected: 0 }] });
	}, 90_000);
});
