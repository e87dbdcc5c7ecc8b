// The forecasting model shared by the weekly product/category forecast and the evaluation
// command (daily, weekly or monthly series).
//
// Model, in log space y = ln(x + 1):
//   y_t = intercept + trend·t + seasonal(t) + events(t) + level_t + noise
// - seasonal/event features follow the *moving* Lebaran date (weeks relative to Idul Fitri of
//   the nearest year, from calendar.ts) and the fixed-date events (Harbolnas 12.12, the other
//   double dates, school start, Natal, Tahun Baru, 17 Agustus, Idul Adha), plus day-of-week
//   (daily), month-of-year and a Lebaran-month share (monthly), and a smooth annual Fourier
//   cycle where there are two years to learn it from;
// - coefficients by ridge least squares: the event dummies have only a few occurrences each
//   (one per year), so a small penalty keeps a single noisy week from becoming a "pattern",
//   and dummies for events never seen in training shrink to exactly zero;
// - level_t is an exponentially smoothed regression residual: real series drift (prices are
//   close to a random walk, sales move with a shop's fortunes), so the forecast restarts from
//   where the series is now rather than from the fitted average. The smoothing weight is chosen
//   on in-sample multi-step errors, so a random-walk series gets α≈1 and a stable one α≈0.

import { addDays, daysBetween, idulAdha, idulFitriAll, isoToMs, mondayOf, msToIso, schoolYearStart } from './calendar';

export type Freq = 'day' | 'week' | 'month';

/** A regular grid: one date per step, null where the value is missing. */
export interface GridSeries {
	dates: string[];
	values: (number | null)[];
}

export function seasonLength(freq: Freq): number {
	return freq === 'day' ? 7 : freq === 'week' ? 52 : 12;
}

/** The date `steps` grid steps after `iso` (days, Mondays, or first-of-month). */
export function stepDate(iso: string, freq: Freq, steps: number): string {
	if (freq === 'day') return addDays(iso, steps);
	if (freq === 'week') return addDays(iso, 7 * steps);
	const d = new Date(isoToMs(iso));
	return msToIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + steps, 1));
}

/** Snaps a date to its grid point: itself, its Monday, or the first of its month. */
export function gridDate(iso: string, freq: Freq): string {
	if (freq === 'day') return iso.slice(0, 10);
	if (freq === 'week') return mondayOf(iso);
	return `${iso.slice(0, 7)}-01`;
}

/**
 * Puts observations on a complete grid from the first to the last date. Several observations
 * on one grid point are summed (units) or averaged (`mean`, for prices and indices); gaps and
 * non-positive or non-finite values become null (missing, not zero: "0 = no data" in Bapanas).
 */
export function toGrid(
	points: { date: string; value: number }[],
	freq: Freq,
	combine: 'sum' | 'mean' = 'sum',
	keepZero = false
): GridSeries {
	const acc = new Map<string, { s: number; c: number }>();
	for (const p of points) {
		if (!Number.isFinite(p.value) || p.value < 0 || (!keepZero && p.value === 0)) continue;
		const key = gridDate(p.date, freq);
		const a = acc.get(key) ?? { s: 0, c: 0 };
		a.s += p.value;
		a.c += 1;
		acc.set(key, a);
	}
	const keys = [...acc.keys()].sort();
	if (keys.length === 0) return { dates: [], values: [] };
	const dates: string[] = [];
	const values: (number | null)[] = [];
	for (let d = keys[0]; d <= keys[keys.length - 1]; d = stepDate(d, freq, 1)) {
		const a = acc.get(d);
		dates.push(d);
		values.push(a ? (combine === 'sum' ? a.s : a.s / a.c) : null);
	}
	return { dates, values };
}

// ---------------------------------------------------------------------------------------
// Features

interface FeatureSpec {
	names: string[];
	row(date: string, t: number): number[];
	/** Ridge penalty per column (intercept excluded, it is added separately). */
	penalty: number[];
}

const LEBARAN_WEEKS = [-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2];

/** Idul Fitri dates around a date (previous, same and next Gregorian year, all occurrences). */
const fitriCache = new Map<number, string[]>();
function fitriAround(iso: string): string[] {
	const y = Number(iso.slice(0, 4));
	let dates = fitriCache.get(y);
	if (!dates) {
		dates = [...idulFitriAll(y - 1), ...idulFitriAll(y), ...idulFitriAll(y + 1)];
		fitriCache.set(y, dates);
	}
	return dates;
}

