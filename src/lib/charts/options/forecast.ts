// Weekly sales so far and the forecast ahead, with its band (8 in 10 chance) drawn as a light
// area between the low and high lines. A forecast that did not beat the seasonal-naive
// baseline is never passed here: the caller shows the history alone and says why.
import { formatNumber } from '$lib/format';
import { formatDayMonth } from '../month';
import { baseOption, CARD_LOOK, COLORS, type ChartSpec } from '../types';

export interface ForecastChartInput {
	name: string;
	history: { weekStart: string; units: number }[];
	/** Empty when the forecast is not shown. */
	points: { weekStart: string; value: number; low: number; high: number }[];
}

export function buildForecastChart({ name, history, points }: ForecastChartInput): ChartSpec {
	const weeks = [...history.map((h) => h.weekStart), ...points.map((p) => p.weekStart)];
	const labels = weeks.map(formatDayMonth);
	const h = history.length;
	const pad = <T>(before: number, values: T[], after: number): (T | '-')[] => [
		...new Array<'-'>(before).fill('-'),
		...values,
		...new Array<'-'>(after).fill('-')
	];
	const round = (v: number) => Math.round(v);
	// The forecast line starts at the last real week so the two lines join.
	const lastReal = h ? [history[h - 1].units] : [];
	const forecastLine = points.length ? pad(Math.max(0, h - 1), [...lastReal, ...points.map((p) => round(p.value))], 0) : [];
	const low = points.length ? pad(h, points.map((p) => round(p.low)), 0) : [];
	const band = points.length ? pad(h, points.map((p) => round(p.high - p.low)), 0) : [];
	const tipFor = (i: number) => {
		if (i < h) return `Minggu ${labels[i]}: ${formatNumber(history[i].units)} terjual`;
		const p = points[i - h];
		return `Minggu ${labels[i]}: perkiraan ${formatNumber(round(p.value))} (antara ${formatNumber(round(p.low))} dan ${formatNumber(round(p.high))})`;
	};
	const tips = weeks.map((_, i) => tipFor(i));
	return {
		width: CARD_LOOK.width,
		height: 170,
		label: points.length
			? `${name}: terjual per minggu (garis penuh) dan perkiraan ${points.length} minggu ke depan (garis putus-putus, pita hijau muda).`
			: `${name}: terjual per minggu, ${h} minggu terakhir. Tanpa perkiraan.`,
		tips: points.length ? [tips, tips, tips, tips] : [tips],
		option: {
			...baseOption(CARD_LOOK),
			xAxis: {
				type: 'category',
				data: labels,
				boundaryGap: false,
				axisLabel: { interval: Math.max(0, Math.ceil(weeks.length / 4) - 1), fontSize: CARD_LOOK.font },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: { type: 'value', splitNumber: 3, axisLabel: { fontSize: CARD_LOOK.font, formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
			series: [
				{
					type: 'line',
					data: pad(0, history.map((x) => x.units), points.length),
					symbol: 'none',
					lineStyle: { color: COLORS.primary, width: 2 }
				},
				...(points.length
					? [
							// Invisible base at the low edge, then the band's height stacked on top of it.
							{ type: 'line', data: low, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 } },
							{
								type: 'line',
								data: band,
								stack: 'band',
								symbol: 'none',
								lineStyle: { opacity: 0 },
								areaStyle: { color: COLORS.primaryLight, opacity: 0.5 }
							},
							{ type: 'line', data: forecastLine, symbol: 'none', lineStyle: { color: COLORS.primary, width: 2, type: 'dashed' } }
						]
					: [])
			]
		}
	};
}
