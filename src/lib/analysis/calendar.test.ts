import { describe, expect, it } from 'vitest';
import {
	OFFICIAL_DATES,
	daysBetween,
	idulAdha,
	idulFitri,
	idulFitriAll,
	marketEvents,
	mondayOf,
	nextEvents,
	ramadanStart,
	schoolYearStart,
	ummAlQuraDates,
	weeksUntil
} from './calendar';

describe('moving Islamic holidays (official Indonesian dates)', () => {
	// The government's dates, written out here independently of OFFICIAL_DATES: 1 Ramadan,
	// 1 Syawal and Iduladha as the sidang isbat announced them (2026 Iduladha: the SKB 3 Menteri
	// 2026). Several differ from Umm al-Qura by a day; 2026's Idul Fitri is Saturday 21 March
	// (isbat of Thursday 19 March 2026), not the 20th Umm al-Qura and Muhammadiyah give.
	it.each([
		[2019, '2019-05-06', '2019-06-05', '2019-08-11'],
		[2020, '2020-04-24', '2020-05-24', '2020-07-31'],
		[2021, '2021-04-13', '2021-05-13', '2021-07-20'],
		[2022, '2022-04-03', '2022-05-02', '2022-07-10'],
		[2023, '2023-03-23', '2023-04-22', '2023-06-29'],
		[2024, '2024-03-12', '2024-04-10', '2024-06-17'],
		[2025, '2025-03-01', '2025-03-31', '2025-06-06'],
		[2026, '2026-02-19', '2026-03-21', '2026-05-27']
	])('%i: Ramadan %s, Idul Fitri %s, Idul Adha %s', (year, ramadan, fitri, adha) => {
		expect(ramadanStart(year)).toBe(ramadan);
		expect(idulFitri(year)).toBe(fitri);
		expect(idulAdha(year)).toBe(adha);
	});

	it('Ramadan lasts 29 or 30 days before Idul Fitri, 2000–2100', () => {
		for (let y = 2000; y <= 2100; y++) {
			const fitri = idulFitri(y);
			// Ramadan of the same Hijri year may begin in the previous Gregorian year, as
			// that year's second Ramadan (2030-12-26 before Idul Fitri 2031-01-24).
			const starts = [...marketEvents(y - 1), ...marketEvents(y)]
				.filter((e) => e.key === 'ramadan')
				.map((e) => daysBetween(e.date, fitri));
			expect(starts.some((d) => d === 29 || d === 30), `${y}`).toBe(true);
		}
	});

	it('every year 2000–2100 gives a date in that year, ~11 days earlier each year', () => {
		for (let y = 2000; y <= 2100; y++) {
			for (const fn of [ramadanStart, idulFitri, idulAdha]) {
				const d = fn(y);
				expect(d.slice(0, 4)).toBe(String(y));
				if (y === 2000) continue;
				const gap = daysBetween(fn(y - 1), d);
				// One Hijri year (354–355 days = 10–12 days earlier in the calendar), or two
				// Hijri years where the previous Gregorian year held the holiday twice.
				const ok = (gap >= 353 && gap <= 356) || (gap >= 707 && gap <= 710);
				expect(ok, `${fn.name} ${y - 1} → ${y}: ${gap} days`).toBe(true);
			}
		}
	});

	it('lists both Idul Fitri when a Gregorian year has two', () => {
		expect(idulFitriAll(2000)).toEqual(['2000-01-08', '2000-12-27']);
		expect(idulFitriAll(2024)).toEqual(['2024-04-10']);
	});

	it('the official table covers every year 2019–2026 and each date is within a day of Umm al-Qura', () => {
		const hijri = { ramadanStart: [9, 1], idulFitri: [10, 1], idulAdha: [12, 10] } as const;
		for (const [kind, table] of Object.entries(OFFICIAL_DATES)) {
			for (let y = 2019; y <= 2026; y++) expect(table[y], `${kind} ${y}`).toBeDefined();
			for (const [year, official] of Object.entries(table)) {
				const [month, day] = hijri[kind as keyof typeof hijri];
				const computed = ummAlQuraDates(Number(year), month, day);
				expect(computed).toHaveLength(1);
				expect(Math.abs(daysBetween(computed[0], official.date)), `${kind} ${year}`).toBeLessThanOrEqual(1);
			}
		}
	});

	it('every official date says which decision set it, and when', () => {
		for (const [kind, table] of Object.entries(OFFICIAL_DATES)) {
			for (const [year, official] of Object.entries(table)) {
				const label = `${kind} ${year}`;
				expect(official.date.slice(0, 4), label).toBe(year);
				expect(official.note.length, label).toBeGreaterThan(10);
				const before = daysBetween(official.decided, official.date);
				if (official.by === 'sidang isbat') {
					// The isbat sits on the 29th of the month before: 1–2 days before the 1st,
					// 9–11 days before Iduladha (the 10th).
					const [min, max] = kind === 'idulAdha' ? [9, 11] : [1, 2];
					expect(before, label).toBeGreaterThanOrEqual(min);
					expect(before, label).toBeLessThanOrEqual(max);
				} else {
					expect(official.by, label).toBe('SKB 3 Menteri');
					// The SKB for a year is signed in the autumn of the year before.
					expect(before, label).toBeGreaterThan(60);
				}
			}
		}
	});

	it('2026: Idul Fitri is Saturday 21 March, from the sidang isbat of 19 March', () => {
		expect(idulFitri(2026)).toBe('2026-03-21');
		expect(new Date('2026-03-21T00:00:00Z').getUTCDay()).toBe(6);
		expect(OFFICIAL_DATES.idulFitri[2026]).toMatchObject({ by: 'sidang isbat', decided: '2026-03-19' });
		// Umm al-Qura alone would say the 20th: the override is what makes it right.
		expect(ummAlQuraDates(2026, 10, 1)).toEqual(['2026-03-20']);
	});
});

