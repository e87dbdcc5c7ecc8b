// The market's middle unit price month by month, with the producer's price as a flat line.
import { formatRupiah, formatRupiahShort } from '$lib/format';
import { formatMonthShort } from '../month';
import { baseOption, CARD_LOOK, COLORS, type ChartLook, type ChartSpec } from '../types';

export interface PriceHistoryInput {
	months: { month: string /* YYYY-MM */; middle: number; n: number }[];
	own: number;
	per: string;
	look?: ChartLook;
}

export function buildPriceHistory({ months, own, per, look = CARD_LOOK }: PriceHistoryInput): ChartSpec {
	const labels = months.map((m) => formatMonthShort(m.month));
	return {
		width: look.width,
		height: Math.round(140 * look.tall),
		label: `Harga pasar per ${per}, ${months.length} bulan terakhir (garis hijau), dan harga Anda (garis oranye).`,
		tips: [
			months.map((m, i) => `${labels[i]}: harga pasar ${formatRupiah(m.middle)} per ${per} (${m.n} produk)`),
			months.map(() => `Harga Anda: ${formatRupiah(own)} per ${per}`)
		],
		option: {
			...baseOption(look),
			xAxis: {
				type: 'category',
				data: labels,
				boundaryGap: false,
				axisLabel: { interval: 2, fontSize: look.font },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: {
				type: 'value',
				scale: true,
				splitNumber: 3,
				axisLabel: { fontSize: look.font, formatter: (v: number) => formatRupiahShort(v).replace('Rp', '') },
				splitLine: { lineStyle: { color: COLORS.grid } }
			},
			series: [
				{ type: 'line', data: months.map((m) => m.middle), symbol: 'circle', symbolSize: 5, lineStyle: { color: COLORS.primary, width: 2 }, itemStyle: { color: COLORS.primary } },
				{ type: 'line', data: months.map(() => own), symbol: 'none', lineStyle: { color: COLORS.own, type: 'dashed', width: 1.5 } }
			]
		}
	};
}
