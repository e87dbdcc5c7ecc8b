import { LARGE_LOOK } from '$lib/charts/types';
import { dashboardCharts } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireUser } from '$lib/server/auth/guard';
import { explainFor } from '$lib/server/read/explain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	const explained = await orHttpError(async () => explainFor(getDb(), user, id));
	return { ...explained, charts: dashboardCharts(explained.dashboard, LARGE_LOOK) };
};
