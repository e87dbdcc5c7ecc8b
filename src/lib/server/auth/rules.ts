// Who may open which page and call which procedure: one table each, consulted by the
// `handle` hook (pages, form actions, endpoints) and by the tRPC middleware (procedures).
// A route or procedure missing here is refused to everyone, and tests/security fails on it,
// so a new page cannot ship open by accident.
import type { Actor, Role } from './actor';

/** 'public': anyone; 'signed-in': any role; a role list: only those roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

const STAFF = ['agen', 'admin'] as const;

/** Keyed by SvelteKit route id. Per-resource scope (whose product) is checked in auth/access.ts. */
export const ROUTE_RULES: Record<string, Access> = {
	'/': 'public', // the landing page explains the app; signed-in people get their list
	'/masuk': 'public',
	'/keluar': 'public', // signing out without a session is harmless
	'/akses-ditolak': 'public', // the 403 page itself
	'/api/trpc/[...trpc]': 'public', // every procedure has its own rule below
	'/healthz': 'public', // for monitors: whether the server can serve, and the data's age
	'/akun': 'signed-in', // one's own account: password, sessions (every action acts on the signed-in person only)
	'/pengguna': ['admin'], // every account: disable, role, one-time code
	'/produk': 'signed-in', // the list of products the person may see (scoped in read/products.ts)
	'/produk/[id]': 'signed-in',
	// Whoever sees the product sees its competitors; removing one is for its agent or admin (auth/access.ts canChangeCompetitors).
	'/produk/[id]/pembanding': 'signed-in',
	'/agen': STAFF,
	'/agen/produk/[id]': STAFF,
	'/agen/produk/[id]/cetak': STAFF,
	'/agen/produsen/baru': STAFF,
	'/agen/produsen/[id]': STAFF,
	// Built by other issues; declared here so they are guarded from their first commit.
	'/tren': 'signed-in',
	'/koperasi': ['koperasi', 'admin'],
	'/koperasi/cetak': ['koperasi', 'admin'], // the season plan on one printed page
	'/koperasi/rencana.csv': ['koperasi', 'admin'], // the season plan for the treasurer
	'/impor': ['admin'],
	'/impor/unggah': ['admin'],
	'/impor/sumber': ['admin'], // feeds and the inbox (issue 18)
	'/impor/contoh.csv': ['admin'],
	'/impor/[batch]': ['admin'],
	'/impor/[batch]/ditolak.csv': ['admin']
};

/** Keyed by procedure path; a namespace ('trend') covers its procedures at run time. */
export const PROCEDURE_RULES: Record<string, Access> = {
	'auth.me': 'signed-in',
	'product.list': 'signed-in',
	'product.dashboard': 'signed-in',
	'product.setPrice': 'signed-in',
	'reviews.summary': 'signed-in',
	'agent.producers': STAFF,
	'agent.explain': STAFF,
	'agent.createProducer': STAFF,
	'agent.createProduct': STAFF,
	'agent.assignProducer': ['admin'],
	'trends.categories': 'signed-in', // market-wide
	'forecast.forCategory': 'signed-in', // market-wide
	'forecast.forProduct': 'signed-in', // scoped to visible products in the procedure
	'alerts.list': 'signed-in', // scoped by producerScope in the procedure
	'plan.coop': ['koperasi', 'admin'], // which co-op: mayViewCoop in the procedure
	'imports.list': ['admin'],
	'imports.get': ['admin'],
	// The sales book: written by the producer, her agent or admin (a co-op reads); which products: auth/access.ts.
	'sales.record': ['produsen', 'agen', 'admin'],
	'sales.list': 'signed-in',
	// Namespaces: a new procedure in them is guarded at once (tests still ask for its own line).
	trends: 'signed-in',
	forecast: 'signed-in',
	alerts: 'signed-in',
	plan: ['koperasi', 'admin'],
	imports: ['admin'],
	sales: 'signed-in'
};

/**
 * The rule for a route id: its own, else its nearest ancestor's (never the root's, which is
 * public), so `/impor/[id]` is admin-only even before it gets its own line. Null: no rule.
 */
export function routeRule(routeId: string): Access | null {
	if (routeId in ROUTE_RULES) return ROUTE_RULES[routeId];
	const parts = routeId.split('/').filter(Boolean);
	for (let n = parts.length - 1; n >= 1; n--) {
		const id = `/${parts.slice(0, n).join('/')}`;
		if (id in ROUTE_RULES) return ROUTE_RULES[id];
	}
	return null;
}

/** The rule for a procedure path ('product.list'): its own, else its namespace's. */
export function procedureRule(path: string): Access | null {
	if (path in PROCEDURE_RULES) return PROCEDURE_RULES[path];
	const parts = path.split('.');
	for (let n = parts.length - 1; n >= 1; n--) {
		const key = parts.slice(0, n).join('.');
		if (key in PROCEDURE_RULES) return PROCEDURE_RULES[key];
	}
	return null;
}

export type Decision = 'allow' | 'sign-in' | 'forbidden';

/** Missing rule: forbidden for everyone (fail closed). */
export function decide(access: Access | null, user: Pick<Actor, 'role'> | null): Decision {
	if (access === 'public') return 'allow';
	if (!user) return 'sign-in';
	if (access === 'signed-in') return 'allow';
	if (access && access.includes(user.role)) return 'allow';
	return 'forbidden';
}

/** A `ke` (return-to) value is followed only when it is a path on this site. */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (!value || value.length > 500) return null;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	try {
		const base = 'http://despro.invalid';
		const url = new URL(value, base);
		if (url.origin !== base) return null;
		if (url.pathname === '/masuk' || url.pathname === '/keluar') return null;
		return `${url.pathname}${url.search}`;
	} catch {
		return null;
	}
}

// Page routes that exist in this build: the landing page and the menu only point at pages
// that other issues have already shipped (/koperasi, /tren, /impor).
const pageFiles = import.meta.glob('/src/routes/**/+page.svelte');
export const PAGE_ROUTES: Set<string> = new Set(
	Object.keys(pageFiles).map((f) => f.replace(/^\/src\/routes/, '').replace(/\/\+page\.svelte$/, '') || '/')
);

/**
 * Where a role lands after signing in (or on opening `/`): the page that answers its question
 * first (issue 13) — a producer's products, an agent's producers, a co-op's plan, the admin's
 * imports (the last one and what needs attention).
 */
export function homeFor(user: Pick<Actor, 'role'>): string {
	if (user.role === 'agen') return '/agen';
	if (user.role === 'koperasi' && PAGE_ROUTES.has('/koperasi')) return '/koperasi';
	if (user.role === 'admin' && PAGE_ROUTES.has('/impor')) return '/impor';
	return '/produk';
}
