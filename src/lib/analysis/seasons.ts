// The selling seasons a co-op plans production for (issue 14): the next Lebaran, Harbolnas 12.12
// and school start, or dates of the co-op's own. A season is the run of weeks in which buyers
// buy for it — the weeks the demand rises before the day, as the forecast model keys its
// events (forecast-model.ts) and the demo market plants them:
//   lebaran    the 6 weeks before the week of Idul Fitri (Ramadan shopping; the Lebaran week
//              itself dips: couriers and sellers are off)
//   harbolnas  the week before 12.12 and the week of it
//   sekolah    the 4 weeks before the first school day (uniforms, bags)
// "The next" season is the first whose selling weeks have not begun, so there is still time
// to make something for it. Pure: dates are 'YYYY-MM-DD' (UTC), weeks are named by their Monday.
import { formatDate, formatDateRange } from '$lib/format';
import { addDays, idulFitri, mondayOf, schoolYearStart } from './calendar';

export const SEASON_KEYS = ['lebaran', 'harbolnas', 'sekolah'] as const;
export type SeasonKey = (typeof SEASON_KEYS)[number];
export type SeasonAsk = SeasonKey | { start: string; end: string };

/** A season of the co-op's own dates covers at most this many weeks. */
export const MAX_CUSTOM_WEEKS = 26;

export interface Season {
	key: SeasonKey | 'custom';
	/** Names one occurrence: 'lebaran-2027', 'custom-2027-02-01-2027-03-14'. */
	id: string;
	/** "Lebaran 2027", "Harbolnas 12.12 2026", "Awal tahun ajaran 2027", "1 Feb–14 Mar 2027". */
	name: string;
	/** The day the season is named for (Idul Fitri, 12 December, the first school day); null for own dates. */
	day: string | null;
	/** Mondays of the selling weeks, oldest first. */
	weeks: string[];
	/** The first selling day (weeks[0]) and the last (the Sunday of the last week). */
	start: string;
	end: string;
}

const weeksFrom = (monday: string, n: number) => Array.from({ length: n }, (_, k) => addDays(monday, 7 * k));

function build(key: Season['key'], id: string, name: string, day: string | null, weeks: string[]): Season {
	return { key, id, name, day, weeks, start: weeks[0], end: addDays(weeks[weeks.length - 1], 6) };
}

/** The occurrence of a season in a Gregorian year. */
export function seasonIn(key: SeasonKey, year: number): Season {
	if (key === 'lebaran') {
		const day = idulFitri(year);
		return build(key, `lebaran-${year}`, `Lebaran ${year}`, day, weeksFrom(addDays(mondayOf(day), -42), 6));
	}
	if (key === 'harbolnas') {
		const day = `${year}-12-12`;
		return build(key, `harbolnas-${year}`, `Harbolnas 12.12 ${year}`, day, weeksFrom(addDays(mondayOf(day), -7), 2));
	}
	const day = schoolYearStart(year);
	return build(key, `sekolah-${year}`, `Awal tahun ajaran ${year}`, day, weeksFrom(addDays(mondayOf(day), -28), 4));
}

/** The next occurrence whose selling weeks have not begun on `today`. */
export function nextSeason(key: SeasonKey, today: string): Season {
	const year = Number(today.slice(0, 4));
	for (let y = year - 1; y <= year + 2; y++) {
		const s = seasonIn(key, y);
		if (s.start > today) return s;
	}
	throw new Error(`no ${key} season after ${today}`);
}

/**
 * The occurrence before `season` (the one a year earlier): where the plan looks when the forecast
 * cannot reach or cannot be trusted. Own dates go back 52 weeks, so the weekdays line up.
 */
export function seasonBefore(season: Season): Season {
	if (season.key === 'custom') {
		const weeks = season.weeks.map((w) => addDays(w, -364));
		return build('custom', `custom-${weeks[0]}-${addDays(weeks[weeks.length - 1], 6)}`, formatDateRange(weeks[0], addDays(weeks[weeks.length - 1], 6)), null, weeks);
	}
	const year = Number(season.id.slice(season.key.length + 1));
	return seasonIn(season.key, year - 1);
}

/** The last occurrence whose selling weeks are all over on `today`. */
export function lastSeason(key: SeasonKey, today: string): Season {
	const year = Number(today.slice(0, 4));
	for (let y = year; y >= year - 3; y--) {
		const s = seasonIn(key, y);
		if (s.end < today) return s;
	}
	throw new Error(`no ${key} season before ${today}`);
}

export type SeasonParse = { ok: true; season: Season } | { ok: false; message: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * The season a co-op asked for: one of the three by name (the next one), or its own dates. Own
 * dates must be real days, in order, start after today and cover at most MAX_CUSTOM_WEEKS weeks;
 * otherwise the first problem in plain Indonesian.
 */
export function resolveSeason(ask: SeasonAsk, today: string): SeasonParse {
	if (typeof ask === 'string') {
		if (!(SEASON_KEYS as readonly string[]).includes(ask)) return { ok: false, message: 'Pilih musim: Lebaran, Harbolnas 12.12 atau awal tahun ajaran.' };
		return { ok: true, season: nextSeason(ask, today) };
	}
	const { start, end } = ask;
	if (!realDay(start) || !realDay(end)) return { ok: false, message: 'Tulis tanggal musim seperti 2027-02-01.' };
	if (end < start) return { ok: false, message: 'Tanggal akhir musim harus sesudah tanggal mulai.' };
	if (start <= today) return { ok: false, message: 'Musim harus mulai sesudah hari ini.' };
	const first = mondayOf(start);
	const last = mondayOf(end);
	const weeks: string[] = [];
	for (let w = first; w <= last; w = addDays(w, 7)) weeks.push(w);
	if (weeks.length > MAX_CUSTOM_WEEKS) return { ok: false, message: `Satu musim paling lama ${MAX_CUSTOM_WEEKS} minggu.` };
	return { ok: true, season: build('custom', `custom-${start}-${end}`, formatDateRange(start, end), null, weeks) };
}

/** "Lebaran 2027 jatuh 9 Maret 2027." / "Harbolnas 12.12 2026 jatuh 12 Desember 2026." */
export function seasonDayLine(s: Season): string | null {
	if (!s.day) return null;
	if (s.key === 'sekolah') return `Sekolah mulai ${formatDate(s.day)}.`;
	return `${s.name.replace(/ \d{4}$/, '')} jatuh ${formatDate(s.day)}.`;
}

/** "Minggu penjualan: 25 Jan–7 Mar 2027 (6 minggu)." */
export function sellingWeeksLine(s: Season): string {
	return `Minggu penjualan: ${formatDateRange(s.start, s.end)} (${s.weeks.length} minggu).`;
}

/**
 * How many weeks before a past season's first selling week its plan is made again, to hold
 * against what was recorded: time to buy, make (a lead time of a few weeks) and some to spare,
 * as a co-op plans today for a Lebaran 8–14 weeks away.
 */
export const REVIEW_WEEKS_BEFORE = 12;

/** The Monday a past season's plan is remade from: REVIEW_WEEKS_BEFORE weeks before it began. */
export function planOrigin(season: Season): string {
	return addDays(season.start, -7 * REVIEW_WEEKS_BEFORE);
}

/** The origin of the last passed occurrence of a season (see planOrigin). */
export function reviewOrigin(key: SeasonKey, today: string): string {
	return planOrigin(lastSeason(key, today));
}
