// The four dashboard charts as server-rendered SVG, built from the dashboard's own numbers.
import { buildDemandChart } from '$lib/charts/options/demand';
import { buildPriceHistory } from '$lib/charts/options/price-history';
import { buildPriceStrip } from '$lib/charts/options/price-strip';
import { buildStarsChart } from '$lib/charts/options/stars';
import type { DashboardCharts, ProductDashboard } from '$lib/dashboard-types';
import { renderChart } from './charts';

export function renderDashboardCharts(d: ProductDashboard): DashboardCharts {
	const { price, demand, reviews } = d;
	return {
		priceStrip:
			price.unitPrices.length > 0
				? renderChart(buildPriceStrip({ unitPrices: price.unitPrices, own: price.ownUnitPrice, per: price.per }))
				: null,
		priceHistory:
			price.history.length > 1
				? renderChart(buildPriceHistory({ months: price.history, own: price.ownUnitPrice, per: price.per }))
				: null,
		demand:
			demand.weeks.length > 0 || demand.category.length > 0
				? renderChart(buildDemandChart({ weeks: demand.weeks, category: demand.category, categoryName: d.product.categoryName }))
				: null,
		stars: reviews.starCounts.some((c) => c > 0) ? renderChart(buildStarsChart(reviews.starCounts)) : null
	};
}
