import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/server/auth/rules';
import type { PageServerLoad } from './$types';

// Anonymous visitors get the public landing text; a signed-in person goes to their role's home:
// a producer's products, an agent's producers, a co-op's plan, the admin's imports.
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user));
	return {};
};
