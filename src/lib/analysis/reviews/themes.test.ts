import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv } from '../../../../tests/fixtures/shared-data';
import { evaluateThemes } from '../../../../tests/fixtures/review-themes';
import { analyzeReview, ASPECT_LABELS, summarizeThemes, type ThemeInput } from './index';
import { trimQuote } from './themes';

const input = (texts: string[]): ThemeInput[] => texts.map((text, i) => ({ reviewId: i + 1, text, analysis: analyzeReview(text) }));

describe('summarizeThemes', () => {
	test('a theme needs minReviews different reviews', () => {
		const reviews = input(['gelas pecah saat dikirim', 'pecah semua', 'retak di bagian bawah', 'pengiriman cepat', 'barang bagus']);
		const s = summarizeThemes(reviews);
		expect(s.n).toBe(5);
		expect(s.complaints).toHaveLength(1);
		expect(s.complaints[0]).toMatchObject({ aspect: 'pecah', polarity: 'negative', count: 3, share: 0.6, label: 'pecah, retak, atau hancur' });
		expect(s.praises).toEqual([]);
		expect(summarizeThemes(reviews, { minReviews: 1 }).praises.map((t) => t.aspect).sort()).toEqual(['kualitas', 'pengiriman']);
		expect(s.negativeShare).toBe(0.6);
	});

	test('the same review counted twice still counts once', () => {
		const one = input(['pecah'])[0];
		expect(summarizeThemes([one, one, one]).complaints).toEqual([]);
	});

	test('quote is a clause with that aspect and polarity, ≤ 100 characters', () => {
		const long = 'kemasan rapi sekali dan aman, tapi sayangnya gelas yang paling besar pecah berkeping keping karena kardusnya terlalu tipis untuk barang sebesar ini';
		const s = summarizeThemes(input([long, 'pecah', 'gelas pecah', 'kemasan rapi', 'packing rapi', 'bungkus rapi']));
		const pecah = s.complaints.find((t) => t.aspect === 'pecah')!;
		expect(pecah.quote.length).toBeLessThanOrEqual(100);
		expect(long).toContain(pecah.quote);
		expect(pecah.quote).toMatch(/pecah/);
		expect(s.praises.find((t) => t.aspect === 'kemasan')!.quote).toMatch(/rapi/);
	});

	test('category leaves out aspects that do not belong to it', () => {
		const reviews = input(['enak rasanya', 'rasanya enak', 'rasa mantap enak', 'bahan adem', 'bahannya adem', 'bahan adem sekali']);
		expect(summarizeThemes(reviews, { category: 'Kemeja batik' }).praises.map((t) => t.aspect)).toEqual(['bahan']);
		expect(summarizeThemes(reviews, { category: 'Sambal' }).praises.map((t) => t.aspect)).toEqual(['rasa']);
		expect(summarizeThemes(reviews).praises.map((t) => t.aspect).sort()).toEqual(['bahan', 'rasa']);
	});

	test.each([
		['pendek', 'pendek'],
		['a'.repeat(120), 'a'.repeat(99) + '…'],
		['kata '.repeat(30).trim(), 'kata '.repeat(19).trim() + '…']
	])('trimQuote(%s)', (text, expected) => {
		expect(trimQuote(text)).toBe(expected);
	});

	test('every aspect has plain labels without jargon', () => {
		for (const { positive, negative } of Object.values(ASPECT_LABELS)) {
			for (const l of [positive, negative]) expect(l).not.toMatch(/sentimen|persentil|median|aspek/);
		}
	});
});

describe.skipIf(!hasSharedData)('themes on real reviews', () => {
	test('quotes on PRDECT-ID come from the reviews behind the theme', () => {
		const texts = readSharedCsv('prdect-id-tokopedia-reviews/prdect_id.csv').map((r) => r['Customer Review']);
		const reviews = input(texts);
		const s = summarizeThemes(reviews);
		expect(s.complaints.length).toBeGreaterThan(3);
		for (const t of [...s.complaints, ...s.praises]) {
			expect(t.count).toBeGreaterThanOrEqual(3);
			expect(t.quote.length).toBeLessThanOrEqual(100);
			const plain = t.quote.replace(/…$/, '');
			expect(reviews.some((r) => r.text.replace(/\s+/g, ' ').includes(plain) && r.analysis.aspects.some((a) => a.aspect === t.aspect && a.polarity === t.polarity))).toBe(true);
		}
	});

	test('theme precision and recall against 236 hand-labelled reviews', () => {
		const r = evaluateThemes();
		console.log(`themes: precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)} over ${r.reviews} reviews`);
		expect(r.reviews).toBeGreaterThanOrEqual(200);
		expect(r.precision).toBeGreaterThanOrEqual(0.8);
		expect(r.recall).toBeGreaterThanOrEqual(0.8);
	});
});
