// The Indonesian market calendar: the moving Islamic holidays (Ramadan, Idul Fitri/Lebaran,
// Idul Adha) and the fixed-date shopping events (double-date sales, Harbolnas 12.12, school
// start, Natal, Tahun Baru, 17 Agustus). Demand for rural products follows these dates, and
// Lebaran moves ~11 days earlier every year, so forecasts and the co-op plan key on them.
//
// Pure and dependency-free: the Hijri dates come from ICU's Umm al-Qura calendar through
// Intl (full ICU ships with Node 20 and modern browsers), corrected by OFFICIAL_DATES where
// the Indonesian government (Kemenag sidang isbat / SKB 3 Menteri) fixed a different day.
// All arithmetic is on UTC midnights so a server's or phone's timezone never shifts a date.

const DAY_MS = 86_400_000;

/** Who fixed an official date: Kemenag's sidang isbat, or the SKB 3 Menteri on national holidays. */
export type OfficialSource = 'sidang isbat' | 'SKB 3 Menteri';

export interface OfficialDate {
	/** The holiday, 'YYYY-MM-DD'. */
	date: string;
	/** Which decision set it. */
	by: OfficialSource;
	/** The day of that decision, 'YYYY-MM-DD' (the evening of the isbat, or the SKB's signing). */
	decided: string;
	/** The decision as it was announced, for whoever checks the table. */
	note: string;
}

const isbat = (date: string, decided: string, note: string): OfficialDate => ({ date, by: 'sidang isbat', decided, note });
const skb = (date: string, decided: string, note: string): OfficialDate => ({ date, by: 'SKB 3 Menteri', decided, note });

/**
 * Indonesia's official dates: Kemenag's sidang isbat (rukyat with the MABIMS criteria) decides
 * 1 Ramadan, 1 Syawal and 1 Zulhijah on the evening of the 29th of the month before; before
 * that, the SKB 3 Menteri on national holidays gives the expected date. Every year 2019–2026 is
 * listed, also where Umm al-Qura agrees (so the table can be checked against the decisions one
 * by one), plus earlier years where Umm al-Qura is a day off. A year not listed falls back to
 * Umm al-Qura, which is within a day of the isbat.
 */
export const OFFICIAL_DATES: Readonly<
	Record<'ramadanStart' | 'idulFitri' | 'idulAdha', Readonly<Record<number, OfficialDate>>>
> = {
	ramadanStart: {
		2012: isbat('2012-07-21', '2012-07-19', '1 Ramadan 1433 H: Sabtu, 21 Juli 2012'),
		2013: isbat('2013-07-10', '2013-07-08', '1 Ramadan 1434 H: Rabu, 10 Juli 2013'),
		2014: isbat('2014-06-29', '2014-06-27', '1 Ramadan 1435 H: Minggu, 29 Juni 2014'),
		2018: isbat('2018-05-17', '2018-05-15', '1 Ramadan 1439 H: Kamis, 17 Mei 2018'),
		2019: isbat('2019-05-06', '2019-05-05', '1 Ramadan 1440 H: Senin, 6 Mei 2019'),
		2020: isbat('2020-04-24', '2020-04-23', '1 Ramadan 1441 H: Jumat, 24 April 2020'),
		2021: isbat('2021-04-13', '2021-04-12', '1 Ramadan 1442 H: Selasa, 13 April 2021'),
		2022: isbat('2022-04-03', '2022-04-01', '1 Ramadan 1443 H: Minggu, 3 April 2022 (Syakban digenapkan 30 hari)'),
		2023: isbat('2023-03-23', '2023-03-22', '1 Ramadan 1444 H: Kamis, 23 Maret 2023'),
		2024: isbat('2024-03-12', '2024-03-10', '1 Ramadan 1445 H: Selasa, 12 Maret 2024 (Syakban digenapkan 30 hari)'),
		2025: isbat('2025-03-01', '2025-02-28', '1 Ramadan 1446 H: Sabtu, 1 Maret 2025'),
		2026: isbat('2026-02-19', '2026-02-17', '1 Ramadan 1447 H: Kamis, 19 Februari 2026 (Syakban digenapkan 30 hari)')
	},
	idulFitri: {
		2019: isbat('2019-06-05', '2019-06-03', '1 Syawal 1440 H: Rabu, 5 Juni 2019 (Ramadan digenapkan 30 hari)'),
		2020: isbat('2020-05-24', '2020-05-22', '1 Syawal 1441 H: Minggu, 24 Mei 2020'),
		2021: isbat('2021-05-13', '2021-05-11', '1 Syawal 1442 H: Kamis, 13 Mei 2021'),
		2022: isbat('2022-05-02', '2022-05-01', '1 Syawal 1443 H: Senin, 2 Mei 2022'),
		2023: isbat('2023-04-22', '2023-04-20', '1 Syawal 1444 H: Sabtu, 22 April 2023 (Ramadan digenapkan 30 hari)'),
		2024: isbat('2024-04-10', '2024-04-09', '1 Syawal 1445 H: Rabu, 10 April 2024'),
		2025: isbat('2025-03-31', '2025-03-29', '1 Syawal 1446 H: Senin, 31 Maret 2025 (Ramadan digenapkan 30 hari)'),
		2026: isbat('2026-03-21', '2026-03-19', '1 Syawal 1447 H: Sabtu, 21 Maret 2026 (hilal tidak terlihat, Ramadan digenapkan 30 hari)')
	},
	idulAdha: {
		2014: isbat('2014-10-05', '2014-09-24', 'Iduladha 1435 H: Minggu, 5 Oktober 2014'),
		2015: isbat('2015-09-24', '2015-09-13', 'Iduladha 1436 H: Kamis, 24 September 2015'),
		2016: isbat('2016-09-12', '2016-09-01', 'Iduladha 1437 H: Senin, 12 September 2016'),
		2018: isbat('2018-08-22', '2018-08-11', 'Iduladha 1439 H: Rabu, 22 Agustus 2018'),
		2019: isbat('2019-08-11', '2019-08-01', 'Iduladha 1440 H: Minggu, 11 Agustus 2019'),
		2020: isbat('2020-07-31', '2020-07-21', 'Iduladha 1441 H: Jumat, 31 Juli 2020'),
		2021: isbat('2021-07-20', '2021-07-10', 'Iduladha 1442 H: Selasa, 20 Juli 2021'),
		2022: isbat('2022-07-10', '2022-06-29', 'Iduladha 1443 H: Minggu, 10 Juli 2022 (1 Zulhijah: Jumat, 1 Juli 2022)'),
		2023: isbat('2023-06-29', '2023-06-18', 'Iduladha 1444 H: Kamis, 29 Juni 2023 (1 Zulhijah: Selasa, 20 Juni 2023)'),
		2024: isbat('2024-06-17', '2024-06-07', 'Iduladha 1445 H: Senin, 17 Juni 2024 (1 Zulhijah: Sabtu, 8 Juni 2024)'),
		2025: isbat('2025-06-06', '2025-05-27', 'Iduladha 1446 H: Jumat, 6 Juni 2025 (1 Zulhijah: Rabu, 28 Mei 2025)'),
		// The isbat for Zulhijah 1447 H is held about 17 May 2026; until it is entered here, the
		// SKB's date stands (SKB No. 1497/2/5 Tahun 2025, announced 19 September 2025).
		2026: skb('2026-05-27', '2025-09-19', 'Iduladha 1447 H: Rabu, 27 Mei 2026 (libur nasional menurut SKB 3 Menteri 2026)')
	}
};

