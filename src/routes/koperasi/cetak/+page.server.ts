import { error } from '@sveltejs/kit';
import { orHttpError, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { InvalidInputError } from '$lib/server/errors';
import { coopPlanFor } from '$lib/server/read/plan';
import { askedCoop, seasonFromUrl, seasonQuery } from '../season-param';
import type { PageServerLoad } from './$types';

// The whole season plan on one printed page (same season and co-op as the page it came from).
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const asked = seasonFromUrl(event.url);
	const { ms: _ms, categories: _c, ...plan } = await orHttpError(async () => {
		try {
			return await coopPlanFor(getDb(), user, { cooperativeId: askedCoop(event.url.searchParams.get('koperasi')), season: asked.ask });
		} catch (e) {
			if (e instanceof InvalidInputError) error(400, e.message);
			throw e;
		}
	});
	return { plan, back: `/koperasi?${seasonQuery(asked, plan.coop.id)}`, printedOn: new Date().toISOString().slice(0, 10) };
};
