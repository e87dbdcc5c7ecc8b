import { describe, expect, test } from 'vitest';
import { demandCall, demandSentence, judgedWeeks, type DemandWeek } from './demand-call';
import { addWeeks } from './demand';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';

/** A weekly series from units (and optional variance), Mondays from 5 Jan 2026. */
const series = (units: number[], extra: (i: number) => Partial<DemandWeek> = () => ({})): DemandWeek[] =>
	units.map((u, i) => ({ weekStart: addWeeks('2026-01-05', i), units: u, ...extra(i) }));

/** Level × a fixed ±8% wobble, × step over the last 4 weeks. */
const wobbly = (weeks: number, level: number, step = 1) =>
	Array.from({ length: weeks }, (_, i) => Math.round(level * (1 + 0.08 * Math.sin(i * 1.9)) * (i >= weeks - 4 ? step : 1)));

function expectPlain(s: string) {
	for (const sentence of splitSentences(s)) {
		expect(wordCount(sentence), sentence).toBeLessThanOrEqual(MAX_WORDS);
		expect(jargonIn(sentence), sentence).toEqual([]);
	}
}

describe('demandCall', () => {
	test('a clear rise is naik, with its change in the sentence', () => {
		const call = demandCall(series(wobbly(20, 200, 1.5)));
		expect(call).toMatchObject({ direction: 'naik', reason: 'called' });
		expect(call.change).toBeGreaterThan(0.3);
		expect(call.sentence).toMatch(/^Naik \d+% dalam 4 minggu terakhir\.$/);
	});

	test('a clear fall is turun', () => {
		const call = demandCall(series(wobbly(20, 200, 0.6)));
		expect(call.direction).toBe('turun');
		expect(call.sentence).toMatch(/^Turun \d+% dalam 4 minggu terakhir\.$/);
	});

	test('stabil never carries a percentage, even when the weeks moved a lot within their noise', () => {
		// ±45% noise: a +30% month is ordinary here.
		const noisy = Array.from({ length: 30 }, (_, i) => Math.round(200 * (1 + 0.45 * Math.sin(i * 2.7)) * (i >= 26 ? 1.3 : 1)));
		const call = demandCall(series(noisy));
		expect(call.direction).toBe('stabil');
		expect(call.change).toBeNull();
		expect(call.sentence).not.toMatch(/%/);
		expect(call.sentence).toMatch(/naik-turun biasa|hampir sama/);
	});

	test('the uncertainty of bucketed counters must be beaten too: the same rise with wide buckets is stabil', () => {
		const units = wobbly(20, 200, 1.5);
		expect(demandCall(series(units)).direction).toBe('naik');
		// Each week could be off by ±150 (sd) because the counters only said "1 rb+".
		expect(demandCall(series(units, () => ({ variance: 150 ** 2 }))).direction).toBe('stabil');
	});

	test('a rise that repeats last year is stabil and says so, without a percentage', () => {
		const units = Array.from({ length: 108 }, (_, i) => Math.round(100 * (1 + 0.05 * Math.sin(i)) * ((i >= 52 && i < 56) || i >= 104 ? 1.6 : 1)));
		const call = demandCall(series(units));
		expect(call).toMatchObject({ direction: 'stabil', seasonal: true, change: null });
		expect(call.sentence).toBe('Stabil: berubah seperti minggu yang sama tahun lalu.');
	});

	test.each([
		['no observed week at all', series([0, 0, 0], () => ({ observed: false })), 'no-history', 'Belum ada riwayat penjualan mingguan.'],
		['no weeks', [], 'no-history', 'Belum ada riwayat penjualan mingguan.'],
		['five weeks', series([50, 60, 55, 70, 65]), 'too-short', 'Riwayat penjualan baru 5 minggu, belum bisa dinilai.'],
		['two sales a week', series(Array(12).fill(2)), 'too-few-sales', 'Penjualan masih sedikit, belum bisa disebut naik atau turun.']
	])('%s: no call (null) and a plain reason', (_name, weeks, reason, sentence) => {
		const call = demandCall(weeks);
		expect(call).toMatchObject({ direction: null, change: null, reason, sentence });
	});

	test('weeks after the last observation are not read as a collapse', () => {
		const units = wobbly(16, 200);
		const withGap = series([...units, 0, 0, 0], (i) => ({ observed: i < 16 }));
		expect(demandCall(withGap)).toMatchObject({ direction: 'stabil', lastWeek: addWeeks('2026-01-05', 15) });
	});

	test('a newest week covered by a few listings only is a late reading, not a fall', () => {
		const units = [...wobbly(16, 700), 100];
		const listings = (i: number) => ({ listings: i === 16 ? 14 : 100 });
		expect(demandCall(series(units, listings)).direction).toBe('stabil');
		expect(judgedWeeks(series(units, listings))).toHaveLength(16);
		// The same low week with the usual listings is a real drop.
		expect(demandCall(series([...wobbly(16, 700), 100, 100, 100, 100], () => ({ listings: 100 }))).direction).toBe('turun');
	});

	test('every sentence is plain Indonesian of at most 15 words', () => {
		const calls = [
			demandCall(series(wobbly(20, 200, 1.5))),
			demandCall(series(wobbly(20, 200, 0.6))),
			demandCall(series(wobbly(20, 200))),
			demandCall([]),
			demandCall(series([1, 2, 3])),
			demandCall(series(Array(12).fill(1)))
		];
		for (const c of calls) expectPlain(c.sentence);
		expectPlain(demandSentence({ direction: 'stabil', change: null, reason: 'called', seasonal: true, steady: false, weeks: 60 }));
	});
});
