import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv } from '../../../tests/fixtures/shared-data';
import { formatSoldCount, parseSoldCount, soldRange, type SoldCount } from './sold';

const exact = (count: number): SoldCount => ({ count, lowerBound: false, perMonth: false });
const atLeast = (count: number): SoldCount => ({ count, lowerBound: true, perMonth: false });
const monthly = (count: number, lowerBound = false): SoldCount => ({ count, lowerBound, perMonth: true });

describe('parseSoldCount', () => {
	test.each([
		['Terjual 2 rb+', atLeast(2000)],
		['2rb+ terjual', atLeast(2000)],
		['10 rb+', atLeast(10_000)],
		['100+', atLeast(100)],
		['750+ terjual', atLeast(750)],
		['Terjual 100+', atLeast(100)],
		['Terjual 5', exact(5)],
		['28 terjual', exact(28)],
		['1RB+ Terjual/ Bulan', monthly(1000, true)],
		['565 Terjual/ Bulan', monthly(565)],
		['4 Terjual/ Bulan', monthly(4)],
		['12 terjual per bulan', monthly(12)],
		['113K', exact(113_000)],
		['62K', exact(62_000)],
		['54,6 rb', exact(54_600)],
		['296,6 rb', exact(296_600)],
		['1,1 rb', exact(1100)],
		['1,2jt+', atLeast(1_200_000)],
		['1,2 jt+ terjual', atLeast(1_200_000)],
		['6227', exact(6227)],
		['6.227 terjual', exact(6227)],
		['0', exact(0)],
		['Terjual 2 rb +', atLeast(2000)],
		['(4.565 rating)', exact(4565)],
		['(16,1rb rating)', exact(16_100)],
		['10rb+ terjual', atLeast(10_000)],
		[6227, exact(6227)],
		[12.6, exact(13)]
	])('%j → %j', (text, expected) => {
		expect(parseSoldCount(text)).toEqual(expected);
	});

	test.each([[''], ['   '], ['-'], ['terjual'], ['banyak'], ['rb+'], ['-5'], ['2 rb++'], ['1..0'], [null], [undefined], [-3], [Number.NaN]])(
		'%j → null',
		(text) => {
			expect(parseSoldCount(text)).toBeNull();
		}
	);

	test('never throws', () => {
		for (const s of ['(', '/', '/ bulan', '\u0000', '+'.repeat(1000), '9'.repeat(400) + ' rb']) {
			expect(() => parseSoldCount(s)).not.toThrow();
		}
	});
});

describe('formatSoldCount', () => {
	test.each([
		[atLeast(2000), '2 rb+ terjual'],
		[atLeast(1500), '1,5 rb+ terjual'],
		[atLeast(750), '750+ terjual'],
		[exact(6227), '6.227 terjual'],
		[exact(0), '0 terjual'],
		[monthly(565), '565 terjual/bulan'],
		[monthly(1000, true), '1 rb+ terjual/bulan'],
		[atLeast(1_200_000), '1,2 jt+ terjual']
	])('%j → %s', (s, expected) => {
		expect(formatSoldCount(s)).toBe(expected);
	});

	test('round-trips through parseSoldCount', () => {
		const counts = [0, 1, 9, 30, 100, 999, 1000, 1234, 1500, 2000, 10_000, 54_600, 113_000, 1_200_000, 1_234_567];
		for (const count of counts) {
			for (const lowerBound of [false, true]) {
				for (const perMonth of [false, true]) {
					const s = { count, lowerBound, perMonth };
					expect(parseSoldCount(formatSoldCount(s))).toEqual(s);
				}
			}
		}
	});
});

describe('soldRange', () => {
	test.each([
		// Tokopedia's ladder: tens below 100, then 100 → 250 → 500 → 750 → 1 rb, then thousands.
		[30, 'tokopedia', 30, 39],
		[90, 'tokopedia', 90, 99],
		[100, 'tokopedia', 100, 249],
		[250, 'tokopedia', 250, 499],
		[500, 'tokopedia', 500, 749],
		[750, 'tokopedia', 750, 999],
		[1000, 'tokopedia', 1000, 1999],
		[9000, 'tokopedia', 9000, 9999],
		// Above "9 rb+" the ladder is not known: the display's own precision.
		[10_000, 'tokopedia', 10_000, 19_999],
		[50_000, 'tokopedia', 50_000, 59_999],
		// Shopee / TikTok: one decimal of RB ("1,2RB"), whole RB from 100 RB, one decimal of JT.
		[1200, 'shopee', 1200, 1299],
		[12_300, 'tiktok', 12_300, 12_399],
		[123_000, 'shopee', 123_000, 123_999],
		[1_200_000, 'shopee', 1_200_000, 1_299_999],
		// Unknown marketplace: Tokopedia's marks where the value sits on them, else its precision.
		[250, null, 250, 499],
		[2000, null, 2000, 2999],
		[1200, null, 1200, 1299],
		[20_000, undefined, 20_000, 29_999]
	] as const)('%d+ on %s → %d…%d', (count, marketplace, low, high) => {
		expect(soldRange(count, true, marketplace)).toEqual({ low, high });
	});

	test('exact counters are exact; nonsense never throws', () => {
		expect(soldRange(1234, false, 'tokopedia')).toEqual({ low: 1234, high: 1234 });
		expect(soldRange(0, true)).toEqual({ low: 0, high: 0 });
		expect(soldRange(Number.NaN, true)).toEqual({ low: 0, high: 0 });
		expect(soldRange(-5, false)).toEqual({ low: 0, high: 0 });
	});

	test.skipIf(!hasSharedData)('every real Tokopedia bucket has a range that starts at the value shown and ends before the next', () => {
		const laptop = readSharedCsv('tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv');
		const shown = [...new Set(laptop.map((r) => parseSoldCount(r.sold)).filter((s) => s?.lowerBound).map((s) => s!.count))].sort((a, b) => a - b);
		for (let i = 0; i + 1 < shown.length; i++) {
			const r = soldRange(shown[i], true, 'tokopedia');
			expect(r.low).toBe(shown[i]);
			// The next value any listing showed is never inside this bucket.
			expect(r.high).toBeLessThan(shown[i + 1]);
		}
	});
});

