// Weekly units sold: bars for the comparable listings (lighter where a week was filled in
// between two observations), a line for the whole category on its own scale. A week no snapshots
// cover has no bar and no point (not a zero), and the axis ends at the last week that is over.
import { formatNumber } from '$lib/format';
import { formatDayMonth } from '../month';
import { baseOption, CARD_LOOK, COLORS, idNumber, type ChartLook, type ChartSpec } from '../types';

export interface DemandChartInput {
	weeks: { weekStart: string; units: number; observed?: boolean; interpolated: boolean; bucketed?: boolean }[];
	category: { weekStart: string; units: number; observed?: boolean }[];
	categoryName: string;
	look?: ChartLook;
}

export function buildDemandChart({ weeks, category, categoryName, look = CARD_LOOK }: DemandChartInput): ChartSpec {
	// Without weekly bars (no history yet) the category's own weeks make the axis.
	const axis: { weekStart: string }[] = weeks.length ? weeks : category;
	const labels = axis.map((w) => formatDayMonth(w.weekStart));
	const categoryByWeek = new Map(category.filter((c) => c.observed !== false).map((c) => [c.weekStart, c.units]));
	const cat = axis.map((w) => categoryByWeek.get(w.weekStart) ?? null);
	const note = (w: DemandChartInput['weeks'][number]) =>
		w.interpolated ? ' (perkiraan: data minggu ini tidak lengkap)' : w.bucketed ? ' (perkiraan dari angka bulat seperti "1 rb+")' : '';
	const bars = weeks.map((w, i) =>
		w.observed === false ? `Minggu ${labels[i]}: belum ada catatan di produk serupa` : `Minggu ${labels[i]}: ${formatNumber(w.units)} terjual di produk serupa${note(w)}`
	);
	const line = cat.map((u, i) => (u === null ? `Minggu ${labels[i]}: belum ada catatan di seluruh ${categoryName}` : `Minggu ${labels[i]}: ${formatNumber(u)} terjual di seluruh ${categoryName}`));
	return {
		width: look.width,
		height: Math.round(150 * look.tall),
		label: weeks.length
			? `Penjualan per minggu, ${weeks.length} minggu terakhir: produk serupa (batang) dan seluruh ${categoryName} (garis).`
			: `Penjualan per minggu seluruh ${categoryName}, ${axis.length} minggu terakhir (garis). Produk serupa belum punya catatan mingguan.`,
		tips: weeks.length ? [bars, line] : [line],
		option: {
			...baseOption(look),
			xAxis: {
				type: 'category',
				data: labels,
				axisLabel: { interval: Math.max(0, Math.ceil(axis.length / 4) - 1), fontSize: look.font },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: [
				{ type: 'value', splitNumber: 3, axisLabel: { fontSize: look.font, formatter: idNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
				{ type: 'value', splitNumber: 3, show: false }
			],
			series: [
				...(weeks.length
					? [
							{
								type: 'bar' as const,
								barCategoryGap: '20%',
								// '-' is ECharts' empty value: no bar at all for a week nobody observed.
								data: weeks.map((w) =>
									w.observed === false ? { value: '-' as const } : { value: w.units, itemStyle: { color: w.interpolated ? COLORS.muted : COLORS.primaryLight } }
								)
							}
						]
					: []),
				{
					type: 'line' as const,
					yAxisIndex: weeks.length ? 1 : 0,
					data: cat.map((u) => (u === null ? '-' : u)),
					symbol: 'none',
					lineStyle: { color: COLORS.primary, width: 2 }
				}
			]
		}
	};
}
