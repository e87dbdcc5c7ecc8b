import { buildTrendChart } from '$lib/charts/options/trend';
import type { RenderedChart } from '$lib/charts/types';
import { renderChart } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { error } from '@sveltejs/kit';
import { trendFilterProblem, trendingCategories, type TrendItem } from '$lib/server/read/trends';
import type { PageServerLoad } from './$types';

// Drawing 19 small charts takes ~1 s while the numbers take ~0.2 s, and the weekly series only
// change on refresh: keep the SVGs of recently drawn series (keyed by their numbers) in memory.
const drawn = new Map<string, RenderedChart>();
const MAX_DRAWN = 400;

function chartFor(item: TrendItem): RenderedChart {
	const key = `${item.name}|${item.weeks.map((w) => `${w.weekStart}:${w.observed ? w.units : '-'}`).join(',')}`;
	let chart = drawn.get(key);
	if (!chart) {
		chart = renderChart(buildTrendChart({ name: item.name, weeks: item.weeks }));
		if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
		drawn.set(key, chart);
	}
	return chart;
}

// Plain GET filters (?marketplace=shopee&provinsi=32), so the page works without JavaScript.
export const load: PageServerLoad = ({ url, setHeaders }) => {
	const t0 = performance.now();
	const filter = { marketplaceId: url.searchParams.get('marketplace') || null, provinceCode: url.searchParams.get('provinsi') || null };
	// A made-up filter gets a 400 with the choices, not a full ranking computed (and kept) for it.
	const problem = trendFilterProblem(getDb(), filter);
	if (problem) error(400, problem);
	const { ms: _ms, ...page } = trendingCategories(getDb(), filter);
	const charts = page.items.map(chartFor);
	// The time goes in a header, not the page: a page that differs on every request can never
	// be answered with "not modified" (hooks.server.ts, ETag).
	setHeaders({ 'server-timing': `tren;dur=${Math.round(performance.now() - t0)}` });
	return { page, charts };
};
