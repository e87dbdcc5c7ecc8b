import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, idulFitri, mondayOf } from './calendar';
import { evaluateHoldout, forecastWeekly, mase, seasonalNaive, toGrid } from './forecast';
import { readSharedCsv, hasSharedData, sharedDataSkipReason } from '../../../tests/fixtures/shared-data';

/** Deterministic PRNG so the synthetic series are the same on every run. */
function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Weeks relative to the nearest Idul Fitri (negative = before). */
function weeksToLebaran(monday: string): number {
	const y = Number(monday.slice(0, 4));
	return [y - 1, y, y + 1]
		.map((yy) => daysBetween(mondayOf(idulFitri(yy)), monday) / 7)
		.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
}

/** 100 units a week ±10 %, ×1.8 in the 6 weeks before Idul Fitri: the planted Lebaran effect. */
function lebaranSeries(from: string, to: string, seed = 3) {
	const r = rng(seed);
	const out: { weekStart: string; units: number }[] = [];
	for (let w = from; w <= to; w = addDays(w, 7)) {
		const k = weeksToLebaran(w);
		const boost = k >= -6 && k <= -1 ? 1.8 : 1;
		out.push({ weekStart: w, units: Math.round(100 * boost * (1 + 0.1 * (2 * r() - 1))) });
	}
	return out;
}

describe('seasonalNaive', () => {
	it.each([
		['repeats the value one season back', [1, 2, 3, 4, 5, 6], 4, 3, [4, 5, 6, 4]],
		['falls back to the last value with less than a season', [1, 2, 3], 2, 52, [3, 3]],
		['empty history forecasts zero', [], 2, 52, [0, 0]]
	])('%s', (_name, history, horizon, m, expected) => {
		expect(seasonalNaive(history, horizon, m)).toEqual(expected);
	});
});

describe('mase', () => {
	it.each([
		// insample lag-1 diffs: |2-1|,|3-2|,|4-3| → scale 1; errors 1 and 3 → 2
		['scale from lag-1 when the series is not longer than m', [5, 6], [4, 3], [1, 2, 3, 4], 4, 2],
		// lag-2 diffs of [1,3,2,4]: |2-1|,|4-3| → scale 1; error 0.5
		['seasonal lag m', [10], [10.5], [1, 3, 2, 4], 2, 0.5],
		['perfect forecast of a flat series', [3], [3], [3, 3, 3], 1, 0],
		['any error on a flat series', [3], [4], [3, 3, 3], 1, Infinity]
	])('%s', (_name, actual, predicted, insample, m, expected) => {
		expect(mase(actual, predicted, insample, m)).toBeCloseTo(expected, 10);
	});
});

