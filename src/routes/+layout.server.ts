import { getDb } from '$lib/server/db';
import { ROLE_LABELS } from '$lib/server/auth/actor';
import { decide, homeFor, PAGE_ROUTES, routeRule } from '$lib/server/auth/rules';
import { isDemoDatabase } from '$lib/server/db/meta';
import { lateSourcesFor } from '$lib/server/read/feeds';
import type { LayoutServerLoad } from './$types';

// Menu entries, shown only when the page exists in this build and the role may open it.
const MENU = [
	{ href: '/produk', routeId: '/produk', label: 'Produk' },
	{ href: '/agen', routeId: '/agen', label: 'Produsen saya' },
	{ href: '/koperasi', routeId: '/koperasi', label: 'Koperasi' },
	{ href: '/tren', routeId: '/tren', label: 'Tren' },
	{ href: '/impor', routeId: '/impor', label: 'Impor data' },
	{ href: '/pengguna', routeId: '/pengguna', label: 'Pengguna' }
];

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	return {
		isDemo: await isDemoDatabase(getDb()),
		// Only what the header shows: never the phone number or anything from the users row beyond the name.
		user: user ? { name: user.name, role: user.role, roleLabel: ROLE_LABELS[user.role] } : null,
		// An admin sees on every page which automatic source is late (issue 18); others never.
		lateSources: await lateSourcesFor(getDb(), user),
		menu: user
			? MENU.filter((m) => PAGE_ROUTES.has(m.routeId) && decide(routeRule(m.routeId), user) === 'allow')
					// Agents work from /agen; the product list is for the other roles.
					.filter((m) => !(m.href === '/produk' && user.role === 'agen'))
					// The role's home first: the page it opens with.
					.sort((a, b) => Number(b.href === homeFor(user)) - Number(a.href === homeFor(user)))
			: []
	};
};