/** Weeks from the Monday of the nearest Idul Fitri to `monday` (negative = before). */
function weeksToLebaran(monday: string): number {
	let best = Infinity;
	for (const f of fitriAround(monday)) {
		const k = daysBetween(mondayOf(f), monday) / 7;
		if (Math.abs(k) < Math.abs(best)) best = k;
	}
	return best;
}

// Rows depend on the date only and every backtest fold rebuilds them: compute each once.
const weekRowCache = new Map<string, number[]>();

/** The Monday-week features every frequency below a month shares. */
function weekEventRow(monday: string): number[] {
	let row = weekRowCache.get(monday);
	if (!row) {
		row = computeWeekEventRow(monday);
		weekRowCache.set(monday, row);
	}
	return row;
}

function computeWeekEventRow(monday: string): number[] {
	const y = Number(monday.slice(0, 4));
	const k = weeksToLebaran(monday);
	const row = LEBARAN_WEEKS.map((w) => (k === w ? 1 : 0));
	const weekOf = (iso: string) => daysBetween(mondayOf(iso), monday) / 7;
	const near = (dates: string[], from: number, to: number) =>
		dates.some((d) => {
			const w = weekOf(d);
			return w >= from && w <= to;
		})
			? 1
			: 0;
	const ys = [y - 1, y, y + 1];
	const md = (m: string) => ys.map((yy) => `${yy}-${m}`);
	row.push(
		near(ys.map(idulAdha), -1, 0), // Idul Adha: livestock, clothes
		near(md('12-12'), -1, 0), // Harbolnas 12.12: orders in the sale week and the one before
		near([...md('09-09'), ...md('10-10'), ...md('11-11')], 0, 0), // the other double dates
		near(ys.map(schoolYearStart), -4, -1), // uniforms and bags in the 4 weeks before school
		near(md('12-25'), -2, 0), // Natal
		near(md('01-01'), -1, 0), // Tahun Baru
		near(md('08-17'), -2, 0) // 17 Agustus: flags, decorations
	);
	return row;
}

const WEEK_EVENT_NAMES = [
	...LEBARAN_WEEKS.map((w) => `lebaran${w >= 0 ? '+' : ''}${w}`),
	'idulAdha',
	'harbolnas1212',
	'doubleDate',
	'preSchool',
	'natal',
	'tahunBaru',
	'kemerdekaan'
];

/** Share of the days [from, to) that fall in the month starting `monthStart`. */
function shareInMonth(monthStart: string, from: string, days: number): number {
	const next = stepDate(monthStart, 'month', 1);
	let inside = 0;
	for (let i = 0; i < days; i++) {
		const d = addDays(from, i);
		if (d >= monthStart && d < next) inside++;
	}
	return inside / days;
}

function fourier(date: string, k: number): number[] {
	const y = Number(date.slice(0, 4));
	const phase = (2 * Math.PI * daysBetween(`${y}-01-01`, date)) / 365.25;
	const out: number[] = [];
	for (let i = 1; i <= k; i++) out.push(Math.sin(i * phase), Math.cos(i * phase));
	return out;
}

/**
 * Builds the feature set for a frequency. `spanYears` (of the training data) decides what can
 * be learned: an annual cycle or month-of-year effects need two years of data, otherwise they
 * would just memorise one year's noise.
 */