// ---------------------------------------------------------------------------------------
// ISO date helpers (UTC only)

/** Parses 'YYYY-MM-DD' into epoch milliseconds at UTC midnight. */
export function isoToMs(iso: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	if (!m) throw new Error(`Not an ISO date: ${iso}`);
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function msToIso(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
	return msToIso(isoToMs(iso) + days * DAY_MS);
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
	return Math.round((isoToMs(toIso) - isoToMs(fromIso)) / DAY_MS);
}

/** The Monday of the ISO week containing `iso` — how the project names a week. */
export function mondayOf(iso: string): string {
	const ms = isoToMs(iso);
	const dow = new Date(ms).getUTCDay(); // 0 = Sunday
	return msToIso(ms - ((dow + 6) % 7) * DAY_MS);
}

/**
 * Whole weeks from `fromIso` until `toIso`, truncated toward zero: 13 days → 1 week,
 * -3 days → 0. Truncation because "15 minggu lagi" should never overstate the time left.
 */
export function weeksUntil(fromIso: string, toIso: string): number {
	return Math.trunc(daysBetween(fromIso, toIso) / 7);
}

// ---------------------------------------------------------------------------------------
// Hijri scan

let formatter: Intl.DateTimeFormat | undefined;
const hijriCache = new Map<number, { month: number; day: number }[]>();

/** Hijri month/day for every day of a Gregorian year, computed once per year. */
function hijriDays(year: number): { month: number; day: number }[] {
	const cached = hijriCache.get(year);
	if (cached) return cached;
	formatter ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'numeric',
		year: 'numeric'
	});
	const out: { month: number; day: number }[] = [];
	for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += DAY_MS) {
		let month = 0;
		let day = 0;
		for (const part of formatter.formatToParts(new Date(ms))) {
			if (part.type === 'month') month = Number(part.value);
			else if (part.type === 'day') day = Number(part.value);
		}
		out.push({ month, day });
	}
	hijriCache.set(year, out);
	return out;
}

/**
 * Every Gregorian date in `year` that is the given Hijri month/day (Umm al-Qura). A Hijri
 * year is ~354 days, so roughly every 33 years a holiday falls twice in one Gregorian year
 * (Idul Fitri 2000-01-08 and 2000-12-27). Never zero: a Gregorian year is longer than a
 * Hijri year, so every holiday falls at least once in it.
 */
export function ummAlQuraDates(year: number, month: number, day: number): string[] {
	const days = hijriDays(year);
	const start = Date.UTC(year, 0, 1);
	const out: string[] = [];
	days.forEach((d, i) => {
		if (d.month === month && d.day === day) out.push(msToIso(start + i * DAY_MS));
	});
	return out;
}

