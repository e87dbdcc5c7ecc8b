import { describe, expect, test } from 'vitest';
import {
	formatDate,
	formatDateRange,
	formatDateShort,
	formatDayMonth,
	formatNumber,
	formatPercent,
	formatRupiah,
	formatRupiahShort,
	outOf10
} from './format';

describe('numbers', () => {
	test.each([
		[1234, undefined, '1.234'],
		[1234567.891, undefined, '1.234.567,89'],
		[4.6, 1, '4,6'],
		[4.65, 0, '5'],
		[0, undefined, '0'],
		[-0.001, 0, '0'],
		[-1500, undefined, '-1.500'],
		[Number.NaN, undefined, '–']
	])('formatNumber(%d, %j) → %s', (n, digits, expected) => {
		expect(formatNumber(n, digits)).toBe(expected);
	});

	test.each([
		[0.18, '18%'],
		[-0.07, '-7%'],
		[0, '0%'],
		[0.004, '0%'],
		[1.5, '150%'],
		[12.345, '1.235%'],
		[Number.POSITIVE_INFINITY, '–']
	])('formatPercent(%d) → %s', (f, expected) => {
		expect(formatPercent(f)).toBe(expected);
	});

	test.each([
		[0.8, '8 dari 10'],
		[0.75, '8 dari 10'],
		[0.04, '0 dari 10'],
		[1, '10 dari 10'],
		[1.7, '10 dari 10'],
		[-0.2, '0 dari 10'],
		[Number.NaN, '0 dari 10']
	])('outOf10(%d) → %s', (f, expected) => {
		expect(outOf10(f)).toBe(expected);
	});

	test('re-exports Rupiah formatting', () => {
		expect(formatRupiah(25_000)).toBe('Rp25.000');
		expect(formatRupiahShort(1_500_000)).toBe('Rp1,5 juta');
	});
});

describe('dates', () => {
	test.each([
		['2026-03-20', '20 Maret 2026', '20 Mar', '20 Maret'],
		['2026-08-17', '17 Agustus 2026', '17 Agu', '17 Agustus'],
		['2026-05-01', '1 Mei 2026', '1 Mei', '1 Mei'],
		['2026-12-25T23:30:00Z', '25 Desember 2026', '25 Des', '25 Desember'],
		['2024-02-29', '29 Februari 2024', '29 Feb', '29 Februari']
	])('%s', (iso, long, short, dayMonth) => {
		expect(formatDate(iso)).toBe(long);
		expect(formatDateShort(iso)).toBe(short);
		expect(formatDayMonth(iso)).toBe(dayMonth);
	});

	test.each([['kemarin'], ['2026-02-30'], ['']])('invalid %j is returned unchanged', (iso) => {
		expect(formatDate(iso)).toBe(iso);
		expect(formatDateShort(iso)).toBe(iso);
	});

	test.each([
		['2026-11-02', '2026-11-28', '2–28 November 2026'],
		['2026-10-28', '2026-11-25', '28 Okt–25 Nov 2026'],
		['2025-12-28', '2026-01-04', '28 Des 2025–4 Jan 2026'],
		['2026-03-20', '2026-03-20', '20 Maret 2026']
	])('formatDateRange(%s, %s) → %s', (from, to, expected) => {
		expect(formatDateRange(from, to)).toBe(expected);
	});
});
