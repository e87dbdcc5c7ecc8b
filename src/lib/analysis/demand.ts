// Weekly demand from cumulative "terjual" counters. A listing shows only its lifetime total, so
// its sales between two snapshots are the difference of the two counters, and a week's sales come
// from the snapshots around it. Time runs in days: a snapshot on day d is the counter at d, so the
// week starting Monday m sold C(m + 7) − C(m), and a week is known only once a snapshot on or
// after its last day exists (no week in the future gets a value).
//
// Bucketed counters ("250+", "1 rb+") are intervals, not numbers (sold.ts soldRange). What they
// tell exactly is when the counter crossed into a new bucket: between the last snapshot showing
// "250+" and the first showing "500+", the true count passed 500. Those crossings and exact
// counters are the knots of the estimate; sales between two knots are spread evenly over the days
// between them (never dumped into the week of the step), and every week carries the fewest and
// most units the counters allow under that spreading (`low`, `high`). Before the first knot and
// after the last one the counter is known only to lie inside its bucket: there the estimate keeps
// the neighbouring rate when the bucket allows it, and the bounds say how little we know.
// A listing seen once, or whose counter never left its bucket, has no measured weekly sales: its
// weeks show 0 with a `high` of what the bucket still allows.
//
// All date arithmetic is on UTC calendar days ("YYYY-MM-DD"), so results do not depend on the
// browser's or server's time zone.
import { soldRange } from './sold';

export interface SoldSnapshot {
	observedAt: string /* YYYY-MM-DD */;
	sold: number;
	/** The display was bucketed ("1 rb+"): `sold` is the bucket's lower end. */
	lowerBound: boolean;
	/** Largest true count the display allows; default soldRange(sold, lowerBound, marketplaceId).high. */
	high?: number;
}

export interface WeekPoint {
	weekStart: string /* Monday, YYYY-MM-DD */;
	/** The estimate a chart draws: sales spread evenly between the moments the counter is known. */
	units: number;
	/** Fewest and most units the counters allow for this week under that spreading. */
	low: number;
	high: number;
	/**
	 * How far the estimate may move if each listing kept selling at one pace, as a variance: a
	 * bucket step is known only to a snapshot gap, so the rate between two steps is uncertain by
	 * that much (uniform timing, delta method). Summed over listings, whose errors are
	 * independent; 0 for exact counters. Edges copy a neighbour's rate, so they add no change of
	 * their own. The trend call (trend.ts) needs a change to beat this as well as the noise.
	 */
	variance: number;
	/** A bucketed counter ("1 rb+") shaped this week's estimate. */
	bucketed: boolean;
	/** Units are a share of a difference spread over a gap of more than a week without snapshots. */
	interpolated: boolean;
	/**
	 * Whether snapshots cover the whole week (one on or before Monday, one on or after the next
	 * Monday). false: nothing is known and `units` is 0 only as a placeholder — no bar. weeklyDemand
	 * and sumWeekly always set it; a missing value (hand-built series) counts as observed.
	 */
	observed?: boolean;
	/** Listings observed in this week: 1 or 0 for one listing, their count in a sum. */
	listings?: number;
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
 * A drop to under half of the counter's lower end so far is a reset (listing re-created, counter
 * restarted): the counter is followed again from the new value, and the weeks in between are not
 * known. A smaller drop below what was already shown ("1 rb+" then "998") is display noise: that
 * snapshot is ignored, so no sales are counted twice.
 */
export const RESET_RATIO = 0.5;

/** Durations below a day are not resolvable from daily dates; bounds use at least this. */
const MIN_DAYS = 1;
/** A gap between snapshots longer than this (days) makes the weeks in it estimates. */
const GAP_DAYS = 8;

interface Obs {
	day: number;
	lo: number;
	hi: number;
}

/** A moment the counter is known: an exact snapshot, or a bucket crossing somewhere in [tMin, tMax]. */
interface Knot {
	t: number;
	v: number;
	tMin: number;
	tMax: number;
	crossing: boolean;
}

/**
 * The estimate on [t0, t1]: counter v0 at t0 growing at `rate` units a day, within [rateLo,
 * rateHi] as far as the counters tell, and uncertain by `rateSd` from when the steps happened.
 */
