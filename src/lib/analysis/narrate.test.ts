import { describe, expect, test } from 'vitest';
import {
	comparedWithSentence,
	JARGON_WORDS,
	jargonIn,
	MAX_WORDS,
	notEnoughDataSentence,
	peakSentence,
	pricePositionSentence,
	priceRangeSentence,
	ratingSentence,
	soldSoFarSentence,
	splitSentences,
	wordCount
} from './narrate';
import { pricePosition, type PricePosition } from './prices';

/** Every sentence a producer reads: ≤ 15 words, no jargon, Indonesian number format. */
function expectPlain(text: string | string[]) {
	for (const part of Array.isArray(text) ? text : [text]) {
		expect(part.trim()).not.toBe('');
		for (const sentence of splitSentences(part)) {
			expect(wordCount(sentence), sentence).toBeLessThanOrEqual(MAX_WORDS);
			expect(jargonIn(sentence), sentence).toEqual([]);
			// Rupiah always as "Rp25.000": never "Rp 25.000", "Rp25,000" or "IDR".
			expect(sentence).not.toMatch(/Rp\s|Rp\d{1,3},\d{3}|IDR|NaN|undefined|Infinity/);
		}
	}
}

describe('helpers', () => {
	test.each([
		['Harga Anda Rp60.000 per buah.', 5],
		['Kebanyakan pembeli membayar Rp45.000–Rp70.000 per buah.', 6],
		['  Naik  18% dalam 4 minggu terakhir. ', 6],
		['— : —', 0],
		['', 0]
	])('wordCount(%j) → %d', (s, n) => {
		expect(wordCount(s)).toBe(n);
	});

	test('splitSentences keeps Rupiah dots inside a sentence', () => {
		expect(splitSentences('Harga Anda Rp60.000 per buah. 8 dari 10 penjual lebih murah dari Anda.')).toEqual([
			'Harga Anda Rp60.000 per buah.',
			'8 dari 10 penjual lebih murah dari Anda.'
		]);
	});

	test('jargon detection catches the listed words in any case', () => {
		expect(JARGON_WORDS).toEqual(expect.arrayContaining(['median', 'persentil', 'kuartil', 'distribusi', 'deviasi', 'regresi', 'signifikan', 'sentimen']));
		expect(jargonIn('Harga MEDIAN pasar')).toEqual(['median']);
		expect(jargonIn('Sentimennya bagus')).toEqual(['sentimen']);
		expect(jargonIn('Rata-rata bintang 4,6')).toEqual([]);
	});
});

const market = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((v) => v * 1000);
const pos = (own: number, prices = market) => pricePosition(own, prices);

describe('pricePositionSentence', () => {
	test.each([
		[85_000, 'buah', market, ['Harga Anda Rp85.000 per buah.', '8 dari 10 penjual lebih murah dari Anda.']],
		[15_000, 'kg', market, ['Harga Anda Rp15.000 per kg.', '9 dari 10 penjual lebih mahal dari Anda.']],
		[45_000, 'liter', market, ['Harga Anda Rp45.000 per liter.', 'Harga Anda sama dengan kebanyakan penjual.']],
		[150_000, 'buah', market, ['Harga Anda Rp150.000 per buah.', 'Semua penjual lebih murah dari Anda.']],
		[5_000, 'buah', market, ['Harga Anda Rp5.000 per buah.', 'Semua penjual lebih mahal dari Anda.']],
		[60_000, 'buah', [50_000, 70_000, 80_000], ['Harga Anda Rp60.000 per buah.', 'Baru ada 3 produk serupa, belum cukup data.']]
	])('own %d per %s', (own, per, prices, expected) => {
		const out = pricePositionSentence({ ownPrice: own, per, position: pos(own, prices) });
		expect(out).toEqual(expected);
		expectPlain(out);
	});

	test("with the producer's own pack, the price she set comes first, the unit price after it", () => {
		const out = pricePositionSentence({ ownPrice: 45_200, per: 'kg', position: pos(15_000), pack: { price: 33_900, phrase: 'bungkus (3 × 250 gram)' } });
		expect(out).toEqual(['Harga Anda Rp33.900 per bungkus (3 × 250 gram), atau Rp45.200 per kg.', '9 dari 10 penjual lebih mahal dari Anda.']);
		expectPlain(out);
	});

	test('never says "10 dari 10" when one seller is on the other side', () => {
		const prices = [...Array(19).fill(10_000), 100_000];
		const p = pos(50_000, prices);
		expect(p.outOf10).toBe(10);
		expect(pricePositionSentence({ ownPrice: 50_000, per: 'buah', position: p })[1]).toBe('9 dari 10 penjual lebih murah dari Anda.');
	});
});

