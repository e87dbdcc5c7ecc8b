import { describe, expect, test } from 'vitest';
import { ageInDays, dataDateLabel, dataDateSentence, isStale, STALE_DAYS } from './freshness';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';

describe('one rule for old data', () => {
	test.each([
		['2026-11-02', '2026-11-30', false],
		['2026-11-01', '2026-11-30', true],
		['2025-04-26', '2026-11-30', true],
		[null, '2026-11-30', false]
	])('data of %s on %s: stale %s', (dataUntil, today, stale) => {
		expect(isStale(dataUntil, today)).toBe(stale);
	});

	test('four weeks is the limit', () => {
		expect(STALE_DAYS).toBe(28);
		expect(ageInDays('2026-11-02', '2026-11-30')).toBe(28);
		expect(isStale('2026-11-02T23:00:00.000Z', '2026-11-30')).toBe(false);
	});

	test('the date is said the same way everywhere, in short plain sentences', () => {
		expect(dataDateLabel('2025-04-26')).toBe('Data per 26 April 2025');
		expect(dataDateLabel(null)).toBe('Belum ada data pasar');
		expect(dataDateSentence('2026-11-20', false)).toBe('Data per 20 November 2026.');
		const old = dataDateSentence('2025-04-26', true);
		expect(old).toBe('Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu.');
		for (const s of splitSentences(old)) expect(wordCount(s)).toBeLessThanOrEqual(MAX_WORDS);
		expect(jargonIn(old)).toEqual([]);
	});
});
