import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { homeFor } from '$lib/server/auth/rules';
import { listProductsFor } from '$lib/server/read/products';
import { pageParam } from '$lib/server/params';
import type { PageServerLoad } from './$types';

// Anonymous visitors get the public landing text; agents (and co-ops once /koperasi exists)
// go to their own workspace; producers, co-ops and admin get the products they may see.
export const load: PageServerLoad = ({ url, locals }) => {
	const user = locals.user;
	if (!user) return { signedIn: false as const };
	const home = homeFor(user);
	if (home !== '/') redirect(303, home);
	const list = listProductsFor(getDb(), user, { query: url.searchParams.get('q') ?? '', page: pageParam(url) });
	const title = user.role === 'produsen' ? 'Produk saya' : user.role === 'koperasi' ? 'Produk anggota koperasi' : 'Semua produk desa';
	return { signedIn: true as const, title, ...list };
};
