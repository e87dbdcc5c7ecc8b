// The producer's own weekly sales (bars, from her sales book) beside her comparable listings'
// weekly sales (a line on its own scale: the market sells hundreds where she sells tens). A week
// she did not record has no bar (not a zero); a week nobody observed in the market no point.
import { formatNumber } from '$lib/format';
import { formatDayMonth } from '../month';
import { baseOption, CARD_LOOK, COLORS, idNumber, type ChartSpec } from '../types';

export interface SalesChartInput {
	weeks: { weekStart: string; units: number | null; market: number | null }[];
	unit: string;
}

export function buildSalesChart({ weeks, unit }: SalesChartInput): ChartSpec {
	const labels = weeks.map((w) => formatDayMonth(w.weekStart));
	const bars = weeks.map((w, i) => (w.units === null ? `Minggu ${labels[i]}: belum dicatat` : `Minggu ${labels[i]}: Anda menjual ${formatNumber(w.units)} ${unit}`));
	const line = weeks.map((w, i) => (w.market === null ? `Minggu ${labels[i]}: belum ada catatan produk serupa` : `Minggu ${labels[i]}: ${formatNumber(w.market)} terjual di produk serupa`));
	return {
		// The cards' look (CARD_LOOK): text ≥ 12 px on a 360 px phone, like the other cards' charts.
		width: CARD_LOOK.width,
		height: Math.round(150 * CARD_LOOK.tall),
		label: `Penjualan Anda per minggu (batang) dan produk serupa (garis), ${weeks.length} minggu terakhir.`,
		tips: [bars, line],
		option: {
			...baseOption(CARD_LOOK),
			xAxis: {
				type: 'category',
				data: labels,
				axisLabel: { interval: Math.max(0, Math.ceil(weeks.length / 4) - 1), fontSize: CARD_LOOK.font },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: [
				{ type: 'value', splitNumber: 3, minInterval: 1, axisLabel: { fontSize: CARD_LOOK.font, formatter: idNumber }, splitLine: { lineStyle: { color: COLORS.grid } } },
				{ type: 'value', splitNumber: 3, show: false }
			],
			series: [
				{
					type: 'bar' as const,
					barCategoryGap: '20%',
					// '-' is ECharts' empty value: no bar for a week that was not recorded.
					data: weeks.map((w) => (w.units === null ? { value: '-' as const } : { value: w.units, itemStyle: { color: COLORS.own } }))
				},
				{
					type: 'line' as const,
					yAxisIndex: 1,
					data: weeks.map((w) => (w.market === null ? '-' : w.market)),
					symbol: 'none',
					lineStyle: { color: COLORS.primary, width: 2 }
				}
			]
		}
	};
}
