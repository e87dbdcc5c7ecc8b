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

/** Official Indonesian dates where they differ from Umm al-Qura (checked year by year). */
export const OFFICIAL_DATES: Readonly<
	Record<'ramadanStart' | 'idulFitri' | 'idulAdha', Readonly<Record<number, string>>>
> = {
	// Umm al-Qura starts Ramadan a day earlier than Kemenag's rukyat/isbat in these years.
	ramadanStart: {
		2012: '2012-07-21',
		2013: '2013-07-10',
		2014: '2014-06-29',
		2018: '2018-05-17',
		2022: '2022-04-03',
		2024: '2024-03-12',
		2026: '2026-02-19'
	},
	idulFitri: {
		2019: '2019-06-05',
		2023: '2023-04-22',
		2025: '2025-03-31'
	},
	idulAdha: {
		2014: '2014-10-05',
		2015: '2015-09-24',
		2016: '2016-09-12',
		2018: '2018-08-22',
		2022: '2022-07-10',
		2023: '2023-06-29',
		2024: '2024-06-17'
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
	if (official) dates[0] = official;
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
