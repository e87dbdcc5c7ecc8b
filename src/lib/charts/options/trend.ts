// A category's recent weekly sales as small bars: the last 4 weeks dark, the 4 before them
// medium, older weeks light, so the comparison behind "naik" / "turun" is visible at a glance.
import { formatNumber } from '$lib/format';
import { formatDayMonth } from '../month';
import { baseOption, BASE_OPTION, CARD_LOOK, COLORS, type ChartSpec } from '../types';

export interface TrendChartInput {
	name: string;
	/** `observed: false`: no snapshots cover the week, so no bar (not a zero). */
	weeks: { weekStart: string; units: number; observed?: boolean }[];
}

export function buildTrendChart({ name, weeks }: TrendChartInput): ChartSpec {
	const labels = weeks.map((w) => formatDayMonth(w.weekStart));
	const n = weeks.length;
	const colour = (i: number) => (i >= n - 4 ? COLORS.primary : i >= n - 8 ? COLORS.primaryLight : COLORS.grid);
	return {
		width: CARD_LOOK.width,
		height: 110,
		label: `${name}: terjual per minggu, ${n} minggu terakhir. Batang gelap: 4 minggu terakhir.`,
		tips: [weeks.map((w, i) => (w.observed === false ? `Minggu ${labels[i]}: belum ada catatan` : `Minggu ${labels[i]}: ${formatNumber(w.units)} terjual`))],
		option: {
			...baseOption(CARD_LOOK),
			grid: { ...BASE_OPTION.grid, left: 4, right: 4, top: 8, bottom: 2 },
			xAxis: {
				type: 'category',
				data: labels,
				axisLabel: { interval: Math.max(0, Math.ceil(n / 3) - 1), fontSize: CARD_LOOK.font },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: { type: 'value', splitNumber: 2, axisLabel: { fontSize: CARD_LOOK.font, formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
			series: [
				{
					type: 'bar',
					barCategoryGap: '15%',
					data: weeks.map((w, i) => (w.observed === false ? { value: '-' as const } : { value: w.units, itemStyle: { color: colour(i) } }))
				}
			]
		}
	};
}
