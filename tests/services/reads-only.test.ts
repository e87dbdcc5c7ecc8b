// Reads only read (issue 12 item 1): every page load, every GET endpoint and every tRPC query,
// as every role, runs on a database that refuses writes (SQLite's PRAGMA query_only; read-only
// sessions on every connection on PostgreSQL) and changes nothing, also where derived data is
// missing or outdated: a product added after the last refresh, a market part deleted, a competitor set changed since its part
// was built, a forecast fitted on an older series. Such a reader says the data is being
// prepared; with a background writer it asks the writer (a message), which then builds it.
// Pages, loads and procedures are found on disk and in the router, so a new one is covered too.
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type pg from 'pg';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PREPARING_SENTENCE } from '../../src/lib/analysis/narrate';
import type { Actor } from '../../src/lib/server/auth/actor';
import { setDb } from '../../src/lib/server/db';
import type { PgDb } from '../../src/lib/server/db/postgres';
import { startBackgroundWriter, stopBackgroundWriter } from '../../src/lib/server/derive/writer';
import { insertFeed, recordInboxFile, recordPull, setInboxMeta } from '../../src/lib/server/db/feeds';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { forecastForCategory } from '../../src/lib/server/read/forecasts';
import { createContext } from '../../src/lib/server/trpc/context';
import { appRouter, createCaller } from '../../src/lib/server/trpc/router';
import { createListing, createProduct, createReview } from '../fixtures/factories';
import { createWorld, type World } from '../security/world';
import { sqlColumn, sqlExec, sqlRows, sqlValue } from '../fixtures/sql';
import { isPostgres } from '../fixtures/db';

let world: World;
/** A product added after the last refresh: no competitor set, no weekly demand, no market part. */
let fresh: number;

