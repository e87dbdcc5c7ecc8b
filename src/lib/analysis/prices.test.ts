import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv } from '../../../tests/fixtures/shared-data';
import { parseRupiah } from './money';
import {
	MIN_COMPARABLE,
	percentile,
	priceStats,
	pricePosition,
	removeOutliers,
	suggestPriceRange,
	weightedPercentile,
	type PriceStats
} from './prices';

describe('percentile', () => {
	test.each([
		[[10, 20, 30, 40, 50], 0, 10],
		[[10, 20, 30, 40, 50], 1, 50],
		[[10, 20, 30, 40, 50], 0.5, 30],
		[[10, 20, 30, 40], 0.5, 25],
		[[10, 20, 30, 40], 0.25, 17.5],
		[[10, 20, 30, 40, 50], 0.1, 14],
		[[7], 0.9, 7],
		[[10, 20], -1, 10],
		[[10, 20], 2, 20]
	])('%j at %d → %d', (values, p, expected) => {
		expect(percentile(values, p)).toBeCloseTo(expected, 9);
	});

	test('empty → NaN', () => {
		expect(percentile([], 0.5)).toBeNaN();
	});
});

describe('weightedPercentile', () => {
	test.each([
		[[10, 20], [1, 1], 0.5, 15],
		[[10, 20, 30], [1, 1, 1], 0.5, 20],
		// One listing carries most sales: the middle moves almost onto it. Centres are at
		// 0.5/102, 1.5/102 and 52/102 of the weight, so 0.5 lies 98% of the way from 20 to 30.
		[[10, 20, 30], [1, 1, 100], 0.5, 20 + 10 * ((0.5 - 1.5 / 102) / (52 / 102 - 1.5 / 102))],
		[[30, 10, 20], [100, 1, 1], 0.5, 20 + 10 * ((0.5 - 1.5 / 102) / (52 / 102 - 1.5 / 102))],
		[[10, 20, 30], [1, 1, 100], 0.75, 30],
		// Zero weights do not count.
		[[10, 1000, 20], [1, 0, 1], 0.5, 15],
		[[10, 20, 30], [1, 2, 1], 0.5, 20],
		// Centres at 0.375 and 0.875: 0.5 is a quarter of the way.
		[[10, 20], [3, 1], 0.5, 12.5],
		[[10, 20], [1, 1], 0, 10],
		[[10, 20], [1, 1], 1, 20]
	])('%j weighted %j at %d → %d', (values, weights, p, expected) => {
		expect(weightedPercentile(values, weights, p)).toBeCloseTo(expected, 6);
	});

	test('no usable weight → NaN', () => {
		expect(weightedPercentile([10, 20], [0, 0], 0.5)).toBeNaN();
		expect(weightedPercentile([], [], 0.5)).toBeNaN();
	});
});

describe('removeOutliers', () => {
	const id = (v: number) => v;
	test.each([
		{
			name: 'placeholder prices go',
			values: [10_000, 11_000, 12_000, 9_500, 10_500, 1, 999_999_999],
			removed: [1, 999_999_999]
		},
		{
			name: 'a bulk pack far from the rest goes',
			values: [20_000, 22_000, 25_000, 19_000, 21_000, 24_000, 23_000, 180_000],
			removed: [180_000]
		},
		{
			name: 'tight market keeps a modestly different price (MAD floor)',
			values: [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 13_000],
			removed: []
		},
		{
			name: 'tight market still drops a doubled price',
			values: [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 20_000],
			removed: [20_000]
		},
		{
			name: 'wide but consistent spread keeps all',
			values: [5_000, 8_000, 12_000, 20_000, 30_000, 45_000, 70_000],
			removed: []
		},
		{
			name: 'below 5 items only non-positive go',
			values: [1, 10_000, 999_999_999, 0],
			removed: [0]
		},
		{
			name: 'non-positive and NaN always go',
			values: [10_000, 11_000, 12_000, 9_500, 10_500, 0, -5, Number.NaN],
			removed: [0, -5, Number.NaN]
		}
	])('$name', ({ values, removed }) => {
		const result = removeOutliers(values, id);
		expect(result.removed).toEqual(removed);
		expect(result.kept.length + result.removed.length).toBe(values.length);
		// Order of kept items follows the input.
		expect(result.kept).toEqual(values.filter((v) => !removed.some((r) => Object.is(r, v))));
	});

	test('works on objects and keeps duplicates', () => {
		const items = [5, 5, 5, 5, 5, 500].map((price, i) => ({ id: i, price }));
		const { kept, removed } = removeOutliers(items, (t) => t.price);
		expect(kept.map((t) => t.id)).toEqual([0, 1, 2, 3, 4]);
		expect(removed.map((t) => t.id)).toEqual([5]);
	});
});

