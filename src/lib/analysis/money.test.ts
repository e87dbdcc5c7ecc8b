import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv, sharedDataSkipReason } from '../../../tests/fixtures/shared-data';
import { formatRupiah, formatRupiahShort } from '../format';
import { parseIdNumber, parsePriceRange, parseRupiah } from './money';

describe('parseRupiah', () => {
	test.each([
		['Rp13.399.000', 13_399_000],
		['Rp 25.000,00', 25_000],
		['Rp14,9jt', 14_900_000],
		['156.640', 156_640],
		['469300.0', 469_300],
		['11249000', 11_249_000],
		['25rb', 25_000],
		['25 ribu', 25_000],
		['25k', 25_000],
		['25K', 25_000],
		['1,5jt', 1_500_000],
		['1.5 juta', 1_500_000],
		['Rp1,5 juta', 1_500_000],
		['Rp10.940', 10_940],
		['Rp. 25.000', 25_000],
		['IDR 25.000', 25_000],
		['Rp25.000,-', 25_000],
		['  Rp\u00a025.000  ', 25_000],
		['Rp2,3 miliar', 2_300_000_000],
		['25,000', 25_000],
		['1,234.50', 1_235],
		['Rp7,99jt', 7_990_000],
		['0', 0],
		['Rp0', 0],
		['12.5', 13],
		['Rp6,54jt - Rp8,39jt', 6_540_000],
		['Rp1,71jt - Rp1,99jt', 1_710_000],
		['Rp 50.000 – Rp 75.000', 50_000]
	])('%j → %d', (text, expected) => {
		expect(parseRupiah(text)).toBe(expected);
	});

	test.each([
		[''],
		['   '],
		['-'],
		['-5000'],
		['Rp'],
		['gratis'],
		['abc123'],
		['12.34.5'],
		['1..000'],
		['25.000.'],
		['Rp25.000 / kg / ekstra'],
		['NaN'],
		['Infinity'],
		['1e6'],
		['9'.repeat(40)]
	])('%j → null', (text) => {
		expect(parseRupiah(text)).toBeNull();
	});

	test.each([
		[null, null],
		[undefined, null],
		[25000, 25000],
		[25000.6, 25001],
		[-1, null],
		[Number.NaN, null],
		[Number.POSITIVE_INFINITY, null]
	])('non-string %j → %j', (value, expected) => {
		expect(parseRupiah(value)).toBe(expected);
	});

	test('never throws on odd strings', () => {
		const odd = ['(', ')', '[', '\\', 'Rp((', '∞', '١٢٣', '\u0000', 'x'.repeat(10_000), '1'.repeat(5000) + 'jt'];
		for (const s of odd) expect(() => parseRupiah(s)).not.toThrow();
	});
});

describe('parseIdNumber', () => {
	test.each([
		['1.000', false, 1000],
		['1,5', false, 1.5],
		['1,500', true, 1.5],
		['1.234.567,5', false, 1_234_567.5],
		['0.500', false, 0.5],
		['1,23,45', false, null]
	] as const)('%j (decimalFirst %j) → %j', (text, decimalFirst, expected) => {
		expect(parseIdNumber(text, decimalFirst)).toBe(expected);
	});
});

describe('parsePriceRange', () => {
	test.each([
		['Rp6,54jt - Rp8,39jt', { min: 6_540_000, max: 8_390_000 }],
		['Rp1,71jt - Rp1,99jt', { min: 1_710_000, max: 1_990_000 }],
		['Rp8,5jt - Rp10,9jt', { min: 8_500_000, max: 10_900_000 }],
		['Rp14,8jt - Rp25,9jt', { min: 14_800_000, max: 25_900_000 }],
		['Rp75.000 - Rp50.000', { min: 50_000, max: 75_000 }],
		['1,5 - 2 jt', { min: 1_500_000, max: 2_000_000 }],
		['Rp25.000 s/d Rp30.000', { min: 25_000, max: 30_000 }],
		['Rp25.000', { min: 25_000, max: 25_000 }],
		[42000, { min: 42000, max: 42000 }],
		['-', null],
		['Rp25.000 - ', null],
		['', null]
	])('%j → %j', (text, expected) => {
		expect(parsePriceRange(text)).toEqual(expected);
	});
});

describe('formatRupiah', () => {
	test.each([
		[25_000, 'Rp25.000'],
		[0, 'Rp0'],
		[999, 'Rp999'],
		[1_500_000, 'Rp1.500.000'],
		[25_000.4, 'Rp25.000'],
		[-25_000, '-Rp25.000'],
		[Number.NaN, 'Rp–']
	])('%d → %s', (n, expected) => {
		expect(formatRupiah(n)).toBe(expected);
	});

	test('round-trips through parseRupiah for integers ≥ 0', () => {
		const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 25_000, 156_640, 999_999, 1_000_000, 13_399_000, 2_147_483_647];
		for (let i = 0; i < 200; i++) values.push(Math.floor(((i * 7919) % 1000) * 10 ** (i % 10)) + i);
		for (const n of values) expect(parseRupiah(formatRupiah(n))).toBe(n);
	});
});

describe('formatRupiahShort', () => {
	test.each([
		[25_000, 'Rp25.000'],
		[999_999, 'Rp999.999'],
		[1_000_000, 'Rp1 juta'],
		[1_500_000, 'Rp1,5 juta'],
		[14_900_000, 'Rp14,9 juta'],
		[13_399_000, 'Rp13,4 juta'],
		[999_960_000, 'Rp1 miliar'],
		[2_300_000_000, 'Rp2,3 miliar'],
		[1_250_000_000_000, 'Rp1,3 triliun']
	])('%d → %s', (n, expected) => {
		expect(formatRupiahShort(n)).toBe(expected);
	});

	test('reads back within the rounding of one decimal', () => {
		for (const n of [1_000_000, 1_234_567, 9_999_999, 45_678_901, 2_345_678_901]) {
			const back = parseRupiah(formatRupiahShort(n)) as number;
			expect(Math.abs(back - n) / n).toBeLessThan(0.05);
		}
	});
});