// Every sold-like column of every listing set (see each folder's SOURCE.md).
const SOLD_COLUMNS: { file: string; columns: string[] }[] = [
	{ file: 'tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv', columns: ['sold'] },
	{ file: 'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv', columns: ['Terjual'] },
	{ file: 'shopee-skincare-listings-2022/shopee_skincare_2022-11.csv', columns: ['terjual'] },
	{ file: 'shopee-earphone-listings-2025/products.csv', columns: ['historical_sold', 'sold'] },
	{ file: 'lazada-iphone-listings-2025/lazada_iphone.csv', columns: ['Sold'] },
	{ file: 'bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv', columns: ['jumlah_terjual'] },
	{
		file: 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv',
		columns: ['Sold Count', 'Store Reviews Count', 'Product Reviews Count']
	},
	{ file: 'tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv', columns: ['jumlah_terjual', 'total_review_toko'] }
];

describe('real sold counts from ../shared/data', () => {
	test.skipIf(!hasSharedData).each(SOLD_COLUMNS)('$file: every non-empty sold string parses', ({ file, columns }) => {
		const rows = readSharedCsv(file);
		let parsed = 0;
		for (const column of columns) {
			expect(Object.keys(rows[0])).toContain(column);
			for (const row of rows) {
				const text = row[column]?.trim() ?? '';
				if (text === '') continue;
				const s = parseSoldCount(text);
				expect(s, `${column} ${JSON.stringify(text)}`).not.toBeNull();
				expect(Number.isSafeInteger(s?.count) && (s?.count as number) >= 0).toBe(true);
				// Whatever we read must display and read back the same.
				expect(parseSoldCount(formatSoldCount(s as SoldCount))).toEqual(s);
				parsed++;
			}
		}
		expect(parsed).toBeGreaterThan(0);
	});

	test.skipIf(!hasSharedData)('spot checks', () => {
		const laptop = readSharedCsv('tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv');
		const air = laptop.find((r) => r.name.startsWith('Apple MacBook Air M1 Chip 2020'));
		expect(parseSoldCount(air?.sold)).toEqual(atLeast(2000));

		const skincare = readSharedCsv('shopee-skincare-listings-2022/shopee_skincare_2022-11.csv');
		const ceramide = skincare.find((r) => r.title.includes('5X Ceramide'));
		expect(parseSoldCount(ceramide?.terjual)).toEqual(monthly(1000, true));
		// Every skincare count is per month; no Tokopedia count is.
		for (const r of skincare) if (r.terjual) expect(parseSoldCount(r.terjual)?.perMonth).toBe(true);
		for (const r of laptop) if (r.sold) expect(parseSoldCount(r.sold)?.perMonth).toBe(false);

		const lazada = readSharedCsv('lazada-iphone-listings-2025/lazada_iphone.csv');
		expect(lazada.map((r) => parseSoldCount(r.Sold)?.count)).toContain(113_000);

		const raw = readSharedCsv('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv');
		const eat = raw.find((r) => r['Product Name'] === 'Paket Eat Sambel Favorit Mas Yangun - 2 CM - 1 CKL');
		expect(parseSoldCount(eat?.['Sold Count'])).toEqual(atLeast(10_000));
		expect(parseSoldCount(eat?.['Store Reviews Count'])).toEqual(exact(54_600));
		expect(parseSoldCount(eat?.['Product Reviews Count'])).toEqual(exact(4565));

		// The author's clean file agrees with our reading of the same notation: "7 rb+" → 7000.
		const clean = readSharedCsv('tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv');
		expect(clean.map((r) => parseSoldCount(r.jumlah_terjual)?.count)).toContain(7000);
	});
});
