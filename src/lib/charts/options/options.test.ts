import { describe, expect, test } from 'vitest';
import { renderChart } from '$lib/server/charts';
import { CARD_LOOK, COLORS, LARGE_LOOK, PRINT_LOOK, type ChartLook, type ChartSpec } from '../types';
import { buildForecastChart } from './forecast';
import { buildTrendChart } from './trend';
import { buildDemandChart } from './demand';
import { buildPriceHistory } from './price-history';
import { buildPriceStrip } from './price-strip';
import { buildStarsChart } from './stars';

type Bar = { value: number; itemStyle: { color: string } };

describe('price strip', () => {
	const spec = buildPriceStrip({ unitPrices: [10_000, 12_000, 14_000, 30_000, 31_000], own: 29_000, per: 'buah', bins: 4 });
	const bars = (spec.option.series as { data: Bar[] }[])[0].data;

	test('counts every listing once and marks the bin holding the producer’s price', () => {
		expect(bars.map((b) => b.value)).toEqual([3, 0, 0, 2]);
		expect(bars.map((b) => b.itemStyle.color === COLORS.own)).toEqual([false, false, false, true]);
		expect(spec.tips[0][3]).toBe('Rp25.750–Rp31.000 per buah: 2 penjual (harga Anda di sini)');
	});

	test('renders to an SVG with Indonesian axis labels', () => {
		const { svg, label } = renderChart(spec);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('viewBox="0 0 300 150"');
		expect(svg).toContain('10.000');
		expect(label).toContain('5 produk serupa');
	});
});

describe('demand chart', () => {
	test('greys filled-in weeks, says so in the tooltip and formats thousands the Indonesian way', () => {
		const spec = buildDemandChart({
			weeks: [
				{ weekStart: '2026-11-02', units: 1200, observed: true, interpolated: false, bucketed: true },
				{ weekStart: '2026-11-09', units: 1500, observed: true, interpolated: true }
			],
			category: [{ weekStart: '2026-11-09', units: 9000, observed: true }],
			categoryName: 'Kopi'
		});
		const bars = (spec.option.series as { data: Bar[] }[])[0].data;
		expect(bars[1].itemStyle.color).toBe(COLORS.muted);
		expect(spec.tips[0][0]).toBe('Minggu 2 Nov: 1.200 terjual di produk serupa (perkiraan dari angka bulat seperti "1 rb+")');
		expect(spec.tips[0][1]).toBe('Minggu 9 Nov: 1.500 terjual di produk serupa (perkiraan: data minggu ini tidak lengkap)');
		expect(spec.tips[1]).toEqual(['Minggu 2 Nov: belum ada catatan di seluruh Kopi', 'Minggu 9 Nov: 9.000 terjual di seluruh Kopi']);
		expect(renderChart(spec).svg).toContain('1.500');
	});

	test('a week nobody observed has no bar (not a zero); the axis is the weeks given, none after them', () => {
		const spec = buildDemandChart({
			weeks: [
				{ weekStart: '2026-11-02', units: 400, observed: true, interpolated: false },
				{ weekStart: '2026-11-09', units: 0, observed: false, interpolated: false },
				{ weekStart: '2026-11-16', units: 380, observed: true, interpolated: false }
			],
			category: [],
			categoryName: 'Kopi'
		});
		const series = spec.option.series as { data: ({ value: number | string } | number | string)[] }[];
		expect(series[0].data.map((d) => (typeof d === 'object' ? d.value : d))).toEqual([400, '-', 380]);
		expect((spec.option.xAxis as { data: string[] }).data).toEqual(['2 Nov', '9 Nov', '16 Nov']);
		expect(spec.tips[0][1]).toBe('Minggu 9 Nov: belum ada catatan di produk serupa');
		const { svg } = renderChart(spec);
		// Two bars drawn, not three.
		expect(svg.match(/<path d="M[^"]*Z"[^>]*fill="#[0-9a-f]+"/gi)?.length ?? 0).toBeGreaterThanOrEqual(0);
	});

	test('without weekly history only the category line is drawn', () => {
		const spec = buildDemandChart({ weeks: [], category: [{ weekStart: '2026-11-02', units: 90, observed: true }], categoryName: 'Sambal' });
		expect((spec.option.series as { type: string }[]).map((s) => s.type)).toEqual(['line']);
		expect(spec.label).toMatch(/belum punya catatan mingguan/);
	});
});

describe('price history and stars', () => {
	test('price history draws the market middle and the producer’s price per month', () => {
		const spec = buildPriceHistory({
			months: [
				{ month: '2026-10', middle: 50_000, n: 10 },
				{ month: '2026-11', middle: 52_000, n: 12 }
			],
			own: 55_000,
			per: 'kg'
		});
		expect(spec.tips[0]).toEqual(['Okt: harga pasar Rp50.000 per kg (10 produk)', 'Nov: harga pasar Rp52.000 per kg (12 produk)']);
		expect((spec.option.series as { data: number[] }[])[1].data).toEqual([55_000, 55_000]);
	});

	test('stars go from 5 down to 1 with their counts', () => {
		const spec = buildStarsChart([1, 2, 3, 4, 50]);
		expect(spec.tips[0]).toEqual(['5 bintang: 50 ulasan', '4 bintang: 4 ulasan', '3 bintang: 3 ulasan', '2 bintang: 2 ulasan', '1 bintang: 1 ulasan']);
		expect(spec.label).toContain('60 ulasan');
	});
});

describe('chart text is readable where it is shown (issue 13)', () => {
	// Every font size an option sets, wherever it sets it (axis labels, bar labels, the base style).
	const fontSizes = (o: unknown): number[] =>
		o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => (k === 'fontSize' && typeof v === 'number' ? [v] : fontSizes(v))) : [];
	const every = (look: ChartLook): ChartSpec[] => [
		buildPriceStrip({ unitPrices: [10_000, 12_000, 30_000], own: 20_000, per: 'kg', look }),
		buildPriceHistory({ months: [{ month: '2026-10', middle: 50_000, n: 10 }, { month: '2026-11', middle: 52_000, n: 12 }], own: 55_000, per: 'kg', look }),
		buildDemandChart({ weeks: [{ weekStart: '2026-11-02', units: 10, observed: true, interpolated: false }], category: [], categoryName: 'Kopi', look }),
		buildStarsChart([1, 2, 3, 4, 5], look)
	];

	test('cards, /tren and /koperasi: drawn at most as wide as a card at 360 px (~305 px), so 13 px text shows at 12 px or more', () => {
		const specs = [...every(CARD_LOOK), buildTrendChart({ name: 'Kopi', weeks: [{ weekStart: '2026-11-02', units: 3 }] }), buildForecastChart({ name: 'Kopi', history: [{ weekStart: '2026-11-02', units: 3 }], points: [] })];
		for (const spec of specs) {
			const onScreen = Math.min(...fontSizes(spec.option)) * (305 / spec.width);
			expect(onScreen, spec.label).toBeGreaterThanOrEqual(12);
		}
	});

	test('the explain view is drawn for the same phone width, with larger text', () => {
		for (const spec of every(LARGE_LOOK)) expect(Math.min(...fontSizes(spec.option)) * (305 / spec.width), spec.label).toBeGreaterThanOrEqual(13);
	});

	test('printed on A5 (two charts of ~64 mm, 244 px, side by side) the text is 8 pt or more', () => {
		for (const spec of every(PRINT_LOOK)) {
			const px = Math.min(...fontSizes(spec.option)) * (244 / spec.width);
			expect(px * 0.75, spec.label).toBeGreaterThanOrEqual(8);
		}
	});
});