describe('priceStats', () => {
	test('plain and sold-weighted values', () => {
		const s = priceStats([10, 20, 30, 40, 50], [0, 0, 0, 0, 10]);
		expect(s).toMatchObject({ n: 5, min: 10, max: 50, p10: 14, p25: 20, median: 30, p75: 40, p90: 46 });
		expect(s.soldWeightedMedian).toBe(50);
		expect(s.soldWeightedP25).toBe(50);
	});

	test.each([
		['no sold', undefined],
		['length mismatch', [1, 2]],
		['all zero', [0, 0, 0]]
	])('sold-weighted null when %s', (_name, sold) => {
		const s = priceStats([100, 200, 300], sold);
		expect(s.soldWeightedMedian).toBeNull();
		expect(s.soldWeightedP25).toBeNull();
		expect(s.soldWeightedP75).toBeNull();
		expect(s.median).toBe(200);
	});

	test('rounds to whole Rupiah and handles empty input', () => {
		expect(priceStats([10_001, 10_002]).median).toBe(10_002);
		const empty = priceStats([]);
		expect(empty.n).toBe(0);
		expect(empty.median).toBeNaN();
	});
});

describe('pricePosition', () => {
	const market = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((v) => v * 1000);
	test.each([
		{ own: 95_000, band: 'lebih-mahal', cheaper: 9, pricier: 1, outOf10: 9 },
		{ own: 85_000, band: 'lebih-mahal', cheaper: 8, pricier: 2, outOf10: 8 },
		{ own: 15_000, band: 'lebih-murah', cheaper: 1, pricier: 9, outOf10: 9 },
		{ own: 5_000, band: 'lebih-murah', cheaper: 0, pricier: 10, outOf10: 10 },
		{ own: 150_000, band: 'lebih-mahal', cheaper: 10, pricier: 0, outOf10: 10 },
		// Middle by rank: 4 cheaper, 6 pricier.
		{ own: 45_000, band: 'sekitar', cheaper: 4, pricier: 6, outOf10: 4 },
		// 6,5 of 10 cheaper is still the middle; 7 is not.
		{ own: 65_000, band: 'sekitar', cheaper: 6, pricier: 4, outOf10: 6 },
		{ own: 75_000, band: 'lebih-mahal', cheaper: 7, pricier: 3, outOf10: 7 }
	])('own $own → $band', ({ own, band, cheaper, pricier, outOf10 }) => {
		expect(pricePosition(own, market)).toEqual({ cheaperCount: cheaper, pricierCount: pricier, n: 10, outOf10, band });
	});

	test('within 5% of the middle is "sekitar" even when the ranks say otherwise', () => {
		const tight = [10_000, 10_000, 10_000, 10_000, 10_000, 10_000];
		expect(pricePosition(10_400, tight).band).toBe('sekitar');
		expect(pricePosition(10_600, tight).band).toBe('lebih-mahal');
		expect(pricePosition(10_000, tight)).toMatchObject({ cheaperCount: 0, pricierCount: 0, band: 'sekitar' });
	});

	test('empty market', () => {
		expect(pricePosition(10_000, [])).toEqual({ cheaperCount: 0, pricierCount: 0, n: 0, outOf10: 0, band: 'sekitar' });
	});
});