describe('forecastWeekly', () => {
	// Three years of history up to the end of January 2025; the next 12 weeks hold the 2025
	// Lebaran rise (Idul Fitri 2025-03-31, so the rise is 2025-02-17 … 2025-03-24). Lebaran
	// 2024 fell on 2024-04-10, 11 days later, so "the same calendar week last year" is off.
	const all = lebaranSeries('2022-01-03', '2025-06-30');
	const cut = all.findIndex((w) => w.weekStart === '2025-02-03');
	const history = all.slice(0, cut);
	const future = all.slice(cut, cut + 12);
	const result = forecastWeekly(history, { horizon: 12 });

	it('forecasts the next 12 Mondays with an ordered interval', () => {
		expect(result.points.map((p) => p.weekStart)).toEqual(future.map((f) => f.weekStart));
		for (const p of result.points) {
			expect(p.low).toBeLessThanOrEqual(p.value);
			expect(p.high).toBeGreaterThanOrEqual(p.value);
		}
	});

	it('follows the moving Lebaran date where the calendar-week model does not', () => {
		const insample = history.map((h) => h.units);
		const naive = seasonalNaive(insample, 12, 52);
		// The Lebaran window: the 6 rise weeks and the 2 weeks either side, where the
		// calendar-week copy of 2024 starts and ends the peak at the wrong time.
		const window = future
			.map((f, k) => ({ k, rel: weeksToLebaran(f.weekStart) }))
			.filter(({ rel }) => rel >= -8 && rel <= 1)
			.map(({ k }) => k);
		const actual = window.map((k) => future[k].units);
		const ours = mase(actual, window.map((k) => result.points[k].value), insample, 52);
		const calendarWeek = mase(actual, window.map((k) => naive[k]), insample, 52);
		expect(ours).toBeLessThan(0.6 * calendarWeek);
		// And each rise week is forecast as a rise (at least 1.5× the usual 100).
		for (const k of window.filter((k) => {
			const rel = weeksToLebaran(future[k].weekStart);
			return rel >= -6 && rel <= -1;
		}))
			expect(result.points[k].value).toBeGreaterThan(150);
	});

	it('backtests by rolling origin and beats the seasonal-naive baseline on this series', () => {
		expect(result.backtest.folds).toBeGreaterThanOrEqual(6);
		expect(result.backtest.mase).toBeLessThan(result.backtest.baselineMase);
		expect(result.beatsBaseline).toBe(true);
	});

	it('makes no claim of skill from a few weeks of history', () => {
		const short = forecastWeekly(all.slice(0, 5), { horizon: 4 });
		expect(short.beatsBaseline).toBe(false);
		expect(short.backtest.folds).toBe(0);
		expect(short.points).toHaveLength(4);
	});

	it('does not claim to beat the baseline on pure noise', () => {
		const r = rng(11);
		const noise = Array.from({ length: 120 }, (_, i) => ({
			weekStart: addDays('2023-01-02', 7 * i),
			units: Math.round(50 + 40 * r())
		}));
		const f = forecastWeekly(noise, { horizon: 8, interval: 0.8 });
		// Either way it must be honest: beatsBaseline exactly when the backtest says so.
		expect(f.beatsBaseline).toBe(f.backtest.mase < f.backtest.baselineMase);
		// An 80 % band around noise of ±40 % should be wide, not a sliver.
		const p = f.points[0];
		expect((p.high - p.low) / p.value).toBeGreaterThan(0.3);
	});

	it('clamps the horizon to 4..12 weeks', () => {
		expect(forecastWeekly(history, { horizon: 30 }).points).toHaveLength(12);
		expect(forecastWeekly(history, { horizon: 1 }).points).toHaveLength(4);
	});

	it('reaches 30 weeks for a season plan, backtested that far, its band never narrowing', () => {
		const far = forecastWeekly(history, { horizon: 30, maxHorizon: 30 });
		expect(far.points).toHaveLength(30);
		expect(far.points[29].weekStart).toBe('2025-08-25');
		expect(far.backtest.folds).toBeGreaterThan(0);
		// The band's width relative to the forecast (log space) grows or stays, step by step.
		const width = far.points.map((p) => Math.log(p.high + 1) - Math.log(p.low + 1));
		for (let k = 1; k < width.length; k++) expect(width[k]).toBeGreaterThanOrEqual(width[k - 1] - 1e-9);
		expect(width[29]).toBeGreaterThan(width[0]);
		// The 2025 Lebaran rise (17 Feb – 24 Mar) sits above the weeks after it.
		const at = (w: string) => far.points.find((p) => p.weekStart === w)!.value;
		expect(at('2025-03-17')).toBeGreaterThan(at('2025-05-19'));
	});
});

describe('toGrid', () => {
	it('fills gaps with null and treats 0 as missing unless told otherwise', () => {
		const pts = [
			{ date: '2025-01-01', value: 5 },
			{ date: '2025-01-03', value: 0 },
			{ date: '2025-01-04', value: 7 }
		];
		expect(toGrid(pts, 'day', 'mean').values).toEqual([5, null, null, 7]);
		expect(toGrid(pts, 'day', 'mean', true).values).toEqual([5, null, 0, 7]);
	});

	it('sums units into Monday weeks and averages prices into months', () => {
		expect(
			toGrid(
				[
					{ date: '2026-03-18', value: 2 },
					{ date: '2026-03-22', value: 3 },
					{ date: '2026-03-23', value: 4 }
				],
				'week'
			)
		).toEqual({ dates: ['2026-03-16', '2026-03-23'], values: [5, 4] });
		expect(
			toGrid(
				[
					{ date: '2026-01-05', value: 10 },
					{ date: '2026-01-20', value: 20 },
					{ date: '2026-03-01', value: 30 }
				],
				'month',
				'mean'
			)
		).toEqual({ dates: ['2026-01-01', '2026-02-01', '2026-03-01'], values: [15, null, 30] });
	});
});

describe.skipIf(!hasSharedData)(`real series (${hasSharedData ? 'shared data' : sharedDataSkipReason})`, () => {
	it('beats seasonal naive on the BI retail index at a 6-month planning horizon', () => {
		const rows = readSharedCsv('bi-retail-sales-index-by-category-monthly/ier_rsi-category_cleaned.csv');
		const categories = [...new Set(rows.map((r) => r.category))];
		const scores = categories.map((c) =>
			evaluateHoldout(
				toGrid(
					rows.filter((r) => r.category === c).map((r) => ({ date: r.date, value: Number(r.retail_sales_index) })),
					'month',
					'mean'
				),
				'month',
				{ testShare: 0.25, horizon: 6 }
			)
		);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		expect(mean(scores.map((s) => s.mase))).toBeLessThan(mean(scores.map((s) => s.baselineMase)));
	});
});
