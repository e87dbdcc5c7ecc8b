// The app's routes, found on disk (so a new route cannot hide from the tests), and the access
// policy as issue 6 states it, written out here independently of src/lib/server/auth/rules.ts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Role } from '../../src/lib/server/auth/actor';

export const ROUTES_DIR = resolve(import.meta.dirname, '../../src/routes');

export interface RouteFile {
	id: string;
	page: boolean;
	pageServer: boolean;
	endpoint: boolean;
}

/** Every route id with a +page.svelte, +page.server.ts or +server.ts. */
export function discoverRoutes(dir = ROUTES_DIR): RouteFile[] {
	const out: RouteFile[] = [];
	const walk = (d: string) => {
		const has = (f: string) => existsSync(join(d, f));
		const page = has('+page.svelte');
		const pageServer = has('+page.server.ts') || has('+page.server.js');
		const endpoint = has('+server.ts') || has('+server.js');
		if (page || pageServer || endpoint) {
			const rel = relative(dir, d).split('\\').join('/');
			out.push({ id: rel ? `/${rel}` : '/', page, pageServer, endpoint });
		}
		for (const e of readdirSync(d)) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
	};
	walk(dir);
	return out.sort((a, b) => a.id.localeCompare(b.id));
}

export type Outcome = 'allow' | 'sign-in' | 'forbidden';
export const ACTORS = ['anonim', 'produsen', 'agen', 'koperasi', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

const A = 'allow' as const;
const S = 'sign-in' as const;
const F = 'forbidden' as const;
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome];
const everyone: Row = [A, A, A, A, A];
const signedIn: Row = [S, A, A, A, A];
const staff: Row = [S, F, A, F, A];

/** Outcome per route for [anonymous, produsen, agen, koperasi, admin]. Resource scope (whose product) is tested separately. */
export const ROUTE_POLICY: Record<string, Row> = {
	'/': everyone,
	'/masuk': everyone,
	'/keluar': everyone,
	'/akses-ditolak': everyone,
	'/api/trpc/[...trpc]': everyone,
	'/healthz': everyone,
	'/akun': signedIn,
	'/pengguna': [S, F, F, F, A],
	'/produk': signedIn,
	'/produk/[id]': signedIn,
	'/produk/[id]/pembanding': signedIn,
	'/agen': staff,
	'/agen/produk/[id]': staff,
	'/agen/produk/[id]/cetak': staff,
	'/agen/produsen/baru': staff,
	'/agen/produsen/[id]': staff,
	'/tren': signedIn,
	'/koperasi': [S, F, F, A, A],
	'/koperasi/cetak': [S, F, F, A, A],
	'/koperasi/rencana.csv': [S, F, F, A, A],
	'/impor': [S, F, F, F, A],
	'/impor/unggah': [S, F, F, F, A],
	'/impor/sumber': [S, F, F, F, A],
	'/impor/contoh.csv': [S, F, F, F, A],
	'/impor/[batch]': [S, F, F, F, A],
	'/impor/[batch]/ditolak.csv': [S, F, F, F, A]
};

/** Outcome per procedure: sign-in = 401 UNAUTHORIZED, forbidden = 403 FORBIDDEN (by rule or by the service). */
export const PROCEDURE_POLICY: Record<string, Row> = {
	'auth.me': signedIn,
	'product.list': signedIn,
	'product.dashboard': signedIn,
	'product.setPrice': [S, A, A, F, A], // a co-op reads its members' products, never edits them
	'reviews.summary': signedIn,
	'agent.producers': staff,
	'agent.explain': staff,
	'agent.createProducer': staff,
	'agent.createProduct': staff,
	'agent.assignProducer': [S, F, F, F, A],
	'trends.categories': signedIn,
	'forecast.forCategory': signedIn,
	'forecast.forProduct': signedIn,
	'alerts.list': signedIn,
	'plan.coop': [S, F, F, A, A],
	'imports.list': [S, F, F, F, A],
	'imports.get': [S, F, F, F, A],
	'sales.record': [S, A, A, F, A], // a co-op reads its members' sales books, never writes them
	'sales.list': signedIn
};

export function outcomeFor(row: Row, actor: ActorName): Outcome {
	return row[ACTORS.indexOf(actor)];
}

export type { Role };
