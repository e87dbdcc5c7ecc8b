// Password hashes and other people's phone numbers never leave the server: every tRPC
// procedure's output, for every role, is searched for them (and the page data of the
// agent's workspace, which is the one place that lists other people).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/server/auth/actor';
import { setDb } from '../../src/lib/server/db';
import { createContext } from '../../src/lib/server/trpc/context';
import { appRouter, createCaller } from '../../src/lib/server/trpc/router';
import { createWorld, type World } from './world';
import { sqlColumn } from '../fixtures/sql';

let world: World;
let secrets: string[];
beforeAll(async () => {
	world = await createWorld();
	setDb(world.db);
	const phones = [
		...((await sqlColumn(world.db, 'select phone from users')) as string[]),
		...((await sqlColumn(world.db, 'select phone from producers where phone is not null')) as string[]),
		...((await sqlColumn(world.db, 'select phone from agents where phone is not null')) as string[])
	];
	// Each number in every way it could be written: 628…, 08…, +628…
	secrets = phones.flatMap((p) => {
		const rest = p.replace(/^(\+?62|0)/, '');
		return [`62${rest}`, `0${rest}`, rest];
	});
});
afterAll(() => setDb(undefined));

function findSecrets(value: unknown): string[] {
	const text = JSON.stringify(value) ?? '';
	const found = secrets.filter((s) => text.includes(s));
	if (/\$argon2/.test(text)) found.push('$argon2 hash');
	if (/password|passwordHash|password_hash/i.test(text)) found.push('password field');
	return found;
}

const inputs = (w: World): Record<string, unknown> => ({
	'product.list': { pageSize: 100 },
	'product.dashboard': { id: w.products.pA1 },
	'reviews.summary': { productId: w.products.pA1 },
	'agent.explain': { id: w.products.pA1 },
	'forecast.forCategory': { categoryId: w.categoryId },
	'forecast.forProduct': { productId: w.products.pA1 },
	'plan.coop': { cooperativeId: w.coops.X },
	'imports.get': { id: w.batchId }
});

describe('no secrets in any tRPC output', () => {
	const roles: Role[] = ['produsen', 'agen', 'koperasi', 'admin'];
	const queries = Object.entries(appRouter._def.procedures)
		.filter(([, p]) => (p as unknown as { _def: { type: string } })._def.type === 'query')
		.map(([path]) => path);
	const cases = queries.flatMap((path) => roles.map((role) => [path, role] as const));

	test('every query procedure is checked', () => {
		expect(queries.length).toBeGreaterThanOrEqual(8);
	});

	test.each(cases)('%s as %s', async (path, role) => {
		const caller = createCaller(createContext(world.db, world.actors[role])) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
		const [ns, name] = path.split('.');
		let output: unknown;
		try {
			output = await caller[ns][name](inputs(world)[path]);
		} catch (e) {
			// Refused calls leak nothing either: their message is checked too.
			output = { message: (e as Error).message };
		}
		expect(findSecrets(output)).toEqual([]);
	});

	test('mutations answer ids, not rows', async () => {
		const caller = createCaller(createContext(world.db, world.actors.agen));
		const made = await caller.agent.createProducer({ name: 'Bu Baru', phone: '081366667777', password: 'kata-sandi-1' });
		expect(Object.keys(made)).toEqual(['id']);
		expect(findSecrets(await caller.agent.producers())).toEqual([]);
	});
});
