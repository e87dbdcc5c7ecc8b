// The authorization matrix: every route (found on disk) × every form action × every tRPC
// procedure (read from the router) × every role and anonymous. A route or procedure with no
// line in the policy (routes.ts) or in the rule table (auth/rules.ts) fails here.
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handle } from '../../src/hooks.server';
import { PROCEDURE_RULES, ROUTE_RULES } from '../../src/lib/server/auth/rules';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { setDb } from '../../src/lib/server/db';
import { createContext } from '../../src/lib/server/trpc/context';
import { appRouter, createCaller } from '../../src/lib/server/trpc/router';
import { ACTORS, discoverRoutes, outcomeFor, PROCEDURE_POLICY, ROUTE_POLICY, type ActorName, type Outcome } from './routes';
import { createWorld, type World } from './world';

let world: World;
const tokens: Partial<Record<ActorName, string>> = {};

beforeAll(async () => {
	world = await createWorld();
	setDb(world.db);
	for (const role of ['produsen', 'agen', 'koperasi', 'admin'] as const) tokens[role] = (await createSession(world.db, world.actors[role].id)).token;
});
afterAll(() => setDb(undefined));

const routes = discoverRoutes();
const routeModules = import.meta.glob('/src/routes/**/+page.server.ts');

/** A concrete path for a route id: [id] becomes a product or producer every role may see. */
function samplePath(id: string): string {
	return id
		.replace('/agen/produsen/[id]', `/agen/produsen/${world.producers.pA1}`)
		.replace('[id]', String(world.products.pA1))
		.replace('[...trpc]', 'product.list');
}

function fakeEvent(routeId: string, method: string, actor: ActorName, accept = 'text/html'): RequestEvent {
	const url = new URL(`http://localhost${samplePath(routeId)}`);
	const token = actor === 'anonim' ? undefined : tokens[actor];
	return {
		route: { id: routeId },
		url,
		params: {},
		request: new Request(url, { method, headers: { accept, origin: 'http://localhost' } }),
		cookies: { get: (n: string) => (n === SESSION_COOKIE ? token : undefined), set() {}, delete() {}, getAll: () => [], serialize: () => '' },
		locals: {} as App.Locals,
		isDataRequest: false,
		isSubRequest: false,
		fetch: async () => new Response('<h1>403</h1>', { status: 403, headers: { 'content-type': 'text/html' } }),
		getClientAddress: () => '127.0.0.1',
		setHeaders() {},
		platform: undefined
	} as unknown as RequestEvent;
}

/** What the real `handle` hook does with the request: let it through, send to /masuk, or 403. */
async function hookOutcome(routeId: string, method: string, actor: ActorName): Promise<Outcome> {
	let resolved = false;
	try {
		const response = await handle({
			event: fakeEvent(routeId, method, actor),
			resolve: async () => {
				resolved = true;
				return new Response('ok');
			}
		});
		if (resolved) return 'allow';
		if (response.status === 403) return 'forbidden';
		throw new Error(`unexpected ${response.status}`);
	} catch (e) {
		if (isRedirect(e) && e.status === 303 && e.location.startsWith('/masuk?ke=')) return 'sign-in';
		if (isHttpError(e) && e.status === 403) return 'forbidden';
		throw e;
	}
}

describe('every route has a rule', () => {
	test('routes are found on disk', () => {
		expect(routes.map((r) => r.id)).toEqual(expect.arrayContaining(['/', '/masuk', '/produk/[id]', '/agen', '/api/trpc/[...trpc]']));
	});
	test.each(routes.map((r) => r.id))('%s has a line in ROUTE_RULES and in the test policy', (id) => {
		expect(ROUTE_RULES, `add '${id}' to ROUTE_RULES in src/lib/server/auth/rules.ts`).toHaveProperty([id]);
		expect(ROUTE_POLICY, `add '${id}' to ROUTE_POLICY in tests/security/routes.ts`).toHaveProperty([id]);
	});
});

