import { describe, expect, test } from 'vitest';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';
import { forecastWords, peakLine, runSentence, trendBasis } from './narrate-demand';
import type { ForecastResult } from './forecast';
import { demandSentence, type DemandCall } from './demand-call';

const call = (over: Partial<DemandCall>): DemandCall => {
	const c = {
		direction: 'stabil' as const,
		change: null,
		reason: 'called' as const,
		yearOverYear: null,
		recent: 400,
		previous: 392,
		noise: 0.18,
		seasonal: false,
		steady: false,
		bucketed: false,
		weeks: 30,
		lastWeek: '2026-11-23',
		sentence: '',
		...over
	};
	return { ...c, sentence: demandSentence(c) };
};

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
		[call({ direction: 'naik', change: 0.42 }), 'Naik 42% dalam 4 minggu terakhir.'],
		[call({ direction: 'turun', change: -0.3 }), 'Turun 30% dalam 4 minggu terakhir.'],
		[call({ steady: true }), 'Stabil: hampir sama dengan 4 minggu sebelumnya.'],
		[call({ recent: 520 }), 'Stabil: masih naik-turun biasa dalam 4 minggu terakhir.'],
		[call({ seasonal: true, yearOverYear: 0.05 }), 'Stabil: berubah seperti minggu yang sama tahun lalu.'],
		[call({ direction: null, reason: 'too-few-sales' }), 'Penjualan masih sedikit, belum bisa disebut naik atau turun.'],
		[call({ direction: null, reason: 'no-history', weeks: 0 }), 'Belum ada riwayat penjualan mingguan.']
	])('sentence and basis %#', (c, expected) => {
		expect(c.sentence).toBe(expected);
		const basis = trendBasis(c, '2026-11-23', 143);
		expectPlain([c.sentence, ...basis]);
		// "Stabil" never comes with a change in percent, in the sentence or behind it (the usual
		// week-to-week wobble may be given in percent: that is what makes it stabil).
		if (c.direction === 'stabil') {
			expect(c.sentence).not.toMatch(/%/);
			expect(basis.join(' ')).not.toMatch(/(naik|turun|berubah|perubahan) \d+%/i);
		}
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