function featureSpec(freq: Freq, spanYears: number): FeatureSpec {
	const annual = spanYears >= 2;
	const K = annual ? (freq === 'month' ? 0 : 2) : 0;
	const fourierNames = Array.from({ length: 2 * K }, (_, i) => `fourier${i}`);
	const small = 0.3;
	if (freq === 'month') {
		const monthNames = annual ? Array.from({ length: 11 }, (_, i) => `month${i + 2}`) : [];
		const names = ['trend', ...monthNames, 'preLebaran', 'lebaranWeek'];
		return {
			names,
			penalty: [0.1, ...monthNames.map(() => small), small, small],
			row(date, t) {
				// Lebaran buying falls in the 30 days before Idul Fitri; the holiday week itself
				// (mudik, shops closed) often differs again. Shares, because Lebaran straddles
				// month ends and moves ~11 days a year.
				let pre = 0;
				let week = 0;
				for (const f of fitriAround(date)) {
					pre += shareInMonth(date, addDays(f, -30), 30);
					week += shareInMonth(date, f, 7);
				}
				const m = Number(date.slice(5, 7));
				const months = annual ? Array.from({ length: 11 }, (_, i) => (m === i + 2 ? 1 : 0)) : [];
				return [t, ...months, pre, week];
			}
		};
	}
	if (freq === 'week') {
		const names = ['trend', ...WEEK_EVENT_NAMES, ...fourierNames];
		return {
			names,
			penalty: [0.1, ...WEEK_EVENT_NAMES.map(() => small), ...fourierNames.map(() => 1)],
			row: (date, t) => [t, ...weekEventRow(date), ...fourier(date, K)]
		};
	}
	// Day-of-week effects need about 8 repetitions of each weekday before a weekday mean is
	// more signal than noise; on shorter series (the Bandung prices: 5 weeks of training) the
	// dummies only memorise noise and lost to the baseline.
	const dow = spanYears * 365.25 >= 56 ? ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'] : [];
	const names = ['trend', ...dow, ...WEEK_EVENT_NAMES, 'lebaranDays', ...fourierNames];
	return {
		names,
		penalty: [0.1, ...dow.map(() => small), ...WEEK_EVENT_NAMES.map(() => small), small, ...fourierNames.map(() => 1)],
		row(date, t) {
			const d = (new Date(isoToMs(date)).getUTCDay() + 6) % 7; // 0 = Monday
			const days = fitriAround(date).map((f) => daysBetween(f, date));
			const holiday = days.some((x) => x >= -1 && x <= 2) ? 1 : 0; // markets close
			return [
				t,
				...dow.map((_, i) => (d === i + 1 ? 1 : 0)), ...weekEventRow(mondayOf(date)), holiday, ...fourier(date, K)];
		}
	};
}

// ---------------------------------------------------------------------------------------
// Ridge least squares

/** Solves A x = b for symmetric positive definite A (Cholesky). */
function solveSpd(a: number[][], b: number[]): number[] {
	const n = b.length;
	const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let s = a[i][j];
			for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
			if (i === j) l[i][i] = Math.sqrt(Math.max(s, 1e-12));
			else l[i][j] = s / l[j][j];
		}
	}
	const z = new Array<number>(n).fill(0);
	for (let i = 0; i < n; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= l[i][k] * z[k];
		z[i] = s / l[i][i];
	}
	const x = new Array<number>(n).fill(0);
	for (let i = n - 1; i >= 0; i--) {
		let s = z[i];
		for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
		x[i] = s / l[i][i];
	}
	return x;
}

function ridge(rows: number[][], y: number[], penalty: number[]): number[] {
	const p = rows[0].length;
	const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
	const b = new Array<number>(p).fill(0);
	rows.forEach((r, n) => {
		for (let i = 0; i < p; i++) {
			b[i] += r[i] * y[n];
			for (let j = 0; j <= i; j++) a[i][j] += r[i] * r[j];
		}
	});
	for (let i = 0; i < p; i++) {
		for (let j = 0; j < i; j++) a[j][i] = a[i][j];
		a[i][i] += penalty[i] + 1e-9;
	}
	return solveSpd(a, b);
}

// ---------------------------------------------------------------------------------------
// Fit and forecast

export interface FittedModel {
	/** Log-space forecasts for the `horizon` grid steps after the training data. */
	forecastLog(horizon: number): number[];
	/** Value-space forecasts (median: exp of the log forecast, minus the +1). */
	forecast(horizon: number): number[];
	/** Dates of those steps. */
	futureDates(horizon: number): string[];
	/** Chosen smoothing: level weight, trend weight, trend damping. */
	smoothing: { alpha: number; beta: number; phi: number };
	/** S.d. of the in-sample one-step log errors. */
	residualSd: number;
	coefficients: Record<string, number>;
}

// Grid for the damped-trend smoothing. beta = 0 is "level only"; phi < 1 flattens the trend
// over the horizon, because straight-line extrapolation of a few months' slope is what most
// often ruins a 3–12 step forecast (measured on the BI retail series).
const calendarCache = new Map<string, number[]>();

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 1];
const BETAS = [0, 0.05, 0.15];
const PHIS = [0.8, 0.9, 0.98];

