import { describe, expect, test } from 'vitest';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';
import { forecastWords, peakLine, runSentence, trendBasis, trendHeadline } from './narrate-demand';
import type { ForecastResult } from './forecast';
import type { TrendResult } from './trend';

const trend = (over: Partial<TrendResult>): TrendResult => ({
	direction: 'stabil',
	change: 0.02,
	yearOverYear: null,
	recent: 400,
	previous: 392,
	noise: 0.18,
	enoughVolume: true,
	reason: '',
	...over
});

const forecast = (beats: boolean): ForecastResult => ({
	method: 'test',
	points: [
		{ weekStart: '2026-11-30', value: 120, low: 90, high: 150 },
		{ weekStart: '2026-12-07', value: 180, low: 130, high: 230 }
	],
	backtest: { mase: beats ? 0.6 : 1.3, baselineMase: 1, folds: 8 },
	beatsBaseline: beats
});

function expectPlain(texts: string[]) {
	for (const text of texts)
		for (const s of splitSentences(text)) {
			expect(wordCount(s), s).toBeLessThanOrEqual(MAX_WORDS);
			expect(jargonIn(s), s).toEqual([]);
		}
}

describe('sentences about demand over time', () => {
	test.each([
		[trend({ direction: 'naik', change: 0.42 }), 'Naik 42% dalam 4 minggu terakhir.'],
		[trend({ direction: 'turun', change: -0.3 }), 'Turun 30% dalam 4 minggu terakhir.'],
		[trend({ change: 0.02 }), 'Stabil: hampir sama dengan 4 minggu sebelumnya.'],
		[trend({ change: 0.2 }), 'Stabil: naik 20%, masih dalam naik-turun biasa.'],
		[trend({ enoughVolume: false, change: 0.5 }), 'Penjualan masih sedikit, belum bisa disebut naik atau turun.'],
		[trend({ change: null, recent: 0 }), 'Belum ada penjualan tercatat.']
	])('trend headline %#', (t, expected) => {
		expect(trendHeadline(t)).toBe(expected);
		expectPlain([trendHeadline(t), ...trendBasis(t, '2026-11-23', 143)]);
	});

	test('a forecast that beats the baseline is shown; one that does not says so plainly', () => {
		const good = forecastWords(forecast(true), 104);
		const bad = forecastWords(forecast(false), 104);
		expect(good.shown).toBe(true);
		expect(bad.shown).toBe(false);
		expectPlain([...good.headline, ...good.basis, ...bad.headline, ...bad.basis]);
		expect(bad.headline.join(' ')).toMatch(/sulit diperkirakan/i);
	});

	test('peak and production-run lines', () => {
		expect(peakLine('Lebaran', '2027-03-09', 14)).toMatch(/^Lebaran 2027: 9 Maret, 14 minggu lagi/);
		expectPlain([peakLine('Lebaran', '2027-03-09', 14), runSentence('2026-12-07', '2027-01-04')]);
	});
});