// Every price column of every listing set in ../shared/data (see each folder's SOURCE.md).
// `zeroMeansMissing`: columns where SOURCE.md documents 0 as "no value" (no discount price).
const PRICE_COLUMNS: { file: string; columns: string[]; zeroMeansMissing?: string[] }[] = [
	{ file: 'tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv', columns: ['price'] },
	{
		file: 'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv',
		columns: ['Harga Normal', 'Harga Diskon'],
		zeroMeansMissing: ['Harga Diskon']
	},
	{
		file: 'shopee-skincare-listings-2022/shopee_skincare_2022-11.csv',
		columns: ['pricedc', 'Original Price', 'Min Price', 'Max Price']
	},
	{
		file: 'shopee-earphone-listings-2025/products.csv',
		columns: [
			'price_min',
			'price_max',
			'price',
			'price_before_discount',
			'price_max_before_discount',
			'price_min_before_discount'
		]
	},
	{
		file: 'shopee-earphone-listings-2025/variants.csv',
		columns: ['price', 'price_before_discount'],
		zeroMeansMissing: ['price_before_discount']
	},
	{ file: 'lazada-iphone-listings-2025/lazada_iphone.csv', columns: ['Price'] },
	{ file: 'bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv', columns: ['harga'] },
	{ file: 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv', columns: ['Price'] },
	{ file: 'tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv', columns: ['harga'] }
];

describe('real listing prices from ../shared/data', () => {
	test.skipIf(!hasSharedData)('the table covers every listing CSV in the shared data', async () => {
		const { readdirSync } = await import('node:fs');
		const { sharedPath } = await import('../../../tests/fixtures/shared-data');
		const found = readdirSync(sharedPath())
			.filter((d) => d.includes('listings'))
			.flatMap((d) =>
				readdirSync(sharedPath(d))
					.filter((f) => f.endsWith('.csv') && f !== 'shops.csv')
					.map((f) => `${d}/${f}`)
			)
			.sort();
		expect(found).toEqual(PRICE_COLUMNS.map((p) => p.file).sort());
	});

	test.skipIf(!hasSharedData).each(PRICE_COLUMNS)('$file: every non-empty price parses', ({ file, columns, zeroMeansMissing }) => {
		const rows = readSharedCsv(file);
		expect(rows.length).toBeGreaterThan(0);
		let parsed = 0;
		for (const column of columns) {
			expect(Object.keys(rows[0])).toContain(column);
			for (const row of rows) {
				const text = row[column]?.trim() ?? '';
				if (text === '') continue;
				const value = parseRupiah(text);
				if (zeroMeansMissing?.includes(column) && text === '0') {
					expect(value).toBe(0);
					continue;
				}
				expect(value, `${column} ${JSON.stringify(text)}`).not.toBeNull();
				expect(Number.isSafeInteger(value) && (value as number) > 0, `${column} ${JSON.stringify(text)} → ${value}`).toBe(true);
				parsed++;
			}
		}
		expect(parsed).toBeGreaterThan(0);
	});

	test.skipIf(!hasSharedData)('spot checks against values quoted in SOURCE.md', () => {
		const laptop = readSharedCsv('tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv');
		const air = laptop.find((r) => r.name.startsWith('Apple MacBook Air M1 Chip 2020'));
		expect(parseRupiah(air?.price)).toBe(13_399_000);

		const phones = readSharedCsv('tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv');
		const iphone14 = phones.find((r) => r.Produk === 'iPhone 14 Garansi Resmi');
		expect(parseRupiah(iphone14?.['Harga Normal'])).toBe(14_900_000);
		expect(parseRupiah(iphone14?.['Harga Diskon'])).toBe(11_258_000);
		const ranged = phones.find((r) => r['Harga Diskon'].includes(' - '));
		const range = parsePriceRange(ranged?.['Harga Diskon']);
		expect(range && range.max > range.min).toBe(true);

		const skincare = readSharedCsv('shopee-skincare-listings-2022/shopee_skincare_2022-11.csv');
		const twin = skincare.find((r) => r.title.startsWith('SOMETHINC [Beli 2 PCS'));
		expect(parseRupiah(twin?.pricedc)).toBe(156_640);
		expect(parseRupiah(twin?.pricedc)).toBe(parseRupiah(twin?.['Min Price']));
		const ceramide = skincare.find((r) => r.title.includes('5X Ceramide'));
		expect(parseRupiah(ceramide?.['Original Price'])).toBe(169_000);
		// The dotted display price and the integer column agree on every row.
		for (const r of skincare) expect(parseRupiah(r.pricedc)).toBe(parseRupiah(r['Min Price']));

		const sambal = readSharedCsv('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv');
		const finna = sambal.find((r) => r['Product Name'] === '[PACK] Finna Sambal Uleg Ijo Sachet (10 x 20gr)');
		expect(parseRupiah(finna?.Price)).toBe(10_940);

		const lazada = readSharedCsv('lazada-iphone-listings-2025/lazada_iphone.csv');
		expect(parseRupiah(lazada.find((r) => r.Title === 'Apple iPhone 15')?.Price)).toBe(11_249_000);
	});
});

test.skipIf(hasSharedData)('shared data missing', () => {
	expect(sharedDataSkipReason).toContain('shared/data');
});