describe('fixed events and helpers', () => {
	it.each([
		[2023, '2023-07-17'],
		[2024, '2024-07-15'],
		[2025, '2025-07-14'],
		[2026, '2026-07-13']
	])('school year %i starts %s', (year, date) => {
		expect(schoolYearStart(year)).toBe(date);
	});

	it('marketEvents holds every named event once, sorted', () => {
		const events = marketEvents(2026);
		expect(events.map((e) => e.name)).toEqual([
			'Tahun Baru',
			'Ramadan',
			'Lebaran',
			'Idul Adha',
			'Awal tahun ajaran',
			'17 Agustus',
			'9.9',
			'10.10',
			'11.11',
			'Harbolnas 12.12',
			'Natal'
		]);
		expect(events.find((e) => e.key === 'lebaran')).toEqual({
			key: 'lebaran',
			name: 'Lebaran',
			date: '2026-03-21',
			leadWeeks: 6
		});
	});

	it('nextEvents crosses the year end', () => {
		expect(nextEvents('2026-12-20', 3).map((e) => `${e.key} ${e.date}`)).toEqual([
			'natal 2026-12-25',
			'tahun-baru 2027-01-01',
			'ramadan 2027-02-08'
		]);
		expect(nextEvents('2026-03-20', 1)[0].key).toBe('lebaran');
	});

	it.each([
		['2026-01-01', '2026-03-20', 11],
		['2026-03-20', '2026-03-20', 0],
		['2026-03-14', '2026-03-20', 0],
		['2026-03-13', '2026-03-20', 1],
		['2026-03-27', '2026-03-20', -1]
	])('weeksUntil(%s, %s) = %i', (from, to, weeks) => {
		expect(weeksUntil(from, to)).toBe(weeks);
	});

	it.each([
		['2026-03-20', '2026-03-16'],
		['2026-03-16', '2026-03-16'],
		['2026-03-22', '2026-03-16'],
		['2027-01-01', '2026-12-28']
	])('mondayOf(%s) = %s', (date, monday) => {
		expect(mondayOf(date)).toBe(monday);
	});
});
