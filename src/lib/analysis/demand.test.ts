import { describe, expect, test } from 'vitest';
import { addWeeks, growth, sumWeekly, weekRange, weekStart, weeklyDemand, type SoldSnapshot, type WeekPoint } from './demand';

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
const point = (weekStart: string, units: number, extra: Partial<WeekPoint> = {}): WeekPoint => ({
	weekStart,
	units,
	lowerBound: false,
	interpolated: false,
	observed: true,
	...extra
});
const absent = (weekStart: string) => point(weekStart, 0, { observed: false });

// Mondays: 2 Mar, 9 Mar, 16 Mar, 23 Mar, 30 Mar, 6 Apr 2026.
const WEEKS = weekRange('2026-03-02', '2026-04-06');

describe('weeklyDemand', () => {
	test.each([
		{
			name: 'weekly snapshots: plain differences, first week unobserved',
			snapshots: [snap('2026-03-03', 100), snap('2026-03-10', 130), snap('2026-03-17', 175), snap('2026-03-24', 175)],
			expected: [absent('2026-03-02'), point('2026-03-09', 30), point('2026-03-16', 45), point('2026-03-23', 0), absent('2026-03-30'), absent('2026-04-06')]
		},
		{
			name: 'a three-week gap is spread in whole units, remainder to the latest weeks',
			snapshots: [snap('2026-03-02', 100), snap('2026-03-23', 110)],
			expected: [
				absent('2026-03-02'),
				point('2026-03-09', 3, { interpolated: true }),
				point('2026-03-16', 3, { interpolated: true }),
				point('2026-03-23', 4, { interpolated: true }),
				absent('2026-03-30'),
				absent('2026-04-06')
			]
		},
		{
			name: 'the last snapshot of a week counts; input order does not matter',
			snapshots: [snap('2026-03-12', 150), snap('2026-03-03', 90), snap('2026-03-09', 120), snap('2026-03-05', 100)],
			expected: [absent('2026-03-02'), point('2026-03-09', 50), absent('2026-03-16'), absent('2026-03-23'), absent('2026-03-30'), absent('2026-04-06')]
		},
		{
			name: 'a small drop is noise: no negative units and the higher baseline stays',
			snapshots: [snap('2026-03-02', 1000, true), snap('2026-03-09', 990), snap('2026-03-16', 1010)],
			expected: [
				absent('2026-03-02'),
				point('2026-03-09', 0, { lowerBound: true }),
				point('2026-03-16', 10, { lowerBound: true }),
				absent('2026-03-23'),
				absent('2026-03-30'),
				absent('2026-04-06')
			]
		},
		{
			name: 'a large drop is a counter reset: count again from the new value',
			snapshots: [snap('2026-03-02', 5000), snap('2026-03-09', 10), snap('2026-03-16', 40)],
			expected: [absent('2026-03-02'), point('2026-03-09', 0), point('2026-03-16', 30), absent('2026-03-23'), absent('2026-03-30'), absent('2026-04-06')]
		},
		{
			name: 'bucketed counters make the difference a lower bound',
			snapshots: [snap('2026-03-02', 1000, true), snap('2026-03-09', 2000, true), snap('2026-03-16', 2300)],
			expected: [
				absent('2026-03-02'),
				point('2026-03-09', 1000, { lowerBound: true }),
				point('2026-03-16', 300, { lowerBound: true }),
				absent('2026-03-23'),
				absent('2026-03-30'),
				absent('2026-04-06')
			]
		},
		{
			name: 'snapshots before the requested weeks still set the baseline',
			snapshots: [snap('2026-02-20', 50), snap('2026-03-03', 80)],
			expected: [point('2026-03-02', 15, { interpolated: true }), absent('2026-03-09'), absent('2026-03-16'), absent('2026-03-23'), absent('2026-03-30'), absent('2026-04-06')]
		},
		{
			name: 'one snapshot or none: nothing is observed',
			snapshots: [snap('2026-03-10', 500)],
			expected: WEEKS.map(absent)
		},
		{
			name: 'invalid snapshots are ignored',
			snapshots: [snap('2026-03-03', 10), snap('bad', 999), snap('2026-03-10', Number.NaN), snap('2026-03-11', -4), snap('2026-03-17', 20)],
			expected: [
				absent('2026-03-02'),
				point('2026-03-09', 5, { interpolated: true }),
				point('2026-03-16', 5, { interpolated: true }),
				absent('2026-03-23'),
				absent('2026-03-30'),
				absent('2026-04-06')
			]
		}
	])('$name', ({ snapshots, expected }) => {
		expect(weeklyDemand(snapshots, WEEKS)).toEqual(expected);
	});

	test('interpolated totals equal the counter difference', () => {
		const snapshots = [snap('2025-01-06', 0), snap('2025-03-03', 997), snap('2025-03-10', 1200), snap('2025-06-30', 4001)];
		const weeks = weekRange('2025-01-01', '2025-07-31');
		const series = weeklyDemand(snapshots, weeks);
		expect(series.reduce((s, p) => s + p.units, 0)).toBe(4001);
		for (const p of series) expect(Number.isInteger(p.units) && p.units >= 0).toBe(true);
	});

	test('non-Monday week keys are aligned', () => {
		const series = weeklyDemand([snap('2026-03-03', 1), snap('2026-03-10', 4)], ['2026-03-11']);
		expect(series).toEqual([point('2026-03-09', 3)]);
	});
});

