import { error } from '@sveltejs/kit';
import { trendCharts } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { trendFilterProblem, trendingCategories } from '$lib/server/read/trends';
import type { PageServerLoad } from './$types';

// Plain GET filters (?marketplace=shopee&provinsi=32), so the page works without JavaScript.
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const t0 = performance.now();
	const filter = { marketplaceId: url.searchParams.get('marketplace') || null, provinceCode: url.searchParams.get('provinsi') || null };
	// A made-up filter gets a 400 with the choices, not a full ranking computed (and kept) for it.
	const problem = await trendFilterProblem(getDb(), filter);
	if (problem) error(400, problem);
	const { ms: _ms, ...page } = await trendingCategories(getDb(), filter);
	const charts = trendCharts(page.items);
	// The time goes in a header, not the page: a page that differs on every request can never
	// be answered with "not modified" (hooks.server.ts, ETag).
	setHeaders({ 'server-timing': `tren;dur=${Math.round(performance.now() - t0)}` });
	return { page, charts };
};