/**
 * Damped-trend exponential smoothing over a grid with gaps: a missing step only advances the
 * state. Returns the state after each step so multi-step errors can be scored from any origin.
 */
function holtStates(d: (number | null)[], alpha: number, beta: number, phi: number): { level: number; slope: number }[] {
	const states: { level: number; slope: number }[] = [];
	let level = NaN;
	let slope = 0;
	for (const x of d) {
		if (Number.isNaN(level)) {
			if (x !== null) level = x;
			states.push({ level, slope });
			continue;
		}
		const predicted = level + phi * slope;
		if (x === null) {
			level = predicted;
			slope *= phi;
		} else {
			const newLevel = predicted + alpha * (x - predicted);
			slope = phi * slope + beta * (newLevel - level - phi * slope);
			level = newLevel;
		}
		states.push({ level, slope });
	}
	return states;
}

/** Sum of phi^1..phi^h: how far a damped slope carries in h steps. */
function dampedSteps(phi: number, h: number): number {
	let s = 0;
	let p = 1;
	for (let i = 0; i < h; i++) {
		p *= phi;
		s += p;
	}
	return s;
}

/**
 * Fits the model on a grid series; missing values are skipped, never imputed.
 *
 * Two stages. (1) Ridge regression of ln(x+1) on the calendar features plus a flexible trend
 * (a line and yearly hinges) — the trend is there only so it does not leak into the event
 * coefficients. (2) The series minus the fitted calendar effects is smoothed with a damped
 * trend (level α, slope β, damping φ chosen on in-sample errors over 1..horizon steps), and
 * the forecast is that smoothed level carried forward plus the calendar effects of the
 * future dates. The regression's own trend is never extrapolated.
 */
