import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { listProducersFor } from '$lib/server/read/agents';
import { producersWithoutSales } from '$lib/server/read/sales';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const db = getDb();
	return { producers: listProducersFor(db, user), quiet: producersWithoutSales(db, user), isAdmin: user.role === 'admin' };
};
