// Where the producer's unit price stands among comparable listings: a histogram of the
// competitors' unit prices with the bar holding the producer's own price in another colour.
import { formatRupiah, formatRupiahShort } from '$lib/format';
import { baseOption, CARD_LOOK, COLORS, idNumber, type ChartLook, type ChartSpec } from '../types';

export interface PriceStripInput {
	unitPrices: number[];
	own: number;
	per: string;
	bins?: number;
	look?: ChartLook;
}

export function buildPriceStrip({ unitPrices, own, per, bins = 12, look = CARD_LOOK }: PriceStripInput): ChartSpec {
	const values = [...unitPrices].sort((a, b) => a - b);
	const lo = Math.min(values[0] ?? own, own);
	const hi = Math.max(values[values.length - 1] ?? own, own);
	const width = Math.max(1, (hi - lo) / bins);
	const counts = new Array<number>(bins).fill(0);
	const binOf = (v: number) => Math.min(bins - 1, Math.floor((v - lo) / width));
	for (const v of values) counts[binOf(v)]++;
	const ownBin = binOf(own);
	const edges = counts.map((_, i) => [Math.round(lo + i * width), Math.round(lo + (i + 1) * width)] as const);
	return {
		width: look.width,
		height: Math.round(150 * look.tall),
		label: `Harga ${values.length} produk serupa per ${per}: berapa penjual di tiap harga. Batang oranye: harga Anda.`,
		tips: [
			counts.map(
				(c, i) =>
					`${formatRupiah(edges[i][0])}–${formatRupiah(edges[i][1])} per ${per}: ${c} penjual${i === ownBin ? ' (harga Anda di sini)' : ''}`
			)
		],
		option: {
			...baseOption(look),
			xAxis: {
				type: 'category',
				data: edges.map(([a]) => formatRupiahShort(a).replace('Rp', '')),
				axisLabel: { interval: Math.ceil(bins / 4) - 1, fontSize: look.font },
				axisTick: { show: false },
				axisLine: { lineStyle: { color: COLORS.muted } }
			},
			yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: COLORS.grid } }, axisLabel: { fontSize: look.font, formatter: idNumber } },
			series: [
				{
					type: 'bar',
					barCategoryGap: '8%',
					data: counts.map((c, i) => ({
						value: c,
						itemStyle: { color: i === ownBin ? COLORS.own : COLORS.primaryLight }
					}))
				}
			]
		}
	};
}
