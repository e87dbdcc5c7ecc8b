import { PRINT_LOOK } from '$lib/charts/types';
import { dashboardCharts } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireUser } from '$lib/server/auth/guard';
import { explainFor } from '$lib/server/read/explain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	const { dashboard, points } = await orHttpError(async () => explainFor(getDb(), user, id));
	const charts = dashboardCharts(dashboard, PRINT_LOOK);
	// Only two paper sizes; anything else is A4.
	const paper = event.url.searchParams.get('kertas')?.toLowerCase() === 'a5' ? 'A5' : 'A4';
	return { dashboard, points, charts, paper, printedOn: new Date().toISOString().slice(0, 10) };
};
