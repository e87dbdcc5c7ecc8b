// When a feed is pulled next, when it is late, and how both are said (issue 18). Pure: the
// clock is always passed in, so the scheduler, the CLI, /impor/sumber and /healthz agree, and
// the tests move time by hand.
//
// - After new data came in, the next pull is one period later.
// - After an unchanged pull (304, or the same bytes), the source has not published yet: it is
//   looked at again within a day (sooner for feeds pulled more often), so a weekly export that
//   appears a few hours after our pull is not missed for a whole week.
// - After a failure it is retried sooner, 15 minutes at first and doubling, never later than
//   the feed's own period: a brief outage costs minutes, a long one does not hammer the source.
// - A feed is late ("terlambat") when no new data came in for its period plus a day: the source
//   missed its schedule by more than a day, whatever the reason (failing, unchanged, server off).
import { formatDate, formatNumber } from '$lib/format';

export const MINUTE_S = 60;
export const HOUR_S = 3600;
export const DAY_S = 86_400;
export const WEEK_S = 7 * DAY_S;

/** The shortest period a feed may have: a partner's server is not to be polled every minute. */
export const MIN_EVERY_S = 15 * MINUTE_S;
/** How long past its period a feed may go without new data before it is late. */
export const LATE_GRACE_S = DAY_S;
/** The first retry after a failure; it doubles with each failure in a row. */
export const FIRST_RETRY_S = 15 * MINUTE_S;

const UNITS: Record<string, number> = {
	m: MINUTE_S,
	min: MINUTE_S,
	menit: MINUTE_S,
	h: HOUR_S,
	j: HOUR_S,
	jam: HOUR_S,
	d: DAY_S,
	hari: DAY_S,
	w: WEEK_S,
	mg: WEEK_S,
	minggu: WEEK_S
};

/**
 * A period as written on the command line or the form: "1w", "2w", "1d", "12h", "30m", also
 * "1 minggu", "3 hari", "6 jam". Seconds, or an Indonesian problem.
 */
export function parseEvery(text: string): { seconds: number } | { problem: string } {
	const m = /^\s*(\d{1,4})\s*([a-z_]+)\s*$/i.exec(text);
	const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
	if (!m || !unit) {
		return { problem: `Jadwal "${text}" tidak dikenal. Tulis misalnya 1w (seminggu), 1d (sehari) atau 12h.` };
	}
	const seconds = Number(m[1]) * unit;
	if (seconds < MIN_EVERY_S) return { problem: 'Jadwal terlalu sering. Paling sering setiap 15 menit.' };
	if (seconds > 90 * DAY_S) return { problem: 'Jadwal terlalu jarang. Paling jarang setiap 90 hari.' };
	return { seconds };
}

/** "setiap minggu", "setiap 2 minggu", "setiap hari", "setiap 6 jam", "setiap 30 menit". */
export function sayEvery(seconds: number): string {
	const say = (n: number, unit: string) => (n === 1 ? `setiap ${unit}` : `setiap ${formatNumber(n)} ${unit}`);
	if (seconds % WEEK_S === 0) return say(seconds / WEEK_S, 'minggu');
	if (seconds % DAY_S === 0) return say(seconds / DAY_S, 'hari');
	if (seconds % HOUR_S === 0) return say(seconds / HOUR_S, 'jam');
	return say(Math.round(seconds / MINUTE_S), 'menit');
}

/** The period written back the short way ("1w", "12h"), for the CLI's list. */
export function shortEvery(seconds: number): string {
	if (seconds % WEEK_S === 0) return `${seconds / WEEK_S}w`;
	if (seconds % DAY_S === 0) return `${seconds / DAY_S}d`;
	if (seconds % HOUR_S === 0) return `${seconds / HOUR_S}h`;
	return `${Math.round(seconds / MINUTE_S)}m`;
}

export type PullOutcome = 'imported' | 'unchanged' | 'failed';

const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/**
 * When to pull next after a pull that ended at `now` with this outcome; `failures` counts the
 * failed pulls in a row including this one.
 */
export function nextRunAfter(outcome: PullOutcome, now: Date, everySeconds: number, failures = 0): Date {
	if (outcome === 'imported') return plus(now, everySeconds);
	if (outcome === 'unchanged') return plus(now, Math.min(everySeconds, DAY_S));
	const retry = FIRST_RETRY_S * 2 ** Math.min(Math.max(0, failures - 1), 20);
	return plus(now, Math.min(everySeconds, retry));
}

/** What lateness is judged from: the last new data (or when the feed was added), and its period. */
export interface LateInput {
	createdAt: string;
	everySeconds: number;
	lastImportAt: string | null;
}

/** When new data was due: one period after the last that came in (or after the feed was added). */
export function dueAt(f: LateInput): Date {
	return plus(new Date(f.lastImportAt ?? f.createdAt), f.everySeconds);
}

/** Seconds past due plus the day of grace; 0 when not late. */
export function lateSeconds(f: LateInput, now: Date): number {
	const over = (now.getTime() - plus(dueAt(f), LATE_GRACE_S).getTime()) / 1000;
	return over > 0 ? over : 0;
}

export function isLate(f: LateInput, now: Date): boolean {
	return lateSeconds(f, now) > 0;
}

/** "baru saja", "5 menit lalu", "3 jam lalu", "kemarin", "4 hari lalu", "2 minggu lalu". */
export function sayAgo(iso: string, now: Date): string {
	const s = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
	if (s < 90) return 'baru saja';
	if (s < HOUR_S) return `${formatNumber(Math.round(s / MINUTE_S))} menit lalu`;
	if (s < DAY_S) return `${formatNumber(Math.round(s / HOUR_S))} jam lalu`;
	const days = Math.round(s / DAY_S);
	if (days === 1) return 'kemarin';
	if (days < 14) return `${formatNumber(days)} hari lalu`;
	return `${formatNumber(Math.round(days / 7))} minggu lalu`;
}

/** "sebentar lagi", "dalam 20 menit", "dalam 5 jam", "besok", "dalam 6 hari". */
export function sayIn(iso: string, now: Date): string {
	const s = (Date.parse(iso) - now.getTime()) / 1000;
	if (s < 90) return 'sebentar lagi';
	if (s < HOUR_S) return `dalam ${formatNumber(Math.round(s / MINUTE_S))} menit`;
	// "dalam 24 jam" is "besok": a daily feed's next pull, a few seconds short of a day.
	if (Math.round(s / HOUR_S) < 24) return `dalam ${formatNumber(Math.round(s / HOUR_S))} jam`;
	const days = Math.round(s / DAY_S);
	if (days === 1) return 'besok';
	return `dalam ${formatNumber(days)} hari`;
}

/** "3 jam lalu (12 Maret 2026)": the relative time a person reads, with the day it was. */
export function sayWhen(iso: string, now: Date): string {
	return `${sayAgo(iso, now)} (${formatDate(iso.slice(0, 10))})`;
}

/** "Terlambat 2 hari: data baru seharusnya masuk 10 Maret 2026." (weeks from 14 days on) */
export function sayLate(f: LateInput, now: Date): string | null {
	const over = lateSeconds(f, now);
	if (over <= 0) return null;
	const days = Math.max(1, Math.round((over + LATE_GRACE_S) / DAY_S));
	const span = days < 14 ? `${formatNumber(days)} hari` : `${formatNumber(Math.round(days / 7))} minggu`;
	return `Terlambat ${span}: data baru seharusnya masuk ${formatDate(dueAt(f).toISOString().slice(0, 10))}.`;
}
