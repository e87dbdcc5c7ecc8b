// The API under greedy or broken input (issue 12): a batch of many calls is refused before any
// runs, unknown filter values are refused instead of computed, a service's verdict on the input
// is a 422 with its message, and an internal failure is a generic 500 with an id whose details
// go to the log only. Through the real route handler, as the server mounts it.
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GET, POST } from '../../src/routes/api/trpc/[...trpc]/+server';
import type { Actor } from '../../src/lib/server/auth/actor';
import { setDb, type Db } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { MAX_BATCH } from '../../src/lib/server/trpc/limits';
import { closeTestDb, createTestDb, spyOnQueries } from '../fixtures/db';
import { createCategory, createListing, createMarketplace, createProducer, createProduct } from '../fixtures/factories';

const ADMIN: Actor = { id: 1, role: 'admin', name: 'Admin', producerId: null, agentId: null, cooperativeId: null };
let db: Db;

beforeAll(async () => {
	db = createTestDb();
	await createMarketplace(db, 'shopee', 'Shopee');
	await createMarketplace(db, 'tokopedia', 'Tokopedia');
	const categoryId = await createCategory(db, { name: 'Kopi', unitFamily: 'mass' });
	for (let i = 0; i < 6; i++) await createListing(db, { categoryId, title: `Kopi Robusta ${i}`, price: 40_000 + i * 1000, packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	const producerId = await createProducer(db, { name: 'Bu Sri' });
	await createProduct(db, { producerId, categoryId, name: 'Kopi Robusta Kledung', price: 50_000, keywords: 'kopi robusta', packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	await refreshDerived(db);
	setDb(db);
});
afterAll(() => setDb(undefined));

/** One request through the route as SvelteKit calls it (GET for queries, POST for mutations). */
async function api(path: string, opts: { input?: unknown; batch?: unknown[]; method?: 'GET' | 'POST'; body?: string; user?: Actor | null } = {}) {
	const method = opts.method ?? 'GET';
	const url = new URL(`http://localhost/api/trpc/${path}`);
	if (opts.batch) {
		url.searchParams.set('batch', '1');
		if (method === 'GET') url.searchParams.set('input', JSON.stringify(Object.fromEntries(opts.batch.map((v, i) => [i, v]))));
	} else if (opts.input !== undefined && method === 'GET') url.searchParams.set('input', JSON.stringify(opts.input));
	const body = opts.body ?? (method === 'POST' ? JSON.stringify(opts.input ?? {}) : undefined);
	const request = new Request(url, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
	const event = { request, url, params: { trpc: path }, locals: { user: opts.user === undefined ? ADMIN : opts.user, sessionId: null } } as unknown as RequestEvent<{ trpc: string }>;
	const res = await (method === 'GET' ? GET : POST)(event as never);
	return { status: res.status, body: await res.json() };
}

describe('batches', () => {
	test(`a batch of 200 calls is refused with 400 before any call runs; ${MAX_BATCH} calls are answered`, async () => {
		const spy = spyOnQueries(db);
		const paths = Array.from({ length: 200 }, () => 'trends.categories').join(',');
		const refused = await api(paths, { batch: Array.from({ length: 200 }, (_, i) => ({ marketplaceId: `sampah-${i}` })) });
		expect(refused.status).toBe(400);
		expect(refused.body.error.message).toContain(`paling banyak ${MAX_BATCH}`);
		// Not one procedure ran: the database was never asked.
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();

		const ten = await api(Array.from({ length: MAX_BATCH }, () => 'auth.me').join(','), { batch: Array.from({ length: MAX_BATCH }, () => undefined) });
		expect(ten.status).toBe(200);
		expect(ten.body).toHaveLength(MAX_BATCH);
	});

	test('the limit holds for POST batches too', async () => {
		const paths = Array.from({ length: MAX_BATCH + 1 }, () => 'product.setPrice').join(',');
		const res = await api(paths, { method: 'POST', batch: [], body: '{}' });
		expect(res.status).toBe(400);
	});
});

describe('filters', () => {
	test('trends.categories refuses an unknown marketplace or province with 400 and the choices', async () => {
		const junk = await api('trends.categories', { input: { marketplaceId: 'sampah' } });
		expect(junk.status).toBe(400);
		expect(junk.body.error.message).toBe('Marketplace "sampah" tidak dikenal. Pilihan: shopee, tokopedia.');
		const province = await api('trends.categories', { input: { provinceCode: '99' } });
		expect(province.status).toBe(400);
		expect(province.body.error.message).toMatch(/Kode provinsi "99" tidak dikenal/);
		expect((await api('trends.categories', { input: { marketplaceId: 'shopee' } })).status).toBe(200);
		expect((await api('trends.categories')).status).toBe(200);
	});

	test('paging and size inputs are bounded, with an Indonesian message', async () => {
		const res = await api('product.list', { input: { page: 1e20 } });
		expect(res.status).toBe(400);
		expect(res.body.error.message).toMatch(/^page: /);
		expect((await api('product.list', { input: { pageSize: 5000 } })).body.error.message).toMatch(/^pageSize: Terlalu besar/);
		expect((await api('imports.list', { input: { limit: 100_000 } })).status).toBe(400);
		expect((await api('alerts.list', { input: { producerIds: Array.from({ length: 501 }, (_, i) => i + 1) } })).status).toBe(400);
	});
});

describe('errors are answers, not leaks', () => {
	test('a service validation error is a 422 with its message (not a 500)', async () => {
		const res = await api('agent.createProducer', { method: 'POST', input: { name: 'Bu Ani', villageCode: '9999999999' } });
		expect(res.status).toBe(422);
		expect(res.body.error.message).toBe('Desa tidak ditemukan.');
		expect(res.body.error.data.field).toBe('villageCode');
	});

	test('an internal failure is a generic 500 with an id; the log has the id and the details, the answer neither', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const broken = createTestDb();
		await closeTestDb(broken);
		setDb(broken);
		try {
			const res = await api('product.list');
			expect(res.status).toBe(500);
			const message: string = res.body.error.message;
			expect(message).toMatch(/^Maaf, ada masalah di server\. Coba lagi sebentar lagi\. \(kode [0-9a-f]{8}\)$/);
			expect(JSON.stringify(res.body)).not.toMatch(/database|connection|sqlite|at \//i);
			const id = /kode ([0-9a-f]{8})/.exec(message)![1];
			const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(id));
			// SQLite's closed handle, or PostgreSQL's ended pool.
			expect(line).toMatch(new RegExp(`^\\[galat ${id}\\] tRPC product\\.list: .*(database connection is not open|Cannot use a pool after calling end)`, 's'));
		} finally {
			setDb(db);
			log.mockRestore();
		}
	});

	test('a body that is not JSON is a 400 with an Indonesian message', async () => {
		const res = await api('product.setPrice', { method: 'POST', body: '{"id": 1, price' });
		expect(res.status).toBe(400);
		expect(res.body.error.message).toBe('Isi permintaan tidak terbaca: kirim JSON yang benar.');
	});
});
