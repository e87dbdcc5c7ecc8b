// The background writer: refresh requests that arrive together cost one refresh; uploads are
// imported on it with progress; and on its own thread (the bundled entry, as `npm start` runs
// it) an import finishes while the request thread keeps running, and a reader on the request
// thread's connection then sees the new listings and their derived data.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { migrateAny, openDatabase } from '../../src/lib/server/db';
import { closeDatabase } from '../../src/lib/server/db/connection';
import { BackgroundWriter } from '../../src/lib/server/derive/writer';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { mergeScope, WriterLoop } from '../../src/lib/server/derive/writer-loop';
import type { FromWriter } from '../../src/lib/server/derive/writer-protocol';
import { writeGenericListings } from '../../src/lib/server/ingest/generate';
import { createTestDb, isPostgres, postgresTestUrl } from '../fixtures/db';
import { createCategory, createListing, createMarketplace, createProducer, createProduct } from '../fixtures/factories';
import { sqlValue } from '../fixtures/sql';

const dir = mkdtempSync(join(tmpdir(), 'despro-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = [
	'marketplace,listing_id,title,price,sold,location,category',
	'Tokopedia,A1,Kopi Robusta Temanggung 250 gr,Rp45.000,120,Temanggung,kopi',
	'Tokopedia,A2,Kopi Robusta Bubuk 250 gr,Rp40.000,80,Temanggung,kopi'
].join('\n');

function waitFor(messages: FromWriter[], type: FromWriter['type'], ms = 60_000): Promise<FromWriter> {
	const deadline = Date.now() + ms;
	return new Promise((done, fail) => {
		const check = () => {
			const m = messages.find((x) => x.type === type);
			if (m) return done(m);
			if (Date.now() > deadline) return fail(new Error(`no ${type} message`));
			setTimeout(check, 20);
		};
		check();
	});
}

/** Six coffee listings in one category: a market a new product can be compared with. */
async function kopiMarket() {
	const db = createTestDb();
	await createMarketplace(db);
	const category = await createCategory(db, { slug: 'kopi', name: 'Kopi', unitFamily: 'mass' });
	for (let i = 0; i < 6; i++) await createListing(db, { categoryId: category, title: `Kopi Robusta ${i} 250 gr`, price: 40_000 + i * 1000 });
	return { db, category };
}

describe('scopes', () => {
	test('an empty scope means everything; others are unions', () => {
		const a = mergeScope(null, { categoryIds: [1], productIds: [7] });
		const b = mergeScope(a, { categoryIds: [2] });
		expect([...b.categories]).toEqual([1, 2]);
		expect([...b.products]).toEqual([7]);
		expect(b.all).toBe(false);
		expect(mergeScope(b, {}).all).toBe(true);
	});

	test("readers' forecast requests merge too and are not 'everything'; waiting callers are kept", () => {
		const a = mergeScope(null, { forecasts: ['category:3'] }, 11);
		const b = mergeScope(a, { forecasts: ['product:9', 'category:3'], productIds: [9] }, 12);
		expect(b.all).toBe(false);
		expect([...b.forecasts]).toEqual(['category:3', 'product:9']);
		expect(b.ids).toEqual([11, 12]);
	});
});

describe('the writer loop', () => {
	test('a burst of refresh requests is one refresh, and the product gets its competitor set', async () => {
		const { db, category } = await kopiMarket();
		const product = await createProduct(db, { producerId: await createProducer(db), categoryId: category, name: 'Kopi Robusta', keywords: 'kopi robusta' });
		const messages: FromWriter[] = [];
		const loop = new WriterLoop(db, (m) => messages.push(m), 20);
		await loop.handle({ type: 'refresh', scope: { productIds: [product] } });
		await loop.handle({ type: 'refresh', scope: { categoryIds: [category] } });
		await loop.handle({ type: 'refresh', scope: { productIds: [product] } });
		await waitFor(messages, 'refreshed');
		await new Promise((r) => setTimeout(r, 100));
		expect(messages.filter((m) => m.type === 'refreshed')).toHaveLength(1);
		const competitors = await sqlValue(db, 'select count(*) from product_competitors where product_id = ?', product);
		expect(competitors).toBe(6);
		expect(await sqlValue(db, 'select count(*) from product_market where product_id = ?', product)).toBe(1);
	});

	test('after start-up it builds what is missing: market parts and forecasts, and says what it did', async () => {
		const { db, category } = await kopiMarket();
		await refreshDerived(db);
		// A product nobody derived anything for (the server stopped before its writer got to it).
		const product = await createProduct(db, { producerId: await createProducer(db), categoryId: category, name: 'Kopi Robusta', keywords: 'kopi robusta' });
		const messages: FromWriter[] = [];
		const loop = new WriterLoop(db, (m) => messages.push(m), 0);
		await loop.handle({ type: 'build-missing' });
		const built = (await waitFor(messages, 'built-missing')) as Extract<FromWriter, { type: 'built-missing' }>;
		expect(built.log.join(' ')).toMatch(/Ringkasan pasar 1 produk disiapkan/);
		expect(await sqlValue(db, 'select count(*) from product_market where product_id = ?', product)).toBe(1);
		expect(await sqlValue(db, "select count(*) from forecasts where series_key = ?", `product:${product}`)).toBe(1);
		// Nothing left to build: a second start says nothing.
		messages.length = 0;
		await loop.handle({ type: 'build-missing' });
		expect(((await waitFor(messages, 'built-missing')) as Extract<FromWriter, { type: 'built-missing' }>).log).toEqual([]);
	});

	test('a write that waits for its refresh is answered when the writer has built it', async () => {
		const { db, category } = await kopiMarket();
		const product = await createProduct(db, { producerId: await createProducer(db), categoryId: category, name: 'Kopi Robusta', keywords: 'kopi robusta' });
		const writer = new BackgroundWriter(db, null);
		expect(writer.mode).toBe('inline');
		const part = async () => await sqlValue(db, 'select count(*) from product_market where product_id = ?', product);
		const waiting = writer.refreshAndWait({ productIds: [product] }, 30_000);
		// Asked, not built: the refresh runs after the request, between others.
		expect(await part()).toBe(0);
		expect(await waiting).toBe(true);
		expect(await part()).toBe(1);
		await writer.stop();
		// A stopped writer answers at once that nothing was built.
		expect(await writer.refreshAndWait({ productIds: [product] }, 30_000)).toBe(false);
	});

	test('an upload is imported with progress and a summary', async () => {
		const db = createTestDb();
		const messages: FromWriter[] = [];
		const loop = new WriterLoop(db, (m) => messages.push(m), 0);
		await loop.handle({ type: 'import', id: 1, upload: { fileName: 'kopi.csv', bytes: new TextEncoder().encode(CSV) }, options: { observedAt: '2025-03-01' } });
		const done = (await waitFor(messages, 'imported')) as Extract<FromWriter, { type: 'imported' }>;
		expect(done.summary).toMatchObject({ status: 'done', rows: 2, inserted: 2 });
		expect(messages.some((m) => m.type === 'progress')).toBe(true);
	});
});

describe('on its own thread', () => {
	test('an upload is imported off the request thread; the request connection then reads it', async () => {
		// Bundle the thread entry as scripts/build-writer.js does for `npm start`.
		// Inside the project, so the bundle's npm imports resolve from its node_modules.
		const root = resolve(import.meta.dirname, '../..');
		const entry = join(root, 'node_modules/.cache/despro-test/writer-thread.js');
		await build({
			entryPoints: [join(root, 'src/lib/server/derive/writer-thread.ts')],
			outfile: entry,
			bundle: true,
			platform: 'node',
			format: 'esm',
			packages: 'external',
			alias: { $lib: join(root, 'src/lib') },
			logLevel: 'silent'
		});
		// A database the thread can open by its address, as the server's: a file, or in server-pg
		// the PostgreSQL test database (opened here as the app opens DATABASE_URL).
		const db = openDatabase(isPostgres ? postgresTestUrl(createTestDb()) : join(dir, 'market.db'));
		await migrateAny(db);
		const csv = join(dir, 'rows.csv');
		await writeGenericListings(csv, 20_000);
		const writer = new BackgroundWriter(db, entry);
		expect(writer.mode).toBe('thread');
		try {
			let ticks = 0;
			const timer = setInterval(() => ticks++, 5);
			let progressed = 0;
			const summary = await writer.importUpload({ fileName: 'rows.csv', bytes: readFileSync(csv) }, { observedAt: '2025-03-01' }, () => progressed++);
			clearInterval(timer);
			expect(summary).toMatchObject({ status: 'done', rows: 20_000 });
			expect(progressed).toBeGreaterThan(0);
			// The request thread ran its timers throughout: the import did not hold it.
			expect(ticks).toBeGreaterThan(10);
			expect(await sqlValue(db, 'select count(*) from listings')).toBe(20_000);
			expect(writer.health()).toMatchObject({ mode: 'thread', alive: true });
			// The thread derived what the import changed (ingest itself derives nothing): the rows of
			// rural categories (kopi among them) were refreshed, so every listing has its kind.
			expect(await sqlValue(db, "select count(*) from listings where kind = 'kopi'")).toBeGreaterThan(0);
			expect(await sqlValue(db, 'select count(*) from listings where kind is null')).toBe(0);
			// A product added on the request thread: its derived data is built by the thread, and
			// the write that asked is answered once it is.
			const category = (await sqlValue(db, 'select category_id from listings where category_id is not null limit 1')) as number;
			const product = await createProduct(db, { producerId: await createProducer(db), categoryId: category, name: 'Produk Uji', keywords: 'uji' });
			expect(await writer.refreshAndWait({ productIds: [product] }, 60_000)).toBe(true);
			expect(await sqlValue(db, 'select count(*) from product_market where product_id = ?', product)).toBe(1);
		} finally {
			await writer.stop();
			closeDatabase(db);
		}
	}, 120_000);
});