describe('sumWeekly', () => {
	test('sums by week over the union of weeks; flags OR-ed', () => {
		const a = [point('2026-03-09', 5), point('2026-03-16', 3, { interpolated: true }), absent('2026-03-23')];
		const b = [absent('2026-03-09'), point('2026-03-16', 4, { lowerBound: true }), point('2026-03-23', 2), point('2026-03-30', 1)];
		expect(sumWeekly([b, a])).toEqual([
			point('2026-03-09', 5),
			point('2026-03-16', 7, { interpolated: true, lowerBound: true }),
			point('2026-03-23', 2),
			point('2026-03-30', 1)
		]);
	});

	test('does not mutate its input and treats a missing observed flag as observed', () => {
		const a = [{ weekStart: '2026-03-09', units: 5, lowerBound: false, interpolated: false }];
		const b = [point('2026-03-09', 2)];
		const total = sumWeekly([a, b]);
		expect(total).toEqual([point('2026-03-09', 7)]);
		expect(a[0].units).toBe(5);
		expect(sumWeekly([])).toEqual([]);
	});
});

describe('growth', () => {
	const weeks = weekRange('2026-01-05', '2026-03-23'); // 12 weeks
	const series = (units: number[], observed: boolean[] = units.map(() => true)) =>
		units.map((u, i) => point(weeks[i], u, { observed: observed[i] }));

	test.each([
		{ name: 'rise', units: [9, 9, 9, 9, 10, 10, 10, 10, 12, 12, 11, 12], recent: 47, previous: 40, change: 0.175 },
		{ name: 'fall', units: [10, 10, 10, 10, 10, 10, 10, 10], recent: 37, previous: 40, change: -0.075, tweak: [7, 10, 10, 10] },
		{ name: 'previous zero', units: [0, 0, 0, 0, 5, 5, 5, 5], recent: 20, previous: 0, change: null },
		{ name: 'too short', units: [5, 5, 5, 5, 5], recent: 20, previous: 5, change: null }
	])('$name', ({ units, recent, previous, change, tweak }) => {
		const u = tweak ? [...units.slice(0, units.length - 4), ...tweak] : units;
		const g = growth(series(u));
		expect(g.recent).toBe(recent);
		expect(g.previous).toBe(previous);
		if (change === null) expect(g.change).toBeNull();
		else expect(g.change).toBeCloseTo(change, 9);
	});

	test('trailing unobserved weeks are dropped, not read as a collapse', () => {
		const s = series([10, 10, 10, 10, 20, 20, 20, 20, 0, 0], [true, true, true, true, true, true, true, true, false, false]);
		expect(growth(s)).toEqual({ recent: 80, previous: 40, change: 1 });
	});

	test('an unobserved week inside the windows gives no change', () => {
		const s = series([10, 10, 0, 10, 20, 20, 20, 20], [true, true, false, true, true, true, true, true]);
		expect(growth(s).change).toBeNull();
	});

	test('window parameter', () => {
		const s = series([1, 1, 2, 2, 3, 6]);
		expect(growth(s, 2)).toEqual({ recent: 9, previous: 4, change: 1.25 });
		expect(growth(s, 3)).toEqual({ recent: 11, previous: 4, change: 1.75 });
	});
});
