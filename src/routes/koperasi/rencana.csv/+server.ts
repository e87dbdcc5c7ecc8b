import { getDb } from '$lib/server/db';
import { orHttpError, requireUser } from '$lib/server/auth/guard';
import { coopPlanFor, planCsv } from '$lib/server/read/plan';
import { error } from '@sveltejs/kit';
import { InvalidInputError } from '$lib/server/errors';
import { askedCoop, seasonFromUrl } from '../season-param';
import type { RequestHandler } from './$types';

// The season plan for the treasurer's spreadsheet (same season and co-op as the page it came from).
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const asked = seasonFromUrl(event.url);
	const plan = await orHttpError(async () => {
		try {
			return await coopPlanFor(getDb(), user, { cooperativeId: askedCoop(event.url.searchParams.get('koperasi')), season: asked.ask });
		} catch (e) {
			if (e instanceof InvalidInputError) error(400, e.message);
			throw e;
		}
	});
	// A BOM so spreadsheet programs read the Indonesian text as UTF-8.
	return new Response(`\uFEFF${planCsv(plan)}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="rencana-${plan.season.id}.csv"`
		}
	});
};
