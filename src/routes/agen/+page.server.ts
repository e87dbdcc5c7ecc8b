import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { listProducersFor, staleMarkets } from '$lib/server/read/agents';
import { producersWithoutSales } from '$lib/server/read/sales';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const producers = await listProducersFor(db, user);
	return { producers, stale: staleMarkets(producers), quiet: await producersWithoutSales(db, user), isAdmin: user.role === 'admin' };
};
