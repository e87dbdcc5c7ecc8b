// Server-side chart rendering, the one place every page draws its charts: ECharts draws SVG with
// no DOM (ssr: true), so every chart is in the first HTML and readable with JavaScript off. Only
// the parts we use are registered. Pages ask for their set of charts by what they show (a
// dashboard, a trend list, a co-op plan); the option builders in $lib/charts/options stay pure.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { createHash } from 'node:crypto';
import { SVGRenderer } from 'echarts/renderers';
import { buildDemandChart } from '$lib/charts/options/demand';
import { buildForecastChart, type ForecastChartInput } from '$lib/charts/options/forecast';
import { buildPriceHistory } from '$lib/charts/options/price-history';
import { buildPriceStrip } from '$lib/charts/options/price-strip';
import { buildSalesChart, type SalesChartInput } from '$lib/charts/options/sales';
import { buildStarsChart } from '$lib/charts/options/stars';
import { buildTrendChart, type TrendChartInput } from '$lib/charts/options/trend';
import { CARD_LOOK, type ChartLook, type ChartSpec, type RenderedChart } from '$lib/charts/types';
import type { DashboardCharts, ProductDashboard } from '$lib/dashboard-types';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, SVGRenderer]);

// Drawing costs milliseconds per chart on every page view (19 small charts on /tren took ~1 s),
// and the same numbers give the same picture: drawn charts are kept by the hash of their spec
// (a bounded map, oldest out first).
const MAX_KEPT = 2000;
const kept = new Map<string, RenderedChart>();

export function renderChart(spec: ChartSpec): RenderedChart {
	const key = createHash('sha1').update(JSON.stringify([spec.option, spec.width, spec.height])).digest('base64url');
	const hit = kept.get(key);
	if (hit) return { ...hit, tips: spec.tips, label: spec.label };
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
	try {
		chart.setOption(spec.option);
		// zrender numbers its CSS classes with a process-wide counter (zr27-cls-104), so the same
		// chart came out different on every request and no page could be answered "not modified"
		// (hooks.server.ts). The spec's hash names them instead: stable, and distinct per chart
		// (the classes' hover styles apply page-wide).
		const svg = chart.renderToSVGString().replace(/\bzr\d+-cls-/g, `zr${key.slice(0, 8).replace(/[^a-zA-Z0-9]/g, 'x')}-cls-`);
		const drawn = { svg, tips: spec.tips, label: spec.label };
		if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
		kept.set(key, drawn);
		return drawn;
	} finally {
		chart.dispose();
	}
}

/**
 * The four dashboard charts, from the dashboard's own numbers, drawn with a look (charts/types.ts):
 * the card's by default; the explain view's larger, the print's for paper. The text size is
 * part of the look, so a chart drawn for paper is not a screen chart shrunk (issue 13: scaling
 * the canvas alone printed 4 pt labels).
 */
export function dashboardCharts(d: ProductDashboard, look: ChartLook = CARD_LOOK): DashboardCharts {
	const { price, demand, reviews } = d;
	return {
		priceStrip: price.unitPrices.length > 0 ? renderChart(buildPriceStrip({ unitPrices: price.unitPrices, own: price.ownUnitPrice, per: price.per, look })) : null,
		priceHistory: price.history.length > 1 ? renderChart(buildPriceHistory({ months: price.history, own: price.ownUnitPrice, per: price.per, look })) : null,
		demand:
			demand.weeks.length > 0 || demand.category.length > 0
				? renderChart(buildDemandChart({ weeks: demand.weeks, category: demand.category, categoryName: d.product.categoryName, look }))
				: null,
		stars: reviews.starCounts.some((c) => c > 0) ? renderChart(buildStarsChart(reviews.starCounts, look)) : null
	};
}

/** One small weekly-sales chart per trending category (/tren). */
export function trendCharts(items: TrendChartInput[]): RenderedChart[] {
	return items.map((item) => renderChart(buildTrendChart({ name: item.name, weeks: item.weeks })));
}

/** One history-and-forecast chart per category of a co-op plan (/koperasi). */
export function forecastCharts(categories: { name: string; forecast: Omit<ForecastChartInput, 'name'> }[]): RenderedChart[] {
	return categories.map((c) => renderChart(buildForecastChart({ name: c.name, history: c.forecast.history, points: c.forecast.points })));
}

/** The producer's own weekly sales beside her comparable listings' (the product page's "Penjualan Anda"). */
export function salesChart(book: SalesChartInput): RenderedChart | null {
	if (!book.weeks.some((w) => w.units !== null || w.market !== null)) return null;
	return renderChart(buildSalesChart(book));
}
