import { error } from '@sveltejs/kit';
import { renderDashboardCharts } from '$lib/server/dashboard-charts';
import { getDb } from '$lib/server/db';
import { productDashboard } from '$lib/server/services/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : NaN;
	const dashboard = Number.isFinite(id) ? productDashboard(getDb(), id) : null;
	if (!dashboard) error(404, 'Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return { dashboard, charts: renderDashboardCharts(dashboard) };
};