describe('suggestPriceRange', () => {
	const base: PriceStats = {
		n: 40,
		min: 20_000,
		max: 120_000,
		p10: 30_000,
		p25: 41_234,
		median: 55_000,
		p75: 72_345,
		p90: 90_000,
		soldWeightedMedian: 52_000,
		soldWeightedP25: 45_678,
		soldWeightedP75: 68_912
	};
	test.each([
		{ name: 'sold-weighted', stats: base, own: 60_000, low: 45_700, high: 68_900, weighted: true, word: 'pembeli', where: 'sudah masuk' },
		{
			name: 'falls back to listed prices',
			stats: { ...base, soldWeightedMedian: null, soldWeightedP25: null, soldWeightedP75: null },
			own: 90_000,
			low: 41_200,
			high: 72_300,
			weighted: false,
			word: 'penjual',
			where: 'di atas'
		},
		{ name: 'own below the range', stats: base, own: 30_000, low: 45_700, high: 68_900, weighted: true, word: 'pembeli', where: 'di bawah' }
	])('$name', ({ stats, own, low, high, weighted, word, where }) => {
		const r = suggestPriceRange(stats, own);
		expect(r.low).toBe(low);
		expect(r.high).toBe(high);
		expect(r.soldWeighted).toBe(weighted);
		expect(r.reasons.join(' ')).toContain(word);
		expect(r.reasons.join(' ')).toContain(where);
		expect(r.reasons.join(' ')).toContain('40 produk serupa');
		for (const reason of r.reasons) {
			expect(reason.split(/\s+/).length).toBeLessThanOrEqual(15);
			expect(reason).not.toMatch(/median|persentil|kuartil|distribusi|deviasi/i);
		}
	});

	test('thin data says so', () => {
		const r = suggestPriceRange({ ...base, n: MIN_COMPARABLE - 2 }, 60_000);
		expect(r.reasons[0]).toContain('belum pasti');
	});
});

describe('real prices from ../shared/data', () => {
	test.skipIf(!hasSharedData)('oximeter market: outliers trimmed, a sane middle and position', () => {
		const rows = readSharedCsv('bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv');
		const listings = rows.map((r) => ({ price: parseRupiah(r.harga) ?? 0, sold: Number(r.jumlah_terjual) || 0 }));
		const { kept, removed } = removeOutliers(listings, (l) => l.price);
		expect(kept.length).toBeGreaterThan(listings.length * 0.8);
		const stats = priceStats(
			kept.map((l) => l.price),
			kept.map((l) => l.sold)
		);
		expect(stats.n).toBeGreaterThanOrEqual(MIN_COMPARABLE);
		// SOURCE.md: prices from Rp14,100 to Rp1,452,000; oximeters typically sell around Rp50–250 ribu.
		expect(stats.median).toBeGreaterThan(40_000);
		expect(stats.median).toBeLessThan(300_000);
		expect(stats.p25).toBeLessThanOrEqual(stats.median);
		expect(stats.median).toBeLessThanOrEqual(stats.p75);
		expect(stats.soldWeightedMedian).not.toBeNull();
		// Whatever was removed lies outside what was kept.
		const keptMax = Math.max(...kept.map((l) => l.price));
		const keptMin = Math.min(...kept.map((l) => l.price));
		for (const r of removed) expect(r.price > keptMax || r.price < keptMin).toBe(true);
		const pos = pricePosition(stats.p90, kept.map((l) => l.price));
		expect(pos.band).toBe('lebih-mahal');
		expect(pos.outOf10).toBeGreaterThanOrEqual(8);
	});

	test.skipIf(!hasSharedData)('lazada iphone search: cheap accessories are not phones', () => {
		const rows = readSharedCsv('lazada-iphone-listings-2025/lazada_iphone.csv');
		const phones = rows.filter((r) => /^Apple iPhone \d+/.test(r.Title)).map((r) => parseRupiah(r.Price) ?? 0);
		const accessory = rows.map((r) => parseRupiah(r.Price) ?? 0).filter((p) => p > 0 && p < 100_000);
		expect(phones.length).toBeGreaterThanOrEqual(MIN_COMPARABLE);
		expect(accessory.length).toBeGreaterThan(0);
		const { removed } = removeOutliers([...phones, ...accessory.slice(0, 2)], (v) => v);
		expect(removed).toEqual(accessory.slice(0, 2));
	});
});
