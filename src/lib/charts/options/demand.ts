// Weekly units sold: bars for the comparable listings (lighter where a week was filled in
// between two observations), a line for the whole category on its own scale.
import { formatNumber } from '$lib/format';
import { formatDayMonth } from '../month';
import { BASE_OPTION, COLORS, idNumber, type ChartSpec } from '../types';

export interface DemandChartInput {
	weeks: { weekStart: string; units: number; interpolated: boolean; lowerBound: boolean }[];
	category: { weekStart: string; units: number }[];
	categoryName: string;
}

export function buildDemandChart({ weeks, category, categoryName }: DemandChartInput): ChartSpec {
	const labels = weeks.map((w) => formatDayMonth(w.weekStart));
	const categoryByWeek = new Map(category.map((c) => [c.weekStart, c.units]));
	const cat = weeks.map((w) => categoryByWeek.get(w.weekStart) ?? 0);
	const note = (w: DemandChartInput['weeks'][number]) =>
		w.interpolated ? ' (perkiraan: data minggu ini tidak lengkap)' : w.lowerBound ? ' (paling sedikit)' : '';
	return {
		width: 320,
		height: 150,
		label: `Penjualan per minggu, ${weeks.length} minggu terakhir: produk serupa (batang) dan seluruh ${categoryName} (garis).`,
		tips: [
			weeks.map((w, i) => `Minggu ${labels[i]}: ${formatNumber(w.units)} terjual di produk serupa${note(w)}`),
			weeks.map((w, i) => `Minggu ${labels[i]}: ${formatNumber(cat[i])} terjual di seluruh ${categoryName}`)
		],
		option: {
			...BASE_OPTION,
			xAxis: {
				type: 'category',
				data: labels,
				axisLabel: { interval: Math.max(0, Math.ceil(weeks.length / 4) - 1), fontSize: 10 },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: [
				{ type: 'value', splitNumber: 3, axisLabel: { fontSize: 10, formatter: idNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
				{ type: 'value', splitNumber: 3, show: false }
			],
			series: [
				{
					type: 'bar',
					barCategoryGap: '20%',
					data: weeks.map((w) => ({ value: w.units, itemStyle: { color: w.interpolated ? COLORS.muted : COLORS.primaryLight } }))
				},
				{ type: 'line', yAxisIndex: 1, data: cat, symbol: 'none', lineStyle: { color: COLORS.primary, width: 2 } }
			]
		}
	};
}