interface Segment {
	t0: number;
	t1: number;
	v0: number;
	rate: number;
	rateLo: number;
	rateHi: number;
	rateSd: number;
	bucketed: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Splits at counter resets and drops snapshots that contradict what the counter already showed. */
function runsOf(obs: Obs[]): Obs[][] {
	const runs: Obs[][] = [];
	let current: Obs[] = [];
	let maxLo = -Infinity;
	for (const o of obs) {
		if (current.length && o.hi < maxLo) {
			if (o.lo >= maxLo * RESET_RATIO) continue;
			runs.push(current);
			current = [];
			maxLo = -Infinity;
		}
		current.push(o);
		maxLo = Math.max(maxLo, o.lo);
	}
	if (current.length) runs.push(current);
	return runs;
}

/** The estimate's pieces for one run of snapshots (ascending days, at least two). */
function segmentsOf(run: Obs[]): Segment[] {
	const n = run.length;
	// A counter never falls: a later snapshot's low and an earlier one's high bound the others.
	const lo = run.map((o) => o.lo);
	const hi = run.map((o) => o.hi);
	for (let i = 1; i < n; i++) lo[i] = Math.max(lo[i], lo[i - 1]);
	for (let i = n - 2; i >= 0; i--) hi[i] = Math.max(lo[i], Math.min(hi[i], hi[i + 1]));
	const exact = (i: number) => lo[i] === hi[i];

	const knots: Knot[] = [];
	for (let i = 0; i < n; i++) {
		const t = run[i].day;
		if (exact(i)) knots.push({ t, v: lo[i], tMin: t, tMax: t, crossing: false });
		// Into a new bucket from a bucketed snapshot: the count passed lo[i] between the two days.
		// After an exact snapshot the step says less than that snapshot did, so it adds no knot.
		else if (i > 0 && lo[i] > lo[i - 1] && !exact(i - 1)) {
			const before = run[i - 1].day;
			knots.push({ t: (before + t) / 2, v: lo[i], tMin: before, tMax: t, crossing: true });
		}
	}

	const first = run[0].day;
	const last = run[n - 1].day;
	if (knots.length === 0) {
		// The counter never left its bucket: sales unseen, at most what the bucket leaves room for.
		return [
			{ t0: first, t1: last, v0: lo[0], rate: 0, rateLo: 0, rateHi: (hi[n - 1] - lo[0]) / Math.max(MIN_DAYS, last - first), rateSd: 0, bucketed: true }
		];
	}

	const middle: Segment[] = [];
	for (let j = 0; j + 1 < knots.length; j++) {
		const a = knots[j];
		const b = knots[j + 1];
		const delta = b.v - a.v;
		const span = b.t - a.t;
		const rate = delta / span;
		// Each step lies anywhere in its gap (variance gap²/12); the span's error moves the rate.
		const spanSd = Math.sqrt(((a.tMax - a.tMin) ** 2 + (b.tMax - b.tMin) ** 2) / 12);
		middle.push({
			t0: a.t,
			t1: b.t,
			v0: a.v,
			rate,
			rateLo: delta / (b.tMax - a.tMin),
			rateHi: delta / Math.max(MIN_DAYS, b.tMin - a.tMax),
			rateSd: Math.min(rate, (rate * spanSd) / span),
			bucketed: a.crossing || b.crossing
		});
	}

	const out: Segment[] = [];
	const k0 = knots[0];
	let headRate: number | null = null;
	if (first < k0.t) {
		// Before the first knot the count sat somewhere in the first snapshot's bucket.
		const dMin = Math.max(0, k0.v - hi[0]);
		const dMax = k0.v - lo[0];
		const span = k0.t - first;
		const preferred = middle.length ? middle[0].rate : (dMin + dMax) / 2 / span;
		headRate = clamp(preferred, dMin / span, dMax / span);
		out.push({
			t0: first,
			t1: k0.t,
			v0: k0.v - headRate * span,
			rate: headRate,
			rateLo: dMin / Math.max(MIN_DAYS, k0.tMax - first),
			rateHi: dMax / Math.max(MIN_DAYS, k0.tMin - first),
			rateSd: 0,
			bucketed: true
		});
	}
	out.push(...middle);
	const kn = knots[knots.length - 1];
	if (last > kn.t) {
		// After the last knot the count is only known to stay inside the last snapshot's bucket.
		const dMin = Math.max(0, lo[n - 1] - kn.v);
		const dMax = Math.max(dMin, hi[n - 1] - kn.v);
		const span = last - kn.t;
		const previous = middle.length ? middle[middle.length - 1].rate : headRate;
		const rate = clamp(previous ?? (dMin + dMax) / 2 / span, dMin / span, dMax / span);
		out.push({
			t0: kn.t,
			t1: last,
			v0: kn.v,
			rate,
			rateLo: dMin / Math.max(MIN_DAYS, last - kn.tMin),
			rateHi: dMax / Math.max(MIN_DAYS, last - kn.tMax),
			rateSd: 0,
			bucketed: true
		});
	}
	return out;
}

const UNOBSERVED = (weekStart: string): WeekPoint => ({ weekStart, units: 0, low: 0, high: 0, variance: 0, bucketed: false, interpolated: false, observed: false, listings: 0 });

/**
 * Weekly units sold by ONE listing, for each Monday in `weeks`, from its cumulative counter:
 * - a week is observed when snapshots of one counter run cover it entirely (one on or before
 *   its Monday, one on or after the next Monday); other weeks are `observed: false` with 0;
 * - units follow the knot estimate described at the top of this file; low/high bound them;
 * - interpolated when a gap of more than a week between snapshots falls in the week;
 * - `marketplaceId` picks the bucket ladder for bucketed counters (sold.ts soldRange).
 * Snapshots with an invalid date or a negative/non-finite count are ignored; on one day the later
 * one in input order counts.
 */
export function weeklyDemand(snapshots: SoldSnapshot[], weeks: string[], opts: { marketplaceId?: string | null } = {}): WeekPoint[] {
	// Hot path (every listing of a category on refresh): no sort when the snapshots already come
	// in date order, as they do from the database.
	const clean: Obs[] = [];
	let sorted = true;
	for (const s of snapshots) {
		const day = toDays(s.observedAt);
		if (day === null || !Number.isFinite(s.sold) || s.sold < 0) continue;
		const range = soldRange(s.sold, s.lowerBound, opts.marketplaceId);
		const hi = s.high !== undefined && s.lowerBound ? Math.max(range.low, s.high) : range.high;
		if (clean.length && day < clean[clean.length - 1].day) sorted = false;
		clean.push({ day, lo: range.low, hi });
	}
	// Array.prototype.sort is stable, so on a tie the later one in input order stays later.
	if (!sorted) clean.sort((a, b) => a.day - b.day);
	const obs: Obs[] = [];
	for (const o of clean) {
		if (obs.length && obs[obs.length - 1].day === o.day) obs[obs.length - 1] = o;
		else obs.push(o);
	}

	const runs = runsOf(obs).filter((r) => r.length > 1);
	if (runs.length === 0) return weeks.map((w) => UNOBSERVED(fromDays(mondayDays(w))));
	// Each piece keeps a cursor into its segments and snapshots: weeks usually come in order, so
	// a listing costs O(snapshots + weeks), not their product (this runs for every listing).
	const pieces = runs.map((run) => ({ run, segments: segmentsOf(run), seg: 0, gap: 1 }));

	return weeks.map((w) => {
		const m = mondayDays(w);
		const e = m + 7;
		const piece = pieces.find((p) => p.run[0].day <= m && e <= p.run[p.run.length - 1].day);
		if (!piece) return UNOBSERVED(fromDays(m));
		const { segments, run } = piece;
		if (piece.seg >= segments.length || segments[piece.seg].t0 > m) piece.seg = 0;
		while (piece.seg + 1 < segments.length && segments[piece.seg].t1 <= m) piece.seg++;
		let units = 0;
		let low = 0;
		let high = 0;
		let sd = 0;
		let bucketed = false;
		for (let i = piece.seg; i < segments.length && segments[i].t0 < e; i++) {
			const s = segments[i];
			const days = Math.min(e, s.t1) - Math.max(m, s.t0);
			if (days <= 0) continue;
			units += s.rate * days;
			low += s.rateLo * days;
			high += s.rateHi * days;
			sd += s.rateSd * days;
			bucketed ||= s.bucketed;
		}
		// A snapshot gap of more than a week that overlaps this week makes it an estimate.
		if (run[piece.gap - 1].day > m) piece.gap = 1;
		while (piece.gap + 1 < run.length && run[piece.gap].day <= m) piece.gap++;
		let interpolated = false;
		for (let i = piece.gap; i < run.length && run[i - 1].day < e; i++) {
			if (run[i].day > m && run[i].day - run[i - 1].day > GAP_DAYS) {
				interpolated = true;
				break;
			}
		}
		low = Math.min(low, units);
		high = Math.max(high, units);
		return { weekStart: fromDays(m), units, low, high, variance: sd * sd, bucketed, interpolated, observed: true, listings: 1 };
	});
}

/** A total counts as filled in when over this share of its units was spread over a snapshot gap. */
export const INTERPOLATED_SHARE = 0.25;

/**
 * Sum per week across listings (each series from weeklyDemand). Weeks are the union of all
 * series, ascending. Units, bounds, variance and listings add up; a total is bucketed or observed
 * when any listing's point is, and interpolated when over a quarter of its units were spread over
 * a gap (a few listings missing one snapshot do not make a whole market's week an estimate).
 * Unobserved points add nothing.
 */
export function sumWeekly(series: WeekPoint[][]): WeekPoint[] {
	const byWeek = new Map<string, WeekPoint & { spread: number }>();
	for (const points of series) {
		for (const p of points) {
			const observed = p.observed !== false;
			let current = byWeek.get(p.weekStart);
			if (!current)
				byWeek.set(
					p.weekStart,
					(current = { weekStart: p.weekStart, units: 0, low: 0, high: 0, variance: 0, bucketed: false, interpolated: false, observed: false, listings: 0, spread: 0 })
				);
			if (!observed) continue;
			current.units += p.units;
			current.low += p.low ?? p.units;
			current.high += p.high ?? p.units;
			current.variance += p.variance ?? 0;
			current.bucketed ||= p.bucketed;
			if (p.interpolated) current.spread += p.units;
			current.observed = true;
			current.listings = (current.listings ?? 0) + (p.listings ?? 1);
		}
	}
	return [...byWeek.values()]
		.sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : 0))
		.map(({ spread, ...w }) => ({ ...w, interpolated: spread > INTERPOLATED_SHARE * w.units }));
}
