import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { listProducersFor } from '$lib/server/read/agents';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { producers: listProducersFor(getDb(), user), isAdmin: user.role === 'admin' };
};