beforeAll(async () => {
	world = await createWorld();
	const db = world.db;
	fresh = await createProduct(db, { producerId: world.producers.pA1, categoryId: world.categoryId, name: 'Kopi Robusta Baru Bu Sri', keywords: 'kopi robusta', price: 50_000, packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	// pA2's market part is gone (a database from before parts were stored).
	await sqlExec(db, 'delete from product_market where product_id = ?', world.products.pA2);
	// pB1's competitor set changed after its part was built (an agent removed a listing).
	const listing = (await sqlValue(db, 'select listing_id from product_competitors where product_id = ? limit 1', world.products.pB1)) as number;
	await sqlExec(db, 'delete from product_competitors where product_id = ? and listing_id = ?', world.products.pB1, listing);
	// The category forecast was fitted on an older series.
	await sqlExec(db, "update forecasts set input_hash = 'older' where series_key = ?", `category:${world.categoryId}`);
	// A listing and reviews nobody has derived anything from yet.
	const l = await createListing(db, { categoryId: world.categoryId, title: 'Kopi Robusta Temanggung baru', packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	await createReview(db, { listingId: l, text: 'kopinya apek, kemasan bocor', stars: 1 });
	// A late feed with a failed pull and an inbox with a file (issue 18): /impor/sumber, the admin's banner and /healthz read them.
	const feed = await insertFeed(db, { name: 'Ekspor kopi', url: 'https://mitra.contoh.id/kopi.csv', everySeconds: 604_800, createdAt: '2025-01-01T00:00:00Z', nextRunAt: '2025-01-01T00:00:00Z' });
	await recordPull(db, feed.id, 'uji', { lastAttemptAt: '2025-01-01T00:00:00Z', lastStatus: 'failed', lastError: 'Server sumber menjawab 500.', failures: 1 }, { startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:01Z', status: 'failed', error: 'Server sumber menjawab 500.' });
	process.env.IMPORT_INBOX = '/tmp/despro-kotak-masuk-uji';
	await setInboxMeta(db, 'inbox_since', '2025-01-01T00:00:00Z');
	await recordInboxFile(db, { fileName: 'kopi.csv', contentHash: 'abc', seenAt: '2025-01-02T00:00:00Z', finishedAt: '2025-01-02T00:00:01Z', status: 'imported', batchId: world.batchId, rows: 3, rejected: 1, movedTo: 'done/kopi.csv' });
	setDb(db);
});

afterAll(async () => {
	delete process.env.IMPORT_INBOX;
	setDb(undefined);
	await stopBackgroundWriter();
});

/**
 * Runs `fn` with the world's database refusing writes; fails if anything was written anyway.
 * SQLite: PRAGMA query_only on its one connection, and total_changes() before and after.
 * PostgreSQL: every connection of the world's pool refuses writes (a session's transactions are
 * read only), and a fingerprint of every table (rows, newest row version) is taken before and
 * after, so a write through any other connection would show too.
 */
async function readOnly<T>(fn: () => T | Promise<T>): Promise<T> {
	if (isPostgres) return readOnlyPostgres(fn);
	const client = world.db.$client;
	const changes = () => client.prepare('select total_changes()').pluck().get() as number;
	const before = changes();
	client.pragma('query_only = ON');
	try {
		return await fn();
	} finally {
		client.pragma('query_only = OFF');
		expect(changes(), 'a read changed the database').toBe(before);
	}
}

const poolOf = () => (world.db as unknown as PgDb).$client;
const READ_ONLY = 'set session characteristics as transaction read only';
/** A connection the pool opens while writes are refused (it closes idle ones) refuses them too. */
const refuseOnConnect = (client: pg.PoolClient) => {
	// Queued before any query the pool hands this connection to: a client runs its queries in order.
	client.query(READ_ONLY).catch(() => {});
};

/** Every connection the pool may hold, taken at once so none is missed, set by `statement`. */
async function setEveryConnection(statement: string): Promise<void> {
	const pool = poolOf();
	const clients = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => pool.connect()));
	try {
		for (const client of clients) await client.query(statement);
	} finally {
		for (const client of clients) client.release();
	}
}

let tablesOfWorld: string[] | undefined;
/** Per table: its row count and the newest row version (xmin), which any insert or update raises. */
async function fingerprint(): Promise<string> {
	tablesOfWorld ??= await sqlColumn<string>(world.db, "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1");
	const parts = tablesOfWorld.map((t) => `select '${t}' as t, count(*) as n, coalesce(max(xmin::text::bigint), 0) as x from "${t}"`);
	return JSON.stringify(await sqlRows(world.db, parts.join(' union all ')));
}

async function readOnlyPostgres<T>(fn: () => T | Promise<T>): Promise<T> {
	const before = await fingerprint();
	poolOf().on('connect', refuseOnConnect);
	await setEveryConnection(READ_ONLY);
	try {
		return await fn();
	} finally {
		poolOf().off('connect', refuseOnConnect);
		await setEveryConnection('set session characteristics as transaction read write');
		expect(await fingerprint(), 'a read changed the database').toBe(before);
	}
}

const ROLES = ['produsen', 'agen', 'koperasi', 'admin'] as const;
const actor = (role: (typeof ROLES)[number]): Actor => world.actors[role];

/** Refusals (403, 404, a redirect to sign in) are answers, not failures: only the writes matter here. */
async function answered<T>(fn: () => T | Promise<T>): Promise<T | 'refused'> {
	try {
		return await fn();
	} catch (e) {
		if (isHttpError(e) || isRedirect(e)) return 'refused';
		if (e instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED'].includes(e.code)) return 'refused';
		throw e;
	}
}

describe('every tRPC query, as every role', () => {
	const queries = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
		.filter(([, p]) => p._def.type === 'query')
		.map(([path]) => path);
	const input = (path: string): unknown =>
		({
			'auth.me': undefined,
			'product.list': { query: 'kopi' },
			'product.dashboard': { id: fresh },
			'reviews.summary': { productId: world.products.pA2 },
			'agent.producers': undefined,
			'agent.explain': { id: world.products.pA2 },
			'trends.categories': undefined,
			'forecast.forCategory': { categoryId: world.categoryId },
			'forecast.forProduct': { productId: fresh },
			'alerts.list': undefined,
			'plan.coop': { cooperativeId: world.coops.X },
			'imports.list': undefined,
			'imports.get': { id: world.batchId },
			'sales.list': { productId: world.products.pA2 }
		})[path];

	test('the queries are found', () => {
		expect(queries).toEqual(expect.arrayContaining(['product.dashboard', 'trends.categories', 'plan.coop', 'alerts.list', 'forecast.forProduct']));
		for (const q of queries) expect(input(q) !== undefined || ['auth.me', 'agent.producers', 'trends.categories', 'alerts.list', 'imports.list'].includes(q), `sample input for ${q}`).toBe(true);
	});

	const cases = queries.flatMap((q) => ROLES.map((role) => [q, role] as const));
	test.each(cases)('%s as %s writes nothing', async (path, role) => {
		const caller = createCaller(createContext(world.db, actor(role))) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
		const [ns, name] = path.split('.');
		await readOnly(() => answered(() => caller[ns][name](input(path))));
	});
});

describe('every page load and GET endpoint, as every role', async () => {
	const pages = import.meta.glob('/src/routes/**/+{page,layout}.server.ts');
	const endpoints = import.meta.glob('/src/routes/**/+server.ts');
	const event = (file: string, role: (typeof ROLES)[number]) => {
		const routeId = file.replace(/^\/src\/routes/, '').replace(/\/\+(page|layout)?\.?server\.ts$/, '') || '/';
		const path = routeId.replace('/agen/produsen/[id]', `/agen/produsen/${world.producers.pA1}`).replace('[id]', String(fresh)).replace('[batch]', String(world.batchId));
		const url = new URL(`http://localhost${path}?koperasi=${world.coops.X}&minggu=6`);
		return {
			route: { id: routeId },
			url,
			params: routeId.startsWith('/agen/produsen/[id]') ? { id: String(world.producers.pA1) } : { id: String(fresh), batch: String(world.batchId) },
			request: new Request(url),
			locals: { user: actor(role), sessionId: null },
			cookies: { get: () => undefined, set() {}, delete() {}, getAll: () => [], serialize: () => '' },
			setHeaders() {},
			getClientAddress: () => '127.0.0.1',
			parent: async () => ({}),
			depends() {},
			untrack: <T>(f: () => T) => f(),
			isDataRequest: false,
			isSubRequest: false,
			fetch: async () => new Response(null, { status: 404 })
		};
	};
	const loads: [string, (e: unknown) => unknown][] = [];
	for (const [file, load] of Object.entries(pages)) {
		const mod = (await load()) as { load?: (e: unknown) => unknown };
		if (mod.load) loads.push([file, mod.load]);
	}
	for (const [file, load] of Object.entries(endpoints)) {
		const mod = (await load()) as { GET?: (e: unknown) => unknown };
		if (mod.GET && !file.includes('/api/trpc/')) loads.push([file, mod.GET]);
	}

	test('loads and endpoints are found', () => {
		const files = loads.map(([f]) => f);
		for (const f of ['/src/routes/produk/[id]/+page.server.ts', '/src/routes/tren/+page.server.ts', '/src/routes/koperasi/+page.server.ts', '/src/routes/agen/+page.server.ts', '/src/routes/healthz/+server.ts', '/src/routes/impor/sumber/+page.server.ts'])
			expect(files).toContain(f);
	});

	const cases = loads.flatMap(([file]) => ROLES.map((role) => [file, role] as const));
	test.each(cases)('GET %s as %s writes nothing', async (file, role) => {
		const run = loads.find(([f]) => f === file)![1];
		await readOnly(() => answered(async () => {
			const out = await run(event(file, role));
			// An endpoint's body is read too: a lazily written stream would write only then.
			if (out instanceof Response) await out.text();
			return out;
		}));
	});
});

describe('a reader that finds no derived data', () => {
	test('says so in plain words and computes nothing', async () => {
		const d = await readOnly(async () => (await productDashboard(world.db, fresh))!);
		expect(d.preparing).toBe(true);
		expect(d.dataNote).toBe(PREPARING_SENTENCE);
		expect(d.price.headline).toEqual([PREPARING_SENTENCE]);
		expect(d.price.unitPrices).toEqual([]);
		expect(d.alerts).toEqual([]);
		// A part built from an older set is the old state, whole: shown, not recomputed.
		const outdated = await readOnly(async () => (await productDashboard(world.db, world.products.pB1))!);
		expect(outdated.preparing).toBeUndefined();
		expect(outdated.price.compared).toBeGreaterThan(0);
		const forecast = await readOnly(async () => (await forecastForCategory(world.db, world.categoryId))!);
		expect(forecast).toMatchObject({ ready: false, points: [], headline: ['Perkiraan sedang disiapkan. Buka lagi sebentar.'] });
	});

	test('asks the background writer, which builds it; the next view shows it', async () => {
		const writer = startBackgroundWriter(world.db, null);
		// Inline here (an in-memory database): the writer's loop runs between these awaits.
		const asked = await readOnly(async () => (await productDashboard(world.db, fresh))!);
		expect(asked.preparing).toBe(true);
		await readOnly(async () => productDashboard(world.db, world.products.pA2));
		await readOnly(async () => forecastForCategory(world.db, world.categoryId));
		for (let i = 0; i < 200 && (writer.health().busy || writer.health().queued > 0 || !writer.health().lastRefresh); i++) await new Promise((r) => setTimeout(r, 50));
		expect(writer.health().lastError).toBeNull();
		const built = (await productDashboard(world.db, fresh))!;
		expect(built.preparing).toBeUndefined();
		expect(built.price.compared).toBeGreaterThan(0);
		expect((await productDashboard(world.db, world.products.pA2))!.preparing).toBeUndefined();
		expect((await forecastForCategory(world.db, world.categoryId))!.ready).toBe(true);
	});
});