describe('other sentences', () => {
	test.each([
		[{ low: 45_000, high: 70_000 }, 'buah', undefined, 'Kebanyakan pembeli membayar Rp45.000–Rp70.000 per buah.'],
		[{ low: 45_000, high: 70_000, soldWeighted: false }, 'kg', undefined, 'Kebanyakan penjual memasang harga Rp45.000–Rp70.000 per kg.'],
		[{ low: 45_000, high: 70_000, soldWeighted: false }, 'kg', true, 'Kebanyakan pembeli membayar Rp45.000–Rp70.000 per kg.'],
		[{ low: 1_250_000, high: 1_250_000 }, 'liter', undefined, 'Kebanyakan pembeli membayar sekitar Rp1.250.000 per liter.']
	])('priceRangeSentence %j', (range, per, weighted, expected) => {
		const s = priceRangeSentence(range, per, weighted);
		expect(s).toBe(expected);
		expectPlain(s);
	});

	test.each([
		[143, 4, 'Dibandingkan dengan 143 produk serupa dari 4 marketplace.'],
		[1234, ['Tokopedia', 'Shopee', 'Tokopedia'], 'Dibandingkan dengan 1.234 produk serupa dari 2 marketplace.'],
		[12, ['Tokopedia'], 'Dibandingkan dengan 12 produk serupa dari Tokopedia.'],
		[12, [], 'Dibandingkan dengan 12 produk serupa.'],
		[12, 0, 'Dibandingkan dengan 12 produk serupa.']
	])('comparedWithSentence(%d, %j)', (n, m, expected) => {
		const s = comparedWithSentence(n, m);
		expect(s).toBe(expected);
		expectPlain(s);
	});

	test.each([
		[{ count: 64_300, lowerBound: true }, 'Produk serupa sudah terjual 64,3 rb+ sejauh ini.'],
		[{ count: 10_000, lowerBound: true }, 'Produk serupa sudah terjual 10 rb+ sejauh ini.'],
		[{ count: 750, lowerBound: true }, 'Produk serupa sudah terjual 750+ sejauh ini.'],
		[{ count: 1234, lowerBound: false }, 'Produk serupa sudah terjual 1.234 sejauh ini.'],
		[{ count: 1_234_567, lowerBound: true }, 'Produk serupa sudah terjual 1,2 jt+ sejauh ini.']
	])('soldSoFarSentence(%j)', (sold, expected) => {
		expect(soldSoFarSentence(sold)).toBe(expected);
		expectPlain(soldSoFarSentence(sold));
	});

	test.each([
		[
			{ name: 'Lebaran', date: '2026-03-20', weeksBefore: 6, today: '2026-01-10' },
			'Lebaran tahun ini jatuh 20 Maret: biasanya permintaan naik sejak 6 minggu sebelumnya.'
		],
		[
			{ name: 'Lebaran', date: '2027-03-10', weeksBefore: 6, today: '2026-11-10' },
			'Lebaran tahun depan jatuh 10 Maret: biasanya permintaan naik sejak 6 minggu sebelumnya.'
		],
		[
			{ name: 'Harbolnas 12.12', date: '2026-12-12', weeksBefore: 2 },
			'Harbolnas 12.12 jatuh 12 Desember 2026: biasanya permintaan naik sejak 2 minggu sebelumnya.'
		],
		[
			{ name: 'Hari Kemerdekaan Republik Indonesia', date: '2026-08-17', weeksBefore: 3, today: '2026-06-01' },
			'Hari Kemerdekaan Republik Indonesia tahun ini jatuh 17 Agustus. Biasanya permintaan naik sejak 3 minggu sebelumnya.'
		],
		[
			{ name: 'Natal', date: '2026-12-25', weeksBefore: 0, today: '2026-12-01' },
			'Natal tahun ini jatuh 25 Desember: biasanya permintaan naik menjelang hari itu.'
		]
	])('peakSentence %j', (input, expected) => {
		const s = peakSentence(input);
		expect(s).toBe(expected);
		expectPlain(s);
	});

	test.each([
		[4.6, 1234, 'Rata-rata bintang pesaing 4,6 dari 5 (1.234 penilaian).'],
		[4.849, 20, 'Rata-rata bintang pesaing 4,8 dari 5 (20 penilaian).'],
		[5, 3, 'Rata-rata bintang pesaing 5 dari 5 (3 penilaian).'],
		[0, 0, 'Belum ada ulasan dari pesaing.'],
		[Number.NaN, 10, 'Belum ada ulasan dari pesaing.']
	])('ratingSentence(%d, %d)', (avg, n, expected) => {
		const s = ratingSentence(avg, n);
		expect(s).toBe(expected);
		expectPlain(s);
	});

	test.each([
		[3, 'Baru ada 3 produk serupa, belum cukup data.'],
		[0, 'Belum ada produk serupa untuk dibandingkan.'],
		[1, 'Baru ada 1 produk serupa, belum cukup data.']
	])('notEnoughDataSentence(%d)', (n, expected) => {
		expect(notEnoughDataSentence(n)).toBe(expected);
		expectPlain(notEnoughDataSentence(n));
	});
});