/** All occurrences in the year, the first replaced by the official Indonesian date if listed. */
function holidayDates(
	kind: keyof typeof OFFICIAL_DATES,
	year: number,
	month: number,
	day: number
): string[] {
	const dates = ummAlQuraDates(year, month, day);
	const official = OFFICIAL_DATES[kind][year];
	// The table only lists years with a single occurrence, so it replaces the first.
	if (official) dates[0] = official.date;
	if (dates.length === 0) throw new Error(`No ${kind} found in ${year}`);
	return dates;
}

/** First day of Ramadan (1 Ramadan) in Indonesia; the earlier one when a year has two. */
export function ramadanStart(year: number): string {
	return holidayDates('ramadanStart', year, 9, 1)[0];
}

/** Idul Fitri (1 Syawal, Lebaran) in Indonesia; the earlier one when a year has two. */
export function idulFitri(year: number): string {
	return holidayDates('idulFitri', year, 10, 1)[0];
}

/** Idul Adha (10 Dzulhijjah) in Indonesia; the earlier one when a year has two. */
export function idulAdha(year: number): string {
	return holidayDates('idulAdha', year, 12, 10)[0];
}

/** Every Idul Fitri that falls in the Gregorian year (one, or two about every 33 years). */
export function idulFitriAll(year: number): string[] {
	return holidayDates('idulFitri', year, 10, 1);
}

// ---------------------------------------------------------------------------------------
// Market events

export interface MarketEvent {
	/** Stable id, e.g. 'lebaran', 'harbolnas-12-12'. */
	key: string;
	/** Indonesian name as shown to users. */
	name: string;
	/** 'YYYY-MM-DD' */
	date: string;
	/** How many weeks before the date demand usually starts to rise. */
	leadWeeks: number;
}

// Lead times: Lebaran buying (clothes, cakes, hampers, gifts) starts with or before Ramadan,
// about 6 weeks ahead; marketplace double-date sales pull orders into the last 1–2 weeks;
// school start drives uniforms and bags from about a month before.
const FIXED_EVENTS: { key: string; name: string; month: number; day: number; leadWeeks: number }[] =
	[
		{ key: 'tahun-baru', name: 'Tahun Baru', month: 1, day: 1, leadWeeks: 2 },
		{ key: 'kemerdekaan', name: '17 Agustus', month: 8, day: 17, leadWeeks: 3 },
		{ key: 'harbolnas-9-9', name: '9.9', month: 9, day: 9, leadWeeks: 1 },
		{ key: 'harbolnas-10-10', name: '10.10', month: 10, day: 10, leadWeeks: 1 },
		{ key: 'harbolnas-11-11', name: '11.11', month: 11, day: 11, leadWeeks: 1 },
		{ key: 'harbolnas-12-12', name: 'Harbolnas 12.12', month: 12, day: 12, leadWeeks: 2 },
		{ key: 'natal', name: 'Natal', month: 12, day: 25, leadWeeks: 3 }
	];

/**
 * School year start: the Monday falling 11–17 July, which matches the national start days
 * 2023-07-17, 2024-07-15, 2025-07-14 and 2026-07-13 (provinces vary by a week at most).
 */
export function schoolYearStart(year: number): string {
	const jul11 = Date.UTC(year, 6, 11);
	const dow = new Date(jul11).getUTCDay();
	return msToIso(jul11 + ((8 - dow) % 7) * DAY_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** All market events of a Gregorian year, sorted by date. */
export function marketEvents(year: number): MarketEvent[] {
	const events: MarketEvent[] = [];
	for (const date of holidayDates('ramadanStart', year, 9, 1))
		events.push({ key: 'ramadan', name: 'Ramadan', date, leadWeeks: 2 });
	for (const date of holidayDates('idulFitri', year, 10, 1))
		events.push({ key: 'lebaran', name: 'Lebaran', date, leadWeeks: 6 });
	for (const date of holidayDates('idulAdha', year, 12, 10))
		events.push({ key: 'idul-adha', name: 'Idul Adha', date, leadWeeks: 2 });
	events.push({
		key: 'tahun-ajaran',
		name: 'Awal tahun ajaran',
		date: schoolYearStart(year),
		leadWeeks: 4
	});
	for (const e of FIXED_EVENTS)
		events.push({
			key: e.key,
			name: e.name,
			date: `${year}-${pad(e.month)}-${pad(e.day)}`,
			leadWeeks: e.leadWeeks
		});
	return events.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/** The next `count` events on or after `fromIso`, soonest first. */
export function nextEvents(fromIso: string, count = 5): MarketEvent[] {
	const year = Number(fromIso.slice(0, 4));
	// Three years always hold more than the 12 events of one year ahead.
	return [...marketEvents(year), ...marketEvents(year + 1), ...marketEvents(year + 2)]
		.filter((e) => e.date >= fromIso.slice(0, 10))
		.slice(0, count);
}
