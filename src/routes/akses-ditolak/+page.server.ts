import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// The 403 page: hooks.server.ts shows it in place of a page the signed-in role may not open.
export const load: PageServerLoad = () => {
	error(403, 'Halaman ini bukan untuk peran Anda.');
};
