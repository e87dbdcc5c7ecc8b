import { getDb } from '$lib/server/db';
import { listProducts } from '$lib/server/services/products';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const page = Number(url.searchParams.get('hal') ?? '1');
	return listProducts(getDb(), { query: url.searchParams.get('q') ?? '', page: Number.isFinite(page) ? page : 1 });
};
