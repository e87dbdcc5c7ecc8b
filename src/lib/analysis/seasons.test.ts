import { describe, expect, test } from 'vitest';
import { lastSeason, nextSeason, resolveSeason, seasonBefore, seasonDayLine, seasonIn, sellingWeeksLine } from './seasons';

describe('seasons', () => {
	test('Lebaran: the 6 weeks before the week of Idul Fitri, on the official date', () => {
		// Idul Fitri 2027 is Tuesday 9 March: its week starts Monday 8 March.
		const s = seasonIn('lebaran', 2027);
		expect(s).toMatchObject({ id: 'lebaran-2027', name: 'Lebaran 2027', day: '2027-03-09', start: '2027-01-25', end: '2027-03-07' });
		expect(s.weeks).toEqual(['2027-01-25', '2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01']);
		// 2026 moved 11 days earlier (21 March, Saturday).
		expect(seasonIn('lebaran', 2026).weeks[0]).toBe('2026-02-02');
	});

	test('Harbolnas is the week before 12.12 and its week; school start the 4 weeks before the first day', () => {
		expect(seasonIn('harbolnas', 2026).weeks).toEqual(['2026-11-30', '2026-12-07']);
		expect(seasonIn('sekolah', 2027)).toMatchObject({ day: '2027-07-12', weeks: ['2027-06-14', '2027-06-21', '2027-06-28', '2027-07-05'] });
	});

	test('"the next" is the first whose selling weeks have not begun', () => {
		// On 30 November 2026 the 12.12 weeks have begun: the next Harbolnas is 2027's.
		expect(nextSeason('harbolnas', '2026-11-30').id).toBe('harbolnas-2027');
		expect(nextSeason('harbolnas', '2026-11-29').id).toBe('harbolnas-2026');
		expect(nextSeason('lebaran', '2026-11-30').id).toBe('lebaran-2027');
		expect(nextSeason('lebaran', '2027-02-01').id).toBe('lebaran-2028');
		expect(lastSeason('lebaran', '2026-11-30').id).toBe('lebaran-2026');
		expect(seasonBefore(seasonIn('lebaran', 2027)).id).toBe('lebaran-2026');
	});

	test('own dates: whole weeks, checked, in plain words', () => {
		const r = resolveSeason({ start: '2027-02-03', end: '2027-03-14' }, '2026-11-30');
		expect(r.ok && r.season.weeks).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08']);
		expect(r.ok && seasonBefore(r.season).weeks[0]).toBe('2026-02-02');
		expect(resolveSeason({ start: '2027-02-30', end: '2027-03-14' }, '2026-11-30')).toEqual({ ok: false, message: 'Tulis tanggal musim seperti 2027-02-01.' });
		expect(resolveSeason({ start: '2027-03-14', end: '2027-02-01' }, '2026-11-30')).toMatchObject({ ok: false, message: expect.stringMatching(/sesudah tanggal mulai/) });
		expect(resolveSeason({ start: '2026-11-01', end: '2027-02-01' }, '2026-11-30')).toMatchObject({ ok: false, message: 'Musim harus mulai sesudah hari ini.' });
		expect(resolveSeason({ start: '2027-01-01', end: '2027-12-31' }, '2026-11-30')).toMatchObject({ ok: false, message: 'Satu musim paling lama 26 minggu.' });
		expect(resolveSeason('natal' as never, '2026-11-30')).toMatchObject({ ok: false });
	});

	test('sentences', () => {
		const s = seasonIn('lebaran', 2027);
		expect(seasonDayLine(s)).toBe('Lebaran jatuh 9 Maret 2027.');
		expect(seasonDayLine(seasonIn('harbolnas', 2026))).toBe('Harbolnas 12.12 jatuh 12 Desember 2026.');
		expect(seasonDayLine(seasonIn('sekolah', 2027))).toBe('Sekolah mulai 12 Juli 2027.');
		expect(sellingWeeksLine(s)).toBe('Minggu penjualan: 25 Jan–7 Mar 2027 (6 minggu).');
	});
});
