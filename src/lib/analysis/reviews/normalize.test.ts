import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv, sharedDataSkipReason } from '../../../../tests/fixtures/shared-data';
import { normalizeReview, tokenize } from './normalize';

describe('normalizeReview', () => {
	test.each([
		['Bagusss bgt', 'bagus banget'],
		['gk sesuai', 'tidak sesuai'],
		['ga rapi, tdk awet', 'tidak rapi, tidak awet'],
		['nggak nyesel', 'tidak menyesal'],
		['mantul gan', 'mantap gan'],
		['brg sdh sampai', 'barang sudah sampai'],
		['pngiriman cepet', 'pengiriman cepat'],
		['fast respon, packing aman', 'cepat respon, packing aman'],
		['mantaap kerennnnnnnn', 'mantap keren'],
		['goood', 'bagus'],
		['ukuran 42, berat 10 g', 'ukuran 42, berat 10 g'],
		['bahan2 nya', 'bahan nya'],
		['barang-barang', 'barang'],
		['gpp', 'tidak apa apa'],
		['trimakasih pelapak ??', 'terima kasih penjual??'],
		['warnax', 'warna']
	])('%s → %s', (input, expected) => {
		expect(normalizeReview(input)).toBe(expected);
	});
});

describe('tokenize', () => {
	test('keeps offsets into the original text and marks clause boundaries', () => {
		const text = 'Bagusss 👍 tapi lamaaa';
		const tokens = tokenize(text);
		expect(tokens.map((t) => t.w)).toEqual(['bagus', '.', 'tapi', 'lama']);
		expect(text.slice(tokens[3].start, tokens[3].end)).toBe('lamaaa');
	});

	test('lost emoji ("??", U+FFFD) end a clause', () => {
		expect(tokenize('mantap ?? barang bagus').map((t) => t.w)).toEqual(['mantap', '.', 'barang', 'bagus']);
		expect(tokenize('berhari\uFFFD gada solusi').map((t) => t.w)).toEqual(['berhari', '.', 'tidak', 'ada', 'solusi']);
	});
});

describe.skipIf(!hasSharedData)('normalisation on real reviews', () => {
	test('common slang never survives normalisation (PRDECT-ID and fashion reviews)', () => {
		const texts = [
			...readSharedCsv('prdect-id-tokopedia-reviews/prdect_id.csv').map((r) => r['Customer Review']),
			...readSharedCsv('tokopedia-fashion-reviews-2024/tokopedia_fashion_reviews.csv').map((r) => r.review)
		];
		const slang = new Set(['gk', 'ga', 'gak', 'tdk', 'nggak', 'bgt', 'mantul', 'brg', 'pngiriman', 'yg', 'dgn']);
		let left = 0;
		for (const t of texts) for (const w of normalizeReview(t).split(/[\s.,!?;:]+/)) if (slang.has(w)) left++;
		expect(left).toBe(0);
	});
});
