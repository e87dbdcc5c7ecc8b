import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createContext } from '../../src/lib/server/trpc/context';
import { appRouter, createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct } from '../fixtures/factories';

let db: Db;
// These tests are about the procedures' data; access per role is tested in tests/security.
const ADMIN = { id: 1, role: 'admin' as const, name: 'Admin', producerId: null, agentId: null, cooperativeId: null };
let productId: number;

beforeAll(async () => {
	db = createTestDb();
	const categoryId = await createCategory(db, { name: 'Kopi', unitFamily: 'mass' });
	for (let i = 0; i < 8; i++)
		await createListing(db, { categoryId, title: `Kopi Robusta Temanggung ${i}`, price: 40_000 + i * 5_000, packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	const producerId = await createProducer(db, { name: 'Bu Sri' });
	productId = await createProduct(db, { producerId, categoryId, name: 'Kopi Robusta Kledung', price: 55_000, keywords: 'kopi robusta', packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	await createProduct(db, { producerId, categoryId, name: 'Kopi Arabika Sindoro', keywords: 'kopi arabika' });
	await refreshDerived(db);
});

const call = (path: string, input: unknown) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`),
		router: appRouter,
		createContext: () => createContext(db, ADMIN)
	});

describe('tRPC reviews router', () => {
	test('reviews.summary gives star counts of the comparable listings; unknown product 404', async () => {
		const caller = createCaller(createContext(db, ADMIN));
		const summary = await caller.reviews.summary({ productId });
		expect(summary.starCounts).toHaveLength(5);
		await expect(caller.reviews.summary({ productId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});

describe('tRPC product router', () => {
	test('product.list searches and pages', async () => {
		const caller = createCaller(createContext(db, ADMIN));
		const all = await caller.product.list();
		expect(all.total).toBe(2);
		const found = await caller.product.list({ query: 'robusta' });
		expect(found.items.map((p) => p.name)).toEqual(['Kopi Robusta Kledung']);
		const byProducer = await caller.product.list({ query: 'bu sri', pageSize: 1, page: 2 });
		expect(byProducer).toMatchObject({ total: 2, page: 2, pageSize: 1 });
		expect(byProducer.items).toHaveLength(1);
	});

	test('product.dashboard returns what the page shows', async () => {
		const caller = createCaller(createContext(db, ADMIN));
		const today = new Date().toISOString().slice(0, 10);
		expect(await caller.product.dashboard({ id: productId })).toEqual(await productDashboard(db, productId, today));
	});

	test('invalid input answers 400 with a readable message; an unknown id 404', async () => {
		const bad = await call('product.dashboard', { id: 'abc' });
		expect(bad.status).toBe(400);
		const body = await bad.json();
		expect(body.error.message).toMatch(/^id: /);
		const missing = await call('product.dashboard', { id: 424242 });
		expect(missing.status).toBe(404);
		const ok = await call('product.list', { query: 'kopi' });
		expect(ok.status).toBe(200);
	});
});
