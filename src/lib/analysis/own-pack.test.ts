import { describe, expect, test } from 'vitest';
import { ownPack, packPhrase, packPriceAt, roundPackPrice, soldByThePiece } from './own-pack';
import { parsePackSize, unitPrice, type Unit } from './units';

describe("the producer's own pack", () => {
	test.each([
		// [product name, quantity, unit, what the advice says after "per"]
		['Kopi Bubuk Robusta Temanggung isi 3 x 250gr', 750, 'g', 'bungkus (3 × 250 gram)'],
		['Kopi Arabika Gayo 250 gr', 250, 'g', 'bungkus (250 gram)'],
		['Kopi Robusta 1 kg', 1000, 'g', 'bungkus (1 kg)'],
		['Sambal Bawang Bu Rudy Toples 200 gr', 200, 'g', 'toples (200 gram)'],
		['[PACK] Finna Sambal Uleg Ijo Sachet (10 x 20gr)', 200, 'g', 'pak (10 × 20 gram)'],
		['Sambal Cumi Botol 150 gram', 150, 'g', 'botol (150 gram)'],
		['Minyak Kelapa 1 liter', 1000, 'ml', 'botol (1 liter)'],
		['Madu Hutan 6 x 250 ml', 1500, 'ml', 'pak (6 × 250 ml)'],
		['Wastafel Keramik Motif Bunga', 1, 'pcs', 'buah'],
		['Wig Rambut Panjang 1 set', 1, 'pcs', 'set'],
		['Piring Keramik Hias isi 6', 6, 'pcs', 'set (6 buah)'],
		['Bulu Mata Palsu isi 5 pasang', 5, 'pcs', 'set (5 pasang)'],
		['Gelas Keramik 1 lusin', 12, 'pcs', 'lusin (12 buah)'],
		['Kain Batik Cap 1 kodi', 20, 'pcs', 'kodi (20 buah)'],
		['Jepit Rambut 1 pack isi 6', 6, 'pcs', 'pak (6 buah)']
	])('%s', (name, quantity, unit, phrase) => {
		expect(packPhrase(ownPack(name, quantity, unit as Unit))).toBe(phrase);
	});

	test('a name whose "N × Q" is not the stored content falls back to the content', () => {
		expect(packPhrase(ownPack('Kopi 3 x 250gr', 500, 'g'))).toBe('bungkus (500 gram)');
		// Never "1.000 kg" or "1000 gram" for a one-kilo pack.
		expect(ownPack('Gula Aren', 1000, 'g').contents).toBe('1 kg');
	});

	test('a single piece is priced per piece: pack price and unit price are one number', () => {
		expect(soldByThePiece(ownPack('Wastafel', 1, 'pcs'))).toBe(true);
		expect(soldByThePiece(ownPack('Kopi 250 gr', 250, 'g'))).toBe(false);
	});
});

describe('unit prices back to pack prices', () => {
	test('the issue’s example: a 3 × 250 g pack at Rp33.900 is Rp45.200 per kg; Rp63.400 per kg is Rp47.550 per pack', () => {
		const pack = ownPack('Kopi Robusta isi 3 x 250gr', parsePackSize('isi 3 x 250gr')!.quantity, 'g');
		expect(unitPrice(33_900, pack)).toEqual({ value: 45_200, per: 'kg' });
		expect(packPriceAt(63_400, pack)).toBe(47_550);
		expect(roundPackPrice(packPriceAt(63_400, pack), 'nearest')).toBe(47_500);
		// Advising a raise rounds up, so the new price reaches the advised unit price.
		const up = roundPackPrice(packPriceAt(63_400, pack), 'up');
		expect(up).toBe(48_000);
		expect(unitPrice(up, pack).value).toBeGreaterThanOrEqual(63_400);
		const down = roundPackPrice(packPriceAt(63_400, pack), 'down');
		expect(unitPrice(down, pack).value).toBeLessThanOrEqual(63_400);
	});

	test.each([
		[1_234, 'nearest', 1_250],
		[8_940, 'up', 9_000],
		[47_550, 'down', 47_500],
		[312_400, 'nearest', 312_000],
		[1_234_567, 'up', 1_240_000],
		[47_500.000001, 'up', 47_500],
		[20, 'down', 20],
		[0.4, 'down', 1]
	] as const)('%d rounded %s is %d', (v, dir, out) => {
		expect(roundPackPrice(v, dir)).toBe(out);
	});

	test('per piece and per dozen', () => {
		expect(packPriceAt(25_000, ownPack('Gelas 1 lusin', 12, 'pcs'))).toBe(300_000);
		expect(packPriceAt(25_000, ownPack('Gelas', 1, 'pcs'))).toBe(25_000);
	});
});