export function fitModel(series: GridSeries, freq: Freq, opts: { horizon?: number } = {}): FittedModel {
	const { dates, values } = series;
	const start = dates[0];
	const last = dates[dates.length - 1];
	const years = (d: string) => daysBetween(start, d) / 365.25;
	const span = years(last);
	const spec = featureSpec(freq, span);
	// Hinges every year let the in-sample trend bend (a category that grew then shrank).
	const knots = Array.from({ length: Math.max(0, Math.floor(span)) }, (_, k) => k + 1).filter((k) => k < span);
	const trendRow = (t: number) => knots.map((k) => Math.max(0, t - k));
	// The calendar part of a row depends only on the date and the feature set, and every
	// backtest fold rebuilds the same rows: memoise it (the spec's own trend column dropped).
	const specKey = `${freq}:${spec.names.length}:`;
	const calendar = (d: string) => {
		const key = specKey + d;
		let row = calendarCache.get(key);
		if (!row) {
			if (calendarCache.size > 100_000) calendarCache.clear();
			row = spec.row(d, 0).slice(1);
			calendarCache.set(key, row);
		}
		return row;
	};
	const obs: { i: number; y: number; row: number[] }[] = [];
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) return;
		const t = years(dates[i]);
		obs.push({ i, y: Math.log(v + 1), row: [1, t, ...trendRow(t), ...calendar(dates[i])] });
	});
	if (obs.length === 0) throw new Error('No observations to fit');
	const nTrend = 2 + knots.length;
	const beta = ridge(
		obs.map((o) => o.row),
		obs.map((o) => o.y),
		[0, spec.penalty[0], ...knots.map(() => 1), ...spec.penalty.slice(1)]
	);
	const seasonal = (d: string) => calendar(d).reduce((s, x, j) => s + x * beta[nTrend + j], 0);

	// Deseasonalised log series on the full grid (null where missing).
	const deseason: (number | null)[] = values.map(() => null);
	for (const o of obs) deseason[o.i] = o.y - seasonal(dates[o.i]);

	const horizon = Math.max(1, opts.horizon ?? seasonLength(freq));
	const warmup = Math.min(8, Math.floor(values.length / 4));
	// Level-only and damped-trend candidates compete on multi-step errors; the smoothing state
	// at t uses data up to t only, so these are genuine out-of-sample errors for the smoothing.
	// A trend must beat the best level-only fit by 5 % to be used: a slope is the most fragile
	// part of a forecast, and on short or flat series (Bandung prices) a slope picked on a
	// small in-sample edge cost more out of sample than it gained.
	let bestLevel = { alpha: 1, beta: 0, phi: 1, err: Infinity };
	let bestTrend = { alpha: 1, beta: 0, phi: 1, err: Infinity };
	for (const alpha of ALPHAS)
		for (const b of BETAS)
			for (const phi of b === 0 ? [1] : PHIS) {
				const states = holtStates(deseason, alpha, b, phi);
				let err = 0;
				let count = 0;
				for (let t = warmup; t < states.length - 1; t++) {
					const st = states[t];
					if (Number.isNaN(st.level)) continue;
					for (let h = 1; h <= horizon && t + h < states.length; h++) {
						const x = deseason[t + h];
						if (x === null) continue;
						err += Math.abs(x - (st.level + dampedSteps(phi, h) * st.slope));
						count++;
					}
				}
				const mean = count ? err / count : Infinity;
				const slot = b === 0 ? bestLevel : bestTrend;
				if (mean < slot.err - 1e-12) Object.assign(slot, { alpha, beta: b, phi, err: mean });
			}
	const best = bestTrend.err < 0.95 * bestLevel.err ? bestTrend : bestLevel;
	const states = holtStates(deseason, best.alpha, best.beta, best.phi);
	const final = states[states.length - 1];
	const oneStep: number[] = [];
	for (let t = warmup; t < states.length - 1; t++) {
		const x = deseason[t + 1];
		if (x !== null && !Number.isNaN(states[t].level)) oneStep.push(x - (states[t].level + best.phi * states[t].slope));
	}
	const meanE = oneStep.reduce((s, r) => s + r, 0) / Math.max(1, oneStep.length);
	const residualSd = Math.sqrt(oneStep.reduce((s, r) => s + (r - meanE) ** 2, 0) / Math.max(1, oneStep.length - 1));

	const futureDates = (h: number) => Array.from({ length: h }, (_, k) => stepDate(last, freq, k + 1));
	const forecastLog = (h: number) =>
		futureDates(h).map((d, k) => final.level + dampedSteps(best.phi, k + 1) * final.slope + seasonal(d));
	const names = ['intercept', 'trend', ...knots.map((k) => `hinge${k}`), ...spec.names.slice(1)];
	return {
		forecastLog,
		forecast: (h) => forecastLog(h).map((y) => Math.max(0, Math.exp(y) - 1)),
		futureDates,
		smoothing: { alpha: best.alpha, beta: best.beta, phi: best.phi },
		residualSd,
		coefficients: Object.fromEntries(names.map((n, j) => [n, beta[j]]))
	};
}

// ---------------------------------------------------------------------------------------
// Baselines and scores

/** The last non-missing value at or before index i (null if none). */
function lastKnown(values: (number | null)[], i: number): number | null {
	for (let j = Math.min(i, values.length - 1); j >= 0; j--) if (values[j] !== null) return values[j];
	return null;
}

/**
 * Seasonal naive: each future step repeats the value one season earlier (missing → the latest
 * known value before it). With less than one season of history it is the naive last value.
 */
export function seasonalNaiveGrid(values: (number | null)[], m: number, horizon: number): number[] {
	const n = values.length;
	return Array.from({ length: horizon }, (_, k) => {
		const idx = n < m ? n - 1 : n - m + (k % m);
		return lastKnown(values, idx) ?? 0;
	});
}

/** Mean absolute seasonal difference of the training data (MASE scale); lag 1 if too short. */
export function maseScale(insample: (number | null)[], m: number): number {
	const lag = insample.length > m ? m : 1;
	let s = 0;
	let c = 0;
	for (let t = lag; t < insample.length; t++) {
		const a = insample[t];
		const b = insample[t - lag];
		if (a === null || b === null) continue;
		s += Math.abs(a - b);
		c++;
	}
	return c ? s / c : NaN;
}

/** Mean absolute error over the non-missing actuals. */
export function meanAbsError(actual: (number | null)[], predicted: number[]): number {
	let s = 0;
	let c = 0;
	actual.forEach((a, i) => {
		if (a === null) return;
		s += Math.abs(a - predicted[i]);
		c++;
	});
	return c ? s / c : NaN;
}

// ---------------------------------------------------------------------------------------
// Rolling-origin backtest

