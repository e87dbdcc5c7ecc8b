// Property-based tests (fast-check) of the parsers every imported cell goes through: they never
// throw on arbitrary text, and they read back exactly what our own formatters write.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatRupiah } from '../../src/lib/format';
import { parsePriceRange, parseRupiah } from '../../src/lib/analysis/money';
import { formatSoldCount, parseSoldCount } from '../../src/lib/analysis/sold';
import { formatPackSize, parsePackSize } from '../../src/lib/analysis/units';

// Arbitrary text, plus text built from the characters price, sold and size cells are made of.
const noisy = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	fc.string({ unit: fc.constantFrom(...'0123456789.,-+ RpkKrbtjuJTaxX/gmlLsci()\n\u00a0'.split('')), maxLength: 30 })
);

describe('parsers never throw', () => {
	test('parseRupiah and parsePriceRange', () => {
		fc.assert(
			fc.property(noisy, (s) => {
				const v = parseRupiah(s);
				expect(v === null || (Number.isSafeInteger(v) && v >= 0)).toBe(true);
				const r = parsePriceRange(s);
				expect(r === null || r.min <= r.max).toBe(true);
			}),
			{ numRuns: 3000 }
		);
	});

	test('parseSoldCount', () => {
		fc.assert(
			fc.property(noisy, (s) => {
				const v = parseSoldCount(s);
				expect(v === null || (Number.isSafeInteger(v.count) && v.count >= 0)).toBe(true);
			}),
			{ numRuns: 3000 }
		);
	});

	test('parsePackSize', () => {
		fc.assert(
			fc.property(noisy, (s) => {
				const v = parsePackSize(s);
				expect(v === null || (Number.isFinite(v.quantity) && v.quantity > 0)).toBe(true);
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('parsers read back what the formatters write', () => {
	test('parseRupiah(formatRupiah(n)) = n', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (n) => {
				expect(parseRupiah(formatRupiah(n))).toBe(n);
			}),
			{ numRuns: 3000 }
		);
	});

	test('parseSoldCount(formatSoldCount(s)) = s', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 9 - 1 }), fc.boolean(), fc.boolean(), (count, lowerBound, perMonth) => {
				expect(parseSoldCount(formatSoldCount({ count, lowerBound, perMonth }))).toEqual({ count, lowerBound, perMonth });
			}),
			{ numRuns: 3000 }
		);
	});

	test('parsePackSize(formatPackSize(p)) = p for whole sizes', () => {
		const pack = fc.oneof(
			fc.record({ quantity: fc.integer({ min: 1, max: 999 }), unit: fc.constant('g' as const) }),
			fc.record({ quantity: fc.integer({ min: 1, max: 999 }).map((k) => k * 1000), unit: fc.constant('g' as const) }),
			fc.record({ quantity: fc.integer({ min: 1, max: 999 }), unit: fc.constant('ml' as const) }),
			fc.record({ quantity: fc.integer({ min: 1, max: 999 }).map((k) => k * 1000), unit: fc.constant('ml' as const) }),
			fc.record({ quantity: fc.integer({ min: 1, max: 999 }), unit: fc.constant('pcs' as const) })
		);
		fc.assert(
			fc.property(pack, (p) => {
				const back = parsePackSize(`Produk ${formatPackSize(p)}`);
				expect(back && { quantity: back.quantity, unit: back.unit }).toEqual(p);
			}),
			{ numRuns: 3000 }
		);
	});
});
