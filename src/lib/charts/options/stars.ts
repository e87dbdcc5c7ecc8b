// How many reviews gave 5, 4, 3, 2 and 1 stars, as horizontal bars.
import { formatNumber } from '$lib/format';
import { baseOption, CARD_LOOK, COLORS, type ChartLook, type ChartSpec } from '../types';

/** counts[0] = 1 star … counts[4] = 5 stars. */
export function buildStarsChart(counts: number[], look: ChartLook = CARD_LOOK): ChartSpec {
	const total = counts.reduce((a, b) => a + b, 0);
	const rows = [5, 4, 3, 2, 1];
	return {
		width: look.width,
		height: Math.round(130 * look.tall),
		label: `Jumlah ulasan per bintang, dari ${formatNumber(total)} ulasan produk serupa.`,
		tips: [rows.map((s) => `${s} bintang: ${formatNumber(counts[s - 1] ?? 0)} ulasan`)],
		option: {
			...baseOption(look),
			grid: { left: 8, right: 48, top: 4, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
			xAxis: { type: 'value', show: false },
			yAxis: { type: 'category', inverse: true, data: rows.map((s) => `${s}★`), axisLabel: { fontSize: look.font }, axisTick: { show: false }, axisLine: { show: false } },
			series: [
				{
					type: 'bar',
					barWidth: '60%',
					data: rows.map((s) => ({ value: counts[s - 1] ?? 0, itemStyle: { color: s >= 4 ? COLORS.primary : s === 3 ? COLORS.muted : COLORS.own } })),
					label: { show: true, position: 'right', fontSize: look.font, formatter: (p: { value: number }) => formatNumber(p.value) }
				}
			]
		}
	};
}
