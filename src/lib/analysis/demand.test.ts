import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addWeeks, sumWeekly, weekRange, weekStart, weeklyDemand, type SoldSnapshot, type WeekPoint } from './demand';
import { soldRange } from './sold';

describe('weekStart / addWeeks / weekRange', () => {
	test.each([
		['2026-03-20', '2026-03-16'], // Friday
		['2026-03-16', '2026-03-16'], // Monday
		['2026-03-22', '2026-03-16'], // Sunday belongs to the week before
		['2026-01-01', '2025-12-29'], // ISO week crosses the year
		['2024-02-29', '2024-02-26'], // leap day
		['1970-01-01', '1969-12-29'],
		['2026-03-20T23:59:00+07:00', '2026-03-16']
	])('%s → %s', (date, monday) => {
		expect(weekStart(date)).toBe(monday);
	});

	test.each([['2026-02-30'], ['20-03-2026'], ['']])('invalid %j throws', (date) => {
		expect(() => weekStart(date)).toThrow(RangeError);
	});

	test.each([
		['2026-03-16', 1, '2026-03-23'],
		['2026-03-16', -3, '2026-02-23'],
		['2026-12-28', 1, '2027-01-04'],
		['2026-03-18', 0, '2026-03-16']
	])('addWeeks(%s, %d) → %s', (start, n, expected) => {
		expect(addWeeks(start, n)).toBe(expected);
	});

	test('weekRange is inclusive and Monday-aligned', () => {
		expect(weekRange('2026-03-04', '2026-03-20')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
		expect(weekRange('2026-03-20', '2026-03-04')).toEqual([]);
		expect(weekRange('2025-12-25', '2026-01-05')).toEqual(['2025-12-22', '2025-12-29', '2026-01-05']);
	});
});

const snap = (observedAt: string, sold: number, lowerBound = false): SoldSnapshot => ({ observedAt, sold, lowerBound });
const exact = (weekStart: string, units: number, extra: Partial<WeekPoint> = {}): WeekPoint => ({
	weekStart,
	units,
	low: units,
	high: units,
	variance: 0,
	bucketed: false,
	interpolated: false,
	observed: true,
	listings: 1,
	...extra
});
const absent = (weekStart: string): WeekPoint => ({
	weekStart,
	units: 0,
	low: 0,
	high: 0,
	variance: 0,
	bucketed: false,
	interpolated: false,
	observed: false,
	listings: 0
});
const units = (series: WeekPoint[]) => series.map((p) => (p.observed ? Math.round(p.units * 100) / 100 : null));
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

// Mondays: 2 Mar, 9 Mar, 16 Mar, 23 Mar, 30 Mar, 6 Apr 2026.
const WEEKS = weekRange('2026-03-02', '2026-04-06');

describe('weeklyDemand with exact counters', () => {
	test('a Monday snapshot closes the week before: C(next Monday) − C(Monday); the last week is not known yet', () => {
		const series = weeklyDemand([snap('2026-03-02', 100), snap('2026-03-09', 130), snap('2026-03-16', 175), snap('2026-03-23', 175)], WEEKS);
		expect(series).toEqual([exact('2026-03-02', 30), exact('2026-03-09', 45), exact('2026-03-16', 0), absent('2026-03-23'), absent('2026-03-30'), absent('2026-04-06')]);
	});

	test('snapshots mid-week share a difference between the weeks by days; only fully covered weeks count', () => {
		// Thursday to Thursday: 70 units over 7 days, 3 of them in the week of 2 Mar, 4 in the week of 9 Mar.
		const series = weeklyDemand([snap('2026-03-05', 0), snap('2026-03-12', 70), snap('2026-03-19', 140)], WEEKS);
		expect(units(series)).toEqual([null, 70, null, null, null, null]);
	});

	test('a three-week gap is spread evenly and marked; the total stays exact', () => {
		const series = weeklyDemand([snap('2026-03-02', 100), snap('2026-03-23', 130)], WEEKS);
		expect(units(series)).toEqual([10, 10, 10, null, null, null]);
		expect(series.slice(0, 3).every((p) => p.interpolated && p.low === p.high && p.variance === 0)).toBe(true);
	});

	test('input order does not matter; on one day the later snapshot counts', () => {
		const a = weeklyDemand([snap('2026-03-16', 150), snap('2026-03-02', 90), snap('2026-03-09', 120), snap('2026-03-09', 121)], WEEKS);
		expect(units(a)).toEqual([31, 29, null, null, null, null]);
	});

	test('a large drop is a counter reset: the weeks around it are not known, then counting starts again', () => {
		const series = weeklyDemand([snap('2026-03-02', 5000), snap('2026-03-09', 10), snap('2026-03-16', 40)], WEEKS);
		expect(units(series)).toEqual([null, 30, null, null, null, null]);
	});

	test('a small drop under what was shown is noise: ignored, nothing counted twice', () => {
		const series = weeklyDemand([snap('2026-03-02', 1000), snap('2026-03-09', 990), snap('2026-03-16', 1010)], WEEKS);
		expect(units(series)).toEqual([5, 5, null, null, null, null]);
	});

	test('one snapshot or none: nothing is observed (a sold-so-far, not weekly sales)', () => {
		expect(weeklyDemand([snap('2026-03-10', 500)], WEEKS)).toEqual(WEEKS.map(absent));
		expect(weeklyDemand([], WEEKS)).toEqual(WEEKS.map(absent));
	});

	test('invalid snapshots are ignored; non-Monday week keys are aligned', () => {
		const series = weeklyDemand([snap('2026-03-02', 10), snap('bad', 999), snap('2026-03-09', Number.NaN), snap('2026-03-11', -4), snap('2026-03-16', 24)], ['2026-03-04', '2026-03-11']);
		expect(series.map((p) => [p.weekStart, p.units])).toEqual([
			['2026-03-02', 7],
			['2026-03-09', 7]
		]);
	});
});

describe('weeklyDemand with bucketed counters', () => {
	/** Weekly Monday snapshots of a listing selling `pace` a week from `start`, shown as Tokopedia shows it. */
	function tokopedia(start: number, pace: number, weeks: number, from = '2026-01-05') {
		return Array.from({ length: weeks + 1 }, (_, w) => {
			const n = start + pace * w;
			const shown = n < 100 ? n : soldRange(n, true, 'tokopedia');
			const bucket = typeof shown === 'number' ? { sold: n, lowerBound: false } : { sold: bucketOf(n), lowerBound: true };
			return { observedAt: addDays(from, 7 * w), ...bucket };
		});
	}
	function bucketOf(n: number) {
		if (n < 1000) return n >= 750 ? 750 : n >= 500 ? 500 : n >= 250 ? 250 : 100;
		return n < 10_000 ? Math.floor(n / 1000) * 1000 : Math.floor(n / 10_000) * 10_000;
	}
	const weeksOf = (n: number) => weekRange('2026-01-05', addWeeks('2026-01-05', n - 1));

	test('a bucket step is never one week of sales: a steady 30 a week stays about 30 a week', () => {
		// 30 a week from 1.150: "1 rb+" for 28 weeks, then "2 rb+", then "3 rb+" 33 weeks later.
		const series = weeklyDemand(tokopedia(1150, 30, 70), weeksOf(71), { marketplaceId: 'tokopedia' });
		const seen = series.filter((p) => p.observed);
		expect(seen).toHaveLength(70);
		for (const p of seen) {
			expect(p.units).toBeGreaterThan(24);
			expect(p.units).toBeLessThan(36);
			expect(p.bucketed).toBe(true);
			expect(p.low).toBeLessThanOrEqual(p.units);
			expect(p.high).toBeGreaterThanOrEqual(p.units);
		}
		// Between the two steps the counters say exactly 1.000 were sold; the estimate keeps that.
		const between = series.filter((p) => p.weekStart >= '2026-07-20' && p.weekStart < '2027-02-22');
		expect(between.reduce((s, p) => s + p.units, 0)).toBeGreaterThan(900);
	});

	test('the old failure: one step from "750+" to "1 rb+" does not make a week of 250', () => {
		const snaps = [snap('2026-03-02', 750, true), snap('2026-03-09', 750, true), snap('2026-03-16', 750, true), snap('2026-03-23', 1000, true), snap('2026-03-30', 1000, true)];
		const series = weeklyDemand(snaps, weekRange('2026-03-02', '2026-04-06'), { marketplaceId: 'tokopedia' });
		const seen = series.filter((p) => p.observed);
		expect(seen).toHaveLength(4);
		expect(Math.max(...seen.map((p) => p.units))).toBeLessThan(100);
		// Honest bounds: from nothing to the whole bucket.
		expect(Math.min(...seen.map((p) => p.low))).toBe(0);
		expect(Math.max(...seen.map((p) => p.high))).toBeGreaterThan(100);
	});

	test('a counter that never leaves its bucket shows no measured sales, only what the bucket allows', () => {
		const snaps = WEEKS.map((w) => snap(w, 2000, true));
		const series = weeklyDemand(snaps, WEEKS, { marketplaceId: 'tokopedia' });
		const seen = series.filter((p) => p.observed);
		expect(seen).toHaveLength(5);
		for (const p of seen) expect(p).toMatchObject({ units: 0, low: 0, bucketed: true });
		// 999 more could have been sold in five weeks at most.
		expect(seen.reduce((s, p) => s + p.high, 0)).toBeCloseTo(999, 0);
	});

	test('exact counters keep their precision next to bucketed ones; only bucket steps carry variance', () => {
		const exactSeries = weeklyDemand([snap('2026-03-02', 10), snap('2026-03-09', 25), snap('2026-03-16', 45)], WEEKS, { marketplaceId: 'tokopedia' });
		for (const p of exactSeries.filter((q) => q.observed)) expect(p).toMatchObject({ bucketed: false, variance: 0 });
		const stepped = weeklyDemand(tokopedia(100, 150, 12), weeksOf(13), { marketplaceId: 'tokopedia' });
		expect(stepped.some((p) => p.variance > 0)).toBe(true);
	});

	test('an exact counter that then turns into a bucket adds no false step', () => {
		// Tokopedia shows 95 exactly, then "100+" for a while, then "250+": 10 a week throughout.
		const snaps = [snap('2026-01-05', 95), ...Array.from({ length: 15 }, (_, i) => snap(addDays('2026-01-12', 7 * i), 95 + 10 * (i + 1) >= 250 ? 250 : 100, true))];
		const series = weeklyDemand(snaps, weekRange('2026-01-05', '2026-04-20'), { marketplaceId: 'tokopedia' });
		const seen = series.filter((p) => p.observed);
		for (const p of seen) expect(p.units).toBeLessThan(20);
	});
});

describe('weeklyDemand invariants', () => {
	const day = fc.integer({ min: 0, max: 120 }).map((d) => addDays('2026-01-01', d));
	const snapshot = fc.record({ observedAt: day, sold: fc.integer({ min: 0, max: 20_000 }), lowerBound: fc.boolean() });
	const weeks = weekRange('2025-12-29', '2026-05-04');

	test('never negative, low ≤ units ≤ high, nothing outside the snapshots, no week after the last one', () => {
		fc.assert(
			fc.property(fc.array(snapshot, { maxLength: 25 }), fc.constantFrom('tokopedia', 'shopee', null), (snaps, marketplaceId) => {
				const series = weeklyDemand(snaps, weeks, { marketplaceId });
				const days = snaps.map((s) => s.observedAt).sort();
				for (const p of series) {
					if (!p.observed) {
						expect(p.units).toBe(0);
						continue;
					}
					expect(p.units).toBeGreaterThanOrEqual(0);
					expect(p.low).toBeLessThanOrEqual(p.units + 1e-9);
					expect(p.high).toBeGreaterThanOrEqual(p.units - 1e-9);
					expect(p.variance).toBeGreaterThanOrEqual(0);
					expect(p.weekStart >= days[0]).toBe(true);
					expect(addDays(p.weekStart, 7) <= days[days.length - 1]).toBe(true);
				}
			})
		);
	});

	test('exact counters: the weeks add up to the counter difference', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 18 }), (steps) => {
				let c = 0;
				const snaps = steps.map((s, i) => snap(addDays('2026-01-05', 7 * i), (c += s)));
				const series = weeklyDemand(snaps, weeks);
				const total = series.reduce((s, p) => s + p.units, 0);
				expect(total).toBeCloseTo(c - steps[0], 6);
			})
		);
	});
});

