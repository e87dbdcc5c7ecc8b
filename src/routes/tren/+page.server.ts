import { buildTrendChart } from '$lib/charts/options/trend';
import { renderChart } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { trendingCategories } from '$lib/server/services/trends';
import type { PageServerLoad } from './$types';

// Plain GET filters (?marketplace=shopee&provinsi=32), so the page works without JavaScript.
export const load: PageServerLoad = ({ url }) => {
	const t0 = performance.now();
	const page = trendingCategories(getDb(), {
		marketplaceId: url.searchParams.get('marketplace') || null,
		provinceCode: url.searchParams.get('provinsi') || null
	});
	const charts = page.items.map((item) => renderChart(buildTrendChart({ name: item.name, weeks: item.weeks })));
	return { page, charts, serverMs: Math.round(performance.now() - t0) };
};
