// Resource scope in the service layer and in the page loads and actions that use it: each role
// sees exactly its products; everything else is 404, never "forbidden" (which would confirm it exists).
import { isHttpError } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/server/auth/actor';
import { setDb } from '../../src/lib/server/db';
import { dashboardFor } from '../../src/lib/server/read/dashboard';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { listProductsFor } from '../../src/lib/server/read/products';
import { updatePriceFor, createProductFor } from '../../src/lib/server/write/products';
import { listProducersFor } from '../../src/lib/server/read/agents';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { alias } from 'drizzle-orm/sqlite-core';
import { canSeeProducer, producerScopeCondition, producerScopePrepared } from '../../src/lib/server/auth/access';
import { producers } from '../../src/lib/server/db/schema';
import { createWorld, VISIBLE, type World } from './world';
import { allRows, preparedRows } from '../../src/lib/server/db/run';
import { sqlColumn } from '../fixtures/sql';

let world: World;
beforeAll(async () => {
	world = await createWorld();
	setDb(world.db);
});
afterAll(() => setDb(undefined));

const ROLES: Role[] = ['produsen', 'agen', 'koperasi', 'admin'];
const KEYS = ['pA1', 'pA2', 'pB1', 'pB2'] as const;

describe('who sees which products', () => {
	test.each(ROLES)('%s: product list holds exactly their products', async (role) => {
		const names = (await listProductsFor(world.db, world.actors[role], { pageSize: 100 })).items.map((p) => p.id);
		expect(names.sort()).toEqual(VISIBLE[role].map((k) => world.products[k]).sort());
	});

	const cases = ROLES.flatMap((role) => KEYS.map((key) => [role, key] as const));
	test.each(cases)('%s opening %s: dashboard only when visible, else 404 in service, page load and tRPC', async (role, key) => {
		const actor = world.actors[role];
		const id = world.products[key];
		const visible = VISIBLE[role].includes(key);
		if (visible) expect((await dashboardFor(world.db, actor, id)).product.id).toBe(id);
		else await expect(dashboardFor(world.db, actor, id)).rejects.toThrow(NotFoundError);

		const page = await import('../../src/routes/produk/[id]/+page.server');
		const event = { params: { id: String(id) }, locals: { user: actor, sessionId: 'x' }, url: new URL(`http://localhost/produk/${id}`) };
		if (visible) expect((await (page.load as (e: unknown) => Promise<{ dashboard: { product: { id: number } } }>)(event)).dashboard.product.id).toBe(id);
		else await expect(async () => (page.load as (e: unknown) => unknown)(event)).rejects.toSatisfy((e) => isHttpError(e) && e.status === 404);

		const caller = createCaller(createContext(world.db, actor));
		if (visible) expect((await caller.product.dashboard({ id })).product.id).toBe(id);
		else await expect(caller.product.dashboard({ id })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === 'NOT_FOUND');
	});

	test('an unknown id and a hidden id answer the same', async () => {
		const caller = createCaller(createContext(world.db, world.actors.produsen));
		const hidden = await caller.product.dashboard({ id: world.products.pB2 }).catch((e: TRPCError) => [e.code, e.message]);
		const missing = await caller.product.dashboard({ id: 999_999 }).catch((e: TRPCError) => [e.code, e.message]);
		expect(hidden).toEqual(missing);
	});
});

describe('who may change what', () => {
	test('a producer changes their own price, not another producer’s (404)', async () => {
		await updatePriceFor(world.db, world.actors.produsen, world.products.pA1, 57_000);
		await expect(updatePriceFor(world.db, world.actors.produsen, world.products.pA2, 1)).rejects.toThrow(NotFoundError);
	});
	test('a co-op sees its members’ products but may not change them (403)', async () => {
		await expect(updatePriceFor(world.db, world.actors.koperasi, world.products.pB1, 1)).rejects.toThrow(ForbiddenError);
		await expect(updatePriceFor(world.db, world.actors.koperasi, world.products.pA2, 1)).rejects.toThrow(NotFoundError);
	});
	test('an agent adds products only for their own producers', async () => {
		const input = { name: 'Kopi Robusta Tambahan', categoryId: world.categoryId, price: 30_000, packQuantity: 250, unit: 'g' as const };
		await expect(createProductFor(world.db, world.actors.agen, world.producers.pA2, input)).resolves.toBeGreaterThan(0);
		await expect(createProductFor(world.db, world.actors.agen, world.producers.pB1, input)).rejects.toThrow(NotFoundError);
	});
	test('the price form action: foreign product 404, co-op 403', async () => {
		const page = await import('../../src/routes/produk/[id]/+page.server');
		const post = (role: Role, id: number) => {
			const body = new URLSearchParams({ price: '45000' });
			return (page.actions.harga as (e: unknown) => Promise<unknown>)({
				params: { id: String(id) },
				locals: { user: world.actors[role], sessionId: 'x' },
				url: new URL(`http://localhost/produk/${id}`),
				request: new Request(`http://localhost/produk/${id}?/harga`, { method: 'POST', body })
			});
		};
		await expect(post('produsen', world.products.pB1)).rejects.toSatisfy((e) => isHttpError(e) && e.status === 404);
		await expect(post('koperasi', world.products.pB1)).rejects.toSatisfy((e) => isHttpError(e) && e.status === 403);
		expect(await post('agen', world.products.pA1)).toEqual({ saved: true });
	});
	test('an agent’s workspace lists only their producers', async () => {
		expect((await listProducersFor(world.db, world.actors.agen, '2026-11-20')).map((p) => p.id).sort()).toEqual(
			[world.producers.pA1, world.producers.pA2].sort()
		);
	});
});