describe('sumWeekly', () => {
	test('adds units, bounds, variance and listings by week over the union of weeks; unobserved points add nothing', () => {
		const a = [exact('2026-03-09', 5), exact('2026-03-16', 3, { interpolated: true, low: 1, high: 6, variance: 2 }), absent('2026-03-23')];
		const b = [absent('2026-03-09'), exact('2026-03-16', 4, { bucketed: true, variance: 1 }), exact('2026-03-23', 2), exact('2026-03-30', 1)];
		expect(sumWeekly([b, a])).toEqual([
			exact('2026-03-09', 5),
			exact('2026-03-16', 7, { interpolated: true, bucketed: true, low: 5, high: 10, variance: 3, listings: 2 }),
			exact('2026-03-23', 2),
			exact('2026-03-30', 1)
		]);
	});

	test('a total is an estimate only when over a quarter of its units were spread over a gap', () => {
		const gap = exact('2026-03-09', 10, { interpolated: true });
		const ten = Array.from({ length: 9 }, () => [exact('2026-03-09', 10)]);
		expect(sumWeekly([[gap], ...ten])[0].interpolated).toBe(false);
		expect(sumWeekly([[gap], [gap], [gap], ...ten.slice(0, 6)])[0].interpolated).toBe(true);
	});

	test('does not mutate its input; a week nobody observed stays unobserved', () => {
		const a = [exact('2026-03-09', 5)];
		const total = sumWeekly([a, [absent('2026-03-16')]]);
		expect(total).toEqual([exact('2026-03-09', 5), absent('2026-03-16')]);
		expect(a[0].units).toBe(5);
		expect(sumWeekly([])).toEqual([]);
	});
});
