// THE demand call: naik, turun or stabil (or null: cannot be judged yet), with the change when it
// means something and the one sentence every surface shows — the dashboard headline, Saran, /tren,
// the agent's list, the explain view, WhatsApp text, print, alerts and tRPC. Nothing else words
// demand on its own; a test compares every surface with this call for every demo product.
//
// The verdict is classifyTrend's (trend.ts): the last 4 weeks against the 4 before, counted only
// when the change beats the series' own week-to-week noise AND the uncertainty of bucketed
// counters (WeekPoint.variance), and agrees with the same weeks a year earlier where those exist.
// "Stabil" never carries a percentage: "naik-turun biasa" says what a +30% inside the noise means.
//
// null means there is nothing honest to say: no weekly history (a listing seen once has a
// sold-so-far, not weekly sales), fewer than 8 weeks, or too few sales to call anything.
import { classifyTrend, type TrendDirection, type TrendOptions } from './trend';

export type DemandDirection = TrendDirection;

/** One week of a demand series, as weeklyDemand / sumWeekly or the stored weekly tables give it. */
export interface DemandWeek {
	weekStart: string;
	units: number;
	/** Uncertainty from bucketed counters (WeekPoint.variance); 0 or absent for exact counters. */
	variance?: number;
	/** false: nothing is known about this week (no bar, not a zero). Absent counts as observed. */
	observed?: boolean;
	/** How many listings were observed in this week, when known. */
	listings?: number;
}

export type DemandCallReason = 'called' | 'no-history' | 'too-short' | 'too-few-sales';

export interface DemandCall {
	direction: DemandDirection | null;
	/** The 4-over-4 change as a fraction (0.18 = +18%), only when the direction is naik or turun. */
	change: number | null;
	/** The one sentence every surface shows ("Naik 18% dalam 4 minggu terakhir."). */
	sentence: string;
	reason: DemandCallReason;
	/** Sum of the last 4 weeks and of the 4 before (0 when not judged). */
	recent: number;
	previous: number;
	/** Usual week-to-week relative noise of the series. */
	noise: number;
	/** Last 4 weeks against the same weeks a year earlier, when the series reaches back that far. */
	yearOverYear: number | null;
	/** A rise or fall beyond the noise that repeats last year's season: called stabil. */
	seasonal: boolean;
	/** Stabil and within 5% of the 4 weeks before ("hampir sama"). */
	steady: boolean;
	/** A bucketed counter took part in the judged weeks. */
	bucketed: boolean;
	/** Observed weeks the call looked at, and the last of them (Monday), or null without history. */
	weeks: number;
	lastWeek: string | null;
}

export const CALL_WINDOW = 4;

/**
 * The weeks a call may look at: the unbroken run of observed weeks at the end of the series,
 * without first or last weeks that fewer than half as many listings cover as their neighbour.
 * Listings read on another weekday cover a week only from their next snapshot on, so the newest
 * week is often covered by a few listings only: that is a late reading, not a fall in sales.
 */
export function judgedWeeks<W extends DemandWeek>(series: W[]): W[] {
	let end = series.length;
	while (end > 0 && series[end - 1].observed === false) end--;
	let start = end;
	while (start > 0 && series[start - 1].observed !== false) start--;
	const thin = (w: W, neighbour: W) => w.listings !== undefined && neighbour.listings !== undefined && w.listings < neighbour.listings / 2;
	while (end - start > 1 && thin(series[start], series[start + 1])) start++;
	while (end - start > 1 && thin(series[end - 1], series[end - 2])) end--;
	return series.slice(start, end);
}

const whole = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Math.round(n));

/** The one sentence; also used for the basis of stored calls. ≤ 15 words, no percentage with "stabil". */
export function demandSentence(call: Pick<DemandCall, 'direction' | 'change' | 'reason' | 'seasonal' | 'steady' | 'weeks'>, window = CALL_WINDOW): string {
	const period = `dalam ${window} minggu terakhir.`;
	if (call.direction === 'naik' || call.direction === 'turun') {
		const word = call.direction === 'naik' ? 'Naik' : 'Turun';
		return call.change === null ? `${word} ${period}` : `${word} ${whole(Math.abs(call.change) * 100)}% ${period}`;
	}
	if (call.direction === 'stabil') {
		if (call.seasonal) return 'Stabil: berubah seperti minggu yang sama tahun lalu.';
		if (call.steady) return `Stabil: hampir sama dengan ${window} minggu sebelumnya.`;
		return `Stabil: masih naik-turun biasa ${period}`;
	}
	if (call.reason === 'no-history') return 'Belum ada riwayat penjualan mingguan.';
	if (call.reason === 'too-short') return `Riwayat penjualan baru ${whole(call.weeks)} minggu, belum bisa dinilai.`;
	return 'Penjualan masih sedikit, belum bisa disebut naik atau turun.';
}

/** Naik / turun / stabil / null for a weekly demand series, with its sentence (see the file comment). */
export function demandCall(series: DemandWeek[], opts: TrendOptions = {}): DemandCall {
	const window = opts.window ?? CALL_WINDOW;
	const weeks = judgedWeeks(series);
	const n = weeks.length;
	const base = {
		change: null,
		recent: 0,
		previous: 0,
		noise: 0,
		yearOverYear: null,
		seasonal: false,
		steady: false,
		bucketed: false,
		weeks: n,
		lastWeek: n ? weeks[n - 1].weekStart : null
	};
	const none = (reason: DemandCallReason): DemandCall => {
		const call = { ...base, direction: null, reason };
		return { ...call, sentence: demandSentence(call, window) };
	};
	if (n === 0) return none('no-history');
	if (n < 2 * window) return none('too-short');
	const t = classifyTrend(
		weeks.map((w) => w.units),
		{ ...opts, window, variance: weeks.map((w) => w.variance ?? 0) }
	);
	const judged = weeks.slice(-Math.min(n, 2 * window));
	const common = {
		...base,
		recent: t.recent,
		previous: t.previous,
		noise: t.noise,
		yearOverYear: t.yearOverYear,
		bucketed: judged.some((w) => (w.variance ?? 0) > 0)
	};
	if (!t.enoughVolume) {
		const call = { ...common, direction: null, reason: 'too-few-sales' as const };
		return { ...call, sentence: demandSentence(call, window) };
	}
	const moved = t.direction !== 'stabil';
	const call = {
		...common,
		direction: t.direction,
		// A stabil call carries no change, so no surface can print "+40%" beside it.
		change: moved ? t.change : null,
		seasonal: t.seasonal,
		steady: !moved && !t.seasonal && t.change !== null && Math.abs(t.change) < 0.05,
		reason: 'called' as const
	};
	return { ...call, sentence: demandSentence(call, window) };
}
