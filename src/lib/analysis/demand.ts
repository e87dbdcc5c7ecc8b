// Weekly demand from cumulative "terjual" counters. A listing shows only its lifetime total,
// so sales in a week are the difference between two observations. Snapshots are irregular:
// missing weeks are filled by spreading the difference evenly and marked `interpolated`;
// weeks we know nothing about are marked `observed: false`, never given made-up sales.
//
// All date arithmetic is on UTC calendar days ("YYYY-MM-DD"), so results do not depend on the
// browser's or server's time zone.

export interface SoldSnapshot {
	observedAt: string /* YYYY-MM-DD */;
	sold: number;
	lowerBound: boolean;
}

export interface WeekPoint {
	weekStart: string /* Monday, YYYY-MM-DD */;
	units: number;
	/** A bucketed counter ("1 rb+") took part: the true units are at least this many. */
	lowerBound: boolean;
	/** Units are an even share of a difference spread over several weeks without snapshots. */
	interpolated: boolean;
	/**
	 * Units come from a difference of two snapshots that ends in or spans this week.
	 * false: no data covers the week (before the second snapshot or after the last one), and
	 * `units` is 0 only as a placeholder. weeklyDemand and sumWeekly always set it; a missing
	 * value (hand-built series) counts as observed.
	 */
	observed?: boolean;
}

const DAY_MS = 86_400_000;

// A dashboard turns the same few hundred dates into day numbers tens of thousands of times
// (every listing × every week), and Date parsing/formatting dominated its time. Both
// conversions are pure, so they are memoised; the maps are cleared when they grow large.
const MEMO_LIMIT = 50_000;
const daysMemo = new Map<string, number | null>();
const isoMemo = new Map<number, string>();

function toDays(date: string): number | null {
	let days = daysMemo.get(date);
	if (days === undefined) {
		if (daysMemo.size >= MEMO_LIMIT) daysMemo.clear();
		daysMemo.set(date, (days = parseDays(date)));
	}
	return days;
}

function parseDays(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
	if (!m) return null;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const ms = Date.UTC(y, mo - 1, d);
	const check = new Date(ms);
	// Reject "2026-02-30" instead of silently rolling into March.
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
	return ms / DAY_MS;
}

function fromDays(days: number): string {
	let iso = isoMemo.get(days);
	if (iso === undefined) {
		if (isoMemo.size >= MEMO_LIMIT) isoMemo.clear();
		isoMemo.set(days, (iso = new Date(days * DAY_MS).toISOString().slice(0, 10)));
	}
	return iso;
}

function mondayDays(date: string): number {
	const days = toDays(date);
	if (days === null) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
	// 1970-01-01 was a Thursday: day 0 → weekday index 3 with Monday = 0.
	const weekday = (((days + 3) % 7) + 7) % 7;
	return days - weekday;
}

/** Monday of the ISO week holding `date` (YYYY-MM-DD; a time part is ignored). Throws on an invalid date. */
export function weekStart(date: string): string {
	return fromDays(mondayDays(date));
}

/** The Monday `n` weeks after (negative: before) the week holding `weekStart`. */
export function addWeeks(weekStart: string, n: number): string {
	return fromDays(mondayDays(weekStart) + 7 * n);
}

/** Every Monday from the week of `from` to the week of `to`, inclusive; empty when from > to. */
export function weekRange(from: string, to: string): string[] {
	const a = mondayDays(from);
	const b = mondayDays(to);
	const out: string[] = [];
	for (let d = a; d <= b; d += 7) out.push(fromDays(d));
	return out;
}

/**
 * A drop to under half of the previous counter is a reset (listing re-created, counter
 * restarted): the new, lower value becomes the baseline. A smaller drop is bucket or display
 * noise ("1 rb+" then "998"): the higher baseline stays, so the sales are not counted twice.
 */
export const RESET_RATIO = 0.5;

interface WeekObservation {
	week: number;
	sold: number;
	lowerBound: boolean;
}

/**
 * Weekly units sold by ONE listing, for each Monday in `weeks`, from its cumulative counter.
 * - The last snapshot in each week stands for that week.
 * - Units for week W are the counter at W minus the counter at the previous observed week,
 *   never negative (see RESET_RATIO); they belong to the week in which the later snapshot falls.
 * - A gap of g weeks between snapshots spreads the difference over those g weeks in whole units
 *   (remainder to the latest weeks), each marked interpolated.
 * - The week of the first snapshot and every week before it, and every week after the last
 *   snapshot, are `observed: false` with units 0: there is no difference to measure there.
 * - lowerBound when either snapshot of the difference was bucketed ("1 rb+").
 * Snapshots with an invalid date or a negative/non-finite count are ignored.
 */
