import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { listProducersFor, staleMarkets } from '$lib/server/read/agents';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const producers = listProducersFor(getDb(), user);
	return { producers, stale: staleMarkets(producers), isAdmin: user.role === 'admin' };
};
