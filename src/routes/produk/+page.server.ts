import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { listProductsFor } from '$lib/server/read/products';
import { pageParam } from '$lib/server/params';
import type { PageServerLoad } from './$types';

// The products a person may see: a producer's own, a co-op's members', every product for admin
// (an agent's are on /agen). Its own address, so a co-op's "Produk" is not its home page again.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const list = await listProductsFor(getDb(), user, { query: event.url.searchParams.get('q') ?? '', page: pageParam(event.url) });
	const title =
		user.role === 'produsen' ? 'Produk saya' : user.role === 'koperasi' ? 'Produk anggota koperasi' : user.role === 'agen' ? 'Produk produsen saya' : 'Semua produk desa';
	return { title, ...list };
};
