// The explain view and the printable summary of one product: the dashboard, larger charts,
// talking points and the WhatsApp text. Scoped like every product read (404 outside scope).
import { talkingPoints, whatsappText, whatsappUrl } from '$lib/analysis/explain';
import { buildDemandChart } from '$lib/charts/options/demand';
import { buildPriceHistory } from '$lib/charts/options/price-history';
import { buildPriceStrip } from '$lib/charts/options/price-strip';
import { buildStarsChart } from '$lib/charts/options/stars';
import type { ChartSpec } from '$lib/charts/types';
import type { DashboardCharts, ProductDashboard } from '$lib/dashboard-types';
import type { Actor } from '../auth/actor';
import { renderChart } from '../charts';
import type { Db } from '../db';
import { dashboardFor } from '../auth/access';

export interface Explained {
	dashboard: ProductDashboard;
	points: string[];
	whatsapp: { text: string; url: string };
	charts: DashboardCharts;
}

/** Same charts as the dashboard, drawn on a bigger canvas so labels stay readable when enlarged or printed. */
export function renderLargeCharts(d: ProductDashboard, scale = 1.75): DashboardCharts {
	const big = (spec: ChartSpec) => renderChart({ ...spec, width: Math.round(spec.width * scale), height: Math.round(spec.height * scale * 0.85) });
	const { price, demand, reviews } = d;
	return {
		priceStrip: price.unitPrices.length > 0 ? big(buildPriceStrip({ unitPrices: price.unitPrices, own: price.ownUnitPrice, per: price.per })) : null,
		priceHistory: price.history.length > 1 ? big(buildPriceHistory({ months: price.history, own: price.ownUnitPrice, per: price.per })) : null,
		demand:
			demand.weeks.length > 0 || demand.category.length > 0
				? big(buildDemandChart({ weeks: demand.weeks, category: demand.category, categoryName: d.product.categoryName }))
				: null,
		stars: reviews.starCounts.some((c) => c > 0) ? big(buildStarsChart(reviews.starCounts)) : null
	};
}

export function explainFor(db: Db, actor: Actor, productId: number, today?: string): Explained {
	const dashboard = dashboardFor(db, actor, productId, today);
	const text = whatsappText(dashboard);
	return {
		dashboard,
		points: talkingPoints(dashboard),
		whatsapp: { text, url: whatsappUrl(text) },
		charts: renderLargeCharts(dashboard)
	};
}
