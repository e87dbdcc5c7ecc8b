import { describe, expect, test } from 'vitest';
import { DAY_S, isLate, nextRunAfter, parseEvery, sayAgo, sayEvery, sayIn, sayLate, shortEvery, WEEK_S } from './schedule';

const at = (iso: string) => new Date(iso);

describe('a period as the admin writes it', () => {
	test.each([
		['1w', WEEK_S],
		['2w', 2 * WEEK_S],
		['1d', DAY_S],
		['12h', 12 * 3600],
		['30m', 1800],
		['1 minggu', WEEK_S],
		['3 hari', 3 * DAY_S],
		['6 jam', 6 * 3600]
	])('%s', (text, seconds) => {
		expect(parseEvery(text)).toEqual({ seconds });
		expect(parseEvery(shortEvery(seconds))).toEqual({ seconds });
	});

	test.each([
		['seminggu', /tidak dikenal/],
		['1y', /tidak dikenal/],
		['5m', /terlalu sering/],
		['100d', /terlalu jarang/]
	])('%s is refused in plain words', (text, problem) => {
		expect((parseEvery(text) as { problem: string }).problem).toMatch(problem);
	});

	test('said in plain words', () => {
		expect(sayEvery(WEEK_S)).toBe('setiap minggu');
		expect(sayEvery(2 * WEEK_S)).toBe('setiap 2 minggu');
		expect(sayEvery(DAY_S)).toBe('setiap hari');
		expect(sayEvery(6 * 3600)).toBe('setiap 6 jam');
		expect(sayEvery(1800)).toBe('setiap 30 menit');
	});
});

describe('the next pull', () => {
	const now = at('2026-03-02T10:00:00Z');
	test('new data: one period later', () => {
		expect(nextRunAfter('imported', now, WEEK_S).toISOString()).toBe('2026-03-09T10:00:00.000Z');
	});
	test('unchanged: looked at again within a day, so a late export is not missed for a week', () => {
		expect(nextRunAfter('unchanged', now, WEEK_S).toISOString()).toBe('2026-03-03T10:00:00.000Z');
		expect(nextRunAfter('unchanged', now, 3600).toISOString()).toBe('2026-03-02T11:00:00.000Z');
	});
	test('failed: 15 minutes, then doubling, never later than the period', () => {
		expect(nextRunAfter('failed', now, WEEK_S, 1).toISOString()).toBe('2026-03-02T10:15:00.000Z');
		expect(nextRunAfter('failed', now, WEEK_S, 3).toISOString()).toBe('2026-03-02T11:00:00.000Z');
		expect(nextRunAfter('failed', now, DAY_S, 30).toISOString()).toBe('2026-03-03T10:00:00.000Z');
	});
});

describe('late', () => {
	const feed = { createdAt: '2026-02-01T08:00:00Z', everySeconds: WEEK_S, lastImportAt: '2026-03-01T08:00:00Z' };
	test('not before a period and a day without new data', () => {
		expect(isLate(feed, at('2026-03-09T07:59:00Z'))).toBe(false);
		expect(sayLate(feed, at('2026-03-09T07:59:00Z'))).toBeNull();
		expect(isLate(feed, at('2026-03-09T08:01:00Z'))).toBe(true);
		expect(sayLate(feed, at('2026-03-11T08:00:00Z'))).toBe('Terlambat 3 hari: data baru seharusnya masuk 8 Maret 2026.');
		expect(sayLate(feed, at('2026-04-12T08:00:00Z'))).toBe('Terlambat 5 minggu: data baru seharusnya masuk 8 Maret 2026.');
	});
	test('a feed that never brought data is judged from when it was added', () => {
		const fresh = { ...feed, lastImportAt: null };
		expect(isLate(fresh, at('2026-02-09T07:00:00Z'))).toBe(false);
		expect(isLate(fresh, at('2026-02-09T09:00:00Z'))).toBe(true);
	});
});

describe('times in words', () => {
	const now = at('2026-03-10T12:00:00Z');
	test.each([
		['2026-03-10T11:59:30Z', 'baru saja'],
		['2026-03-10T11:40:00Z', '20 menit lalu'],
		['2026-03-10T09:00:00Z', '3 jam lalu'],
		['2026-03-09T10:00:00Z', 'kemarin'],
		['2026-03-06T12:00:00Z', '4 hari lalu'],
		['2026-02-24T12:00:00Z', '2 minggu lalu']
	])('%s was %s', (iso, words) => expect(sayAgo(iso, now)).toBe(words));
	test.each([
		['2026-03-10T12:00:30Z', 'sebentar lagi'],
		['2026-03-10T12:20:00Z', 'dalam 20 menit'],
		['2026-03-10T17:00:00Z', 'dalam 5 jam'],
		['2026-03-11T12:00:00Z', 'besok'],
		['2026-03-11T11:59:50Z', 'besok'],
		['2026-03-16T12:00:00Z', 'dalam 6 hari']
	])('%s is %s', (iso, words) => expect(sayIn(iso, now)).toBe(words));
});