export interface Fold {
	origin: number;
	actual: (number | null)[];
	model: number[];
	baseline: number[];
	/** Log-space errors ln(actual+1) − forecast, per step (null where actual is missing). */
	logErrors: (number | null)[];
	scale: number;
}

/**
 * Refits at each origin on the data before it and forecasts `horizon` steps. Origins step back
 * from the end by `step`, at most `maxFolds`, never leaving less than `minTrain` to learn from.
 */
export function rollingOrigin(
	series: GridSeries,
	freq: Freq,
	horizon: number,
	opts: { minTrain: number; maxFolds: number; step: number; origins?: number[] }
): Fold[] {
	const n = series.values.length;
	const m = seasonLength(freq);
	const origins: number[] = opts.origins ? [...opts.origins] : [];
	if (!opts.origins)
		for (let o = n - horizon; o >= opts.minTrain && origins.length < opts.maxFolds; o -= opts.step) origins.push(o);
	const folds: Fold[] = [];
	for (const origin of origins.sort((a, b) => a - b)) {
		const train: GridSeries = { dates: series.dates.slice(0, origin), values: series.values.slice(0, origin) };
		if (train.values.every((v) => v === null)) continue;
		const h = Math.min(horizon, n - origin);
		const actual = series.values.slice(origin, origin + h);
		if (actual.every((v) => v === null)) continue;
		const fit = fitModel(train, freq, { horizon: h });
		const logF = fit.forecastLog(h);
		folds.push({
			origin,
			actual,
			model: logF.map((y) => Math.max(0, Math.exp(y) - 1)),
			baseline: seasonalNaiveGrid(train.values, m, h),
			logErrors: actual.map((a, k) => (a === null ? null : Math.log(a + 1) - logF[k])),
			scale: maseScale(train.values, m)
		});
	}
	return folds;
}

/** Mean over folds of each fold's MASE, for the model and the baseline. */
export function foldScores(folds: Fold[]): { mase: number; baselineMase: number } {
	const ok = folds.filter((f) => f.scale > 0 && Number.isFinite(f.scale));
	if (!ok.length) return { mase: NaN, baselineMase: NaN };
	const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	return {
		mase: mean(ok.map((f) => meanAbsError(f.actual, f.model) / f.scale)),
		baselineMase: mean(ok.map((f) => meanAbsError(f.actual, f.baseline) / f.scale))
	};
}

// ---------------------------------------------------------------------------------------
// Holdout evaluation (the eval command)

export interface HoldoutResult {
	/** Scored (non-missing) points in the tail. */
	n: number;
	train: number;
	test: number;
	mase: number;
	baselineMase: number;
	/** 'seasonal naive (lag m)' or 'naive (last value)'. */
	baseline: string;
}

/**
 * Fits on all but the last `testShare` of the grid and scores the tail against seasonal naive,
 * both scaled by the training data's seasonal MASE denominator. Without `horizon` one forecast
 * covers the whole tail; with it, origins roll through the tail every `horizon` steps, each fit
 * on everything before it (the data a user would have had then).
 */
export function evaluateHoldout(series: GridSeries, freq: Freq, opts: { testShare?: number; horizon?: number } = {}): HoldoutResult {
	const n = series.values.length;
	const test = Math.max(1, Math.round(n * (opts.testShare ?? 0.25)));
	const cut = n - test;
	const m = seasonLength(freq);
	const horizon = opts.horizon ?? test;
	const origins: number[] = [];
	for (let o = cut; o < n; o += horizon) origins.push(o);
	const folds = rollingOrigin(series, freq, horizon, { minTrain: 1, maxFolds: Infinity, step: horizon, origins });
	// One scale for the whole tail — the training part's — so the tail is one MASE, not a mean
	// of per-origin MASEs with drifting denominators.
	const scale = maseScale(series.values.slice(0, cut), m);
	const actual = folds.flatMap((f) => f.actual);
	return {
		n: actual.filter((a) => a !== null).length,
		train: cut,
		test,
		mase: meanAbsError(actual, folds.flatMap((f) => f.model)) / scale,
		baselineMase: meanAbsError(actual, folds.flatMap((f) => f.baseline)) / scale,
		baseline: cut >= m ? `seasonal naive (lag ${m})` : 'naive (last value)'
	};
}