describe('pages and endpoints × roles (through the real handle hook)', () => {
	const cases = routes.flatMap((r) => ACTORS.map((actor) => [r.id, actor] as const));
	test.each(cases)('GET %s as %s', async (id, actor) => {
		expect(await hookOutcome(id, 'GET', actor)).toBe(outcomeFor(ROUTE_POLICY[id], actor));
	});
});

describe('form actions × roles', async () => {
	// Action names read from each +page.server.ts module: a new action joins the matrix by itself.
	const actions: [string, string][] = [];
	for (const [file, load] of Object.entries(routeModules)) {
		const mod = (await load()) as { actions?: Record<string, unknown> };
		const id = file.replace(/^\/src\/routes/, '').replace(/\/\+page\.server\.ts$/, '') || '/';
		for (const name of Object.keys(mod.actions ?? {})) actions.push([id, name]);
	}
	test('actions are found', () => {
		expect(actions.map(([id, name]) => `${id}?/${name}`)).toEqual(
			expect.arrayContaining(['/masuk?/default', '/keluar?/default', '/produk/[id]?/harga', '/agen/produsen/[id]?/produk'])
		);
	});
	const cases = actions.flatMap(([id, name]) => ACTORS.map((actor) => [id, name, actor] as const));
	test.each(cases)('POST %s ?/%s as %s', async (id, _name, actor) => {
		expect(await hookOutcome(id, 'POST', actor)).toBe(outcomeFor(ROUTE_POLICY[id], actor));
	});
});

describe('tRPC procedures × roles', () => {
	const procedures = Object.keys(appRouter._def.procedures);
	const inputs = (): Record<string, unknown> => ({
		'auth.me': undefined,
		'product.list': {},
		'product.dashboard': { id: world.products.pA1 },
		'product.setPrice': { id: world.products.pA1, price: 56_000 },
		'reviews.summary': { productId: world.products.pA1 },
		'agent.producers': undefined,
		'agent.explain': { id: world.products.pA1 },
		'agent.createProducer': { name: 'Produsen Baru', agentId: world.agents.A },
		'agent.createProduct': { producerId: world.producers.pA1, name: 'Kopi Robusta Baru', categoryId: world.categoryId, price: 30_000, packQuantity: 250, unit: 'g' },
		'agent.assignProducer': { producerId: world.producers.pA2, agentId: world.agents.A },
		'trends.categories': undefined,
		'forecast.forCategory': { categoryId: world.categoryId },
		'forecast.forProduct': { productId: world.products.pA1 },
		'alerts.list': undefined,
		'plan.coop': { cooperativeId: world.coops.X },
		'imports.list': undefined,
		'imports.get': { id: world.batchId },
		'sales.record': { productId: world.products.pA1, weekStart: new Date().toISOString().slice(0, 10), units: 12 },
		'sales.list': { productId: world.products.pA1 }
	});

	test.each(procedures)('%s has a rule, a policy line and a sample input', (path) => {
		expect(PROCEDURE_RULES, `add '${path}' to PROCEDURE_RULES`).toHaveProperty([path]);
		expect(PROCEDURE_POLICY, `add '${path}' to PROCEDURE_POLICY in tests/security/routes.ts`).toHaveProperty([path]);
		expect(inputs(), `add a sample input for '${path}'`).toHaveProperty([path]);
	});

	const cases = procedures.flatMap((p) => ACTORS.map((actor) => [p, actor] as const));
	test.each(cases)('%s as %s', async (path, actor) => {
		const user = actor === 'anonim' ? null : world.actors[actor];
		const caller = createCaller(createContext(world.db, user)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
		const [ns, name] = path.split('.');
		let outcome: Outcome = 'allow';
		try {
			await caller[ns][name](inputs()[path]);
		} catch (e) {
			if (!(e instanceof TRPCError)) throw e;
			if (e.code === 'UNAUTHORIZED') outcome = 'sign-in';
			else if (e.code === 'FORBIDDEN') outcome = 'forbidden';
			else throw e;
		}
		expect(outcome).toBe(outcomeFor(PROCEDURE_POLICY[path], actor));
	});
});