describe('the competitor list and removing a competitor', () => {
	const page = () => import('../../src/routes/produk/[id]/pembanding/+page.server');
	const event = (role: Role, id: number, body?: URLSearchParams) => ({
		params: { id: String(id) },
		locals: { user: world.actors[role], sessionId: 'x' },
		url: new URL(`http://localhost/produk/${id}/pembanding`),
		request: new Request(`http://localhost/produk/${id}/pembanding?/keluarkan`, { method: 'POST', body })
	});
	const inSet = async (id: number) => (await sqlColumn(world.db, 'select listing_id from product_competitors where product_id = ? order by rank', id)) as number[];

	const cases = ROLES.flatMap((role) => KEYS.map((key) => [role, key] as const));
	test.each(cases)('%s opening the list of %s: only when the product is visible, else 404', async (role, key) => {
		const { load } = await page();
		const id = world.products[key];
		const run = async () => (load as (e: unknown) => Promise<{ list: { product: { id: number }; canChange: boolean } }>)(event(role, id));
		if (!VISIBLE[role].includes(key)) return expect(run()).rejects.toSatisfy((e) => isHttpError(e) && e.status === 404);
		const { list } = await run();
		expect(list.product.id).toBe(id);
		// Only an agent of the producer and admin see the removal form.
		expect(list.canChange).toBe(role === 'agen' || role === 'admin');
	});

	test.each([
		['produsen', 'pA1', 403],
		['koperasi', 'pA1', 403],
		['koperasi', 'pB2', 404],
		['agen', 'pB1', 404],
		['produsen', 'pB1', 404]
	] as const)('%s removing a competitor of %s: %d, nothing changes', async (role, key, status) => {
		const { actions } = await page();
		const id = world.products[key];
		const before = await inSet(id);
		const body = new URLSearchParams({ listingId: String(before[0] ?? 1), reason: 'bukan produk sejenis' });
		await expect((actions.keluarkan as (e: unknown) => Promise<unknown>)(event(role, id, body))).rejects.toSatisfy((e) => isHttpError(e) && e.status === status);
		expect(await inSet(id)).toEqual(before);
	});

	test('the product’s agent and admin may remove and restore, with a reason', async () => {
		const { actions } = await page();
		const id = world.products.pA1;
		const [listing] = await inSet(id);
		const post = (role: Role, name: 'keluarkan' | 'kembalikan', fields: Record<string, string>) =>
			(actions[name] as (e: unknown) => Promise<unknown>)(event(role, id, new URLSearchParams(fields)));
		expect(await post('agen', 'keluarkan', { listingId: String(listing), reason: '' })).toMatchObject({ status: 422 });
		expect(await post('agen', 'keluarkan', { listingId: String(listing), reason: 'kopi campuran, bukan robusta murni' })).toEqual({ removed: true });
		expect(await inSet(id)).not.toContain(listing);
		expect(await post('admin', 'kembalikan', { listingId: String(listing) })).toEqual({ restored: true });
		expect(await inSet(id)).toContain(listing);
	});
});

describe('the scope as a condition and as a prepared query', () => {
	// Queries built per call take the condition (over the table or an alias of it); request-path
	// queries take the prepared form (one statement per role, the id bound at run time). Each must
	// pick exactly the producers of VISIBLE.
	const producerKeys = (ids: number[]) =>
		(Object.keys(world.producers) as (keyof World['producers'])[]).filter((k) => ids.includes(world.producers[k])).sort();

	test.each(ROLES)('%s: both forms pick the same producers, those of their visible products', async (role) => {
		const actor = world.actors[role];
		const scope = producerScopePrepared(actor);
		const fromPrepared = (
			await preparedRows(world.db, `test/scope/${scope.key}`, (d) => d.select({ id: producers.id }).from(producers).where(scope.where), scope.params)
		).map((r) => r.id);
		const typed = (await allRows(world.db, world.db.select({ id: producers.id }).from(producers).where(producerScopeCondition(actor)))).map((r) => r.id);
		const pr = alias(producers, 'pr');
		const aliased = (await allRows(world.db, world.db.select({ id: pr.id }).from(pr).where(producerScopeCondition(actor, pr)))).map((r) => r.id);
		expect(producerKeys(typed)).toEqual([...VISIBLE[role]].sort());
		expect(producerKeys(aliased)).toEqual([...VISIBLE[role]].sort());
		expect(producerKeys(fromPrepared)).toEqual([...VISIBLE[role]].sort());
	});

	test('an account whose link is missing sees no producer', async () => {
		const unlinked = { ...world.actors.agen, agentId: null };
		expect(await allRows(world.db, world.db.select({ id: producers.id }).from(producers).where(producerScopeCondition(unlinked)))).toEqual([]);
		expect(await canSeeProducer(world.db, unlinked, world.producers.pA1)).toBe(false);
	});
});