export function weeklyDemand(snapshots: SoldSnapshot[], weeks: string[]): WeekPoint[] {
	// Hot path (every listing of a category on refresh): no per-snapshot object copies, and no
	// sort when the snapshots already come in date order, as they do from the database.
	const clean: { days: number; sold: number; lowerBound: boolean; observedAt: string }[] = [];
	let sorted = true;
	for (const s of snapshots) {
		const days = toDays(s.observedAt);
		if (days === null || !Number.isFinite(s.sold) || s.sold < 0) continue;
		if (clean.length && days < clean[clean.length - 1].days) sorted = false;
		clean.push({ days, sold: s.sold, lowerBound: s.lowerBound, observedAt: s.observedAt });
	}
	// Array.prototype.sort is stable, so on a tie the later one in input order stays later.
	if (!sorted) clean.sort((a, b) => a.days - b.days);

	// Last snapshot per week (the later one in input order wins on a tie).
	const perWeek = new Map<number, WeekObservation>();
	for (const s of clean) {
		const week = mondayDays(s.observedAt);
		perWeek.set(week, { week, sold: s.sold, lowerBound: s.lowerBound });
	}
	const observations = [...perWeek.values()].sort((a, b) => a.week - b.week);

	const filled = new Map<number, WeekPoint>();
	let baseline = observations[0];
	for (let i = 1; i < observations.length; i++) {
		const next = observations[i];
		const gap = Math.round((next.week - baseline.week) / 7);
		let diff = next.sold - baseline.sold;
		const lowerBound = baseline.lowerBound || next.lowerBound;
		let newBaseline = next;
		if (diff < 0) {
			// Reset: start again from the new counter. Noise: keep the higher one as the baseline.
			if (next.sold >= baseline.sold * RESET_RATIO) newBaseline = { ...baseline, week: next.week };
			diff = 0;
		}
		const base = Math.floor(diff / gap);
		const remainder = diff - base * gap;
		for (let k = 1; k <= gap; k++) {
			const week = baseline.week + 7 * k;
			// The remainder goes to the last weeks of the gap, one unit each, so totals stay exact.
			const extra = k > gap - remainder ? 1 : 0;
			filled.set(week, {
				weekStart: fromDays(week),
				units: base + extra,
				lowerBound,
				interpolated: gap > 1,
				observed: true
			});
		}
		baseline = newBaseline;
	}

	return weeks.map((w) => {
		const week = mondayDays(w);
		return (
			filled.get(week) ?? {
				weekStart: fromDays(week),
				units: 0,
				lowerBound: false,
				interpolated: false,
				observed: false
			}
		);
	});
}

/**
 * Sum per week across listings (each series from weeklyDemand). Weeks are the union of all
 * series, ascending. Flags are OR-ed: a total is a lower bound, interpolated or observed when
 * any listing's point is.
 */
export function sumWeekly(series: WeekPoint[][]): WeekPoint[] {
	const byWeek = new Map<string, WeekPoint>();
	for (const points of series) {
		for (const p of points) {
			const observed = p.observed !== false;
			const current = byWeek.get(p.weekStart);
			if (!current) {
				byWeek.set(p.weekStart, { ...p, observed });
			} else {
				current.units += p.units;
				current.lowerBound ||= p.lowerBound;
				current.interpolated ||= p.interpolated;
				current.observed ||= observed;
			}
		}
	}
	return [...byWeek.values()].sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : 0));
}

export interface Growth {
	recent: number;
	previous: number;
	/** Fraction: 0.18 = +18%. null when previous is 0 or the data does not cover both windows. */
	change: number | null;
}

/**
 * Units of the last `window` weeks against the `window` weeks before.
 * Trailing weeks with `observed: false` (after the last snapshot) are dropped first, so a
 * missing recent snapshot is not read as a collapse in sales. change is null when fewer than
 * 2·window weeks remain, when any of them is unobserved, or when the earlier window sold 0.
 */
export function growth(series: WeekPoint[], window = 4): Growth {
	let end = series.length;
	while (end > 0 && series[end - 1].observed === false) end--;
	const usable = series.slice(0, end);
	const recentWeeks = usable.slice(Math.max(0, end - window));
	const previousWeeks = usable.slice(Math.max(0, end - 2 * window), Math.max(0, end - window));
	const sum = (ps: WeekPoint[]) => ps.reduce((s, p) => s + p.units, 0);
	const recent = sum(recentWeeks);
	const previous = sum(previousWeeks);
	const complete =
		window > 0 &&
		recentWeeks.length === window &&
		previousWeeks.length === window &&
		[...recentWeeks, ...previousWeeks].every((p) => p.observed !== false);
	return { recent, previous, change: complete && previous > 0 ? recent / previous - 1 : null };
}
