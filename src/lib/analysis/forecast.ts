// Weekly demand forecast 4–12 weeks ahead, with an interval, for a category or a product's
// competitor set. The model (forecast-model.ts) keys its seasonality on weeks relative to
// Idul Fitri, so the Lebaran peak moves with the holiday instead of staying on the calendar
// week where it fell last year. The forecast is only trusted where a rolling-origin backtest
// on the same series beats the seasonal-naive baseline; callers show "permintaan sulit
// diperkirakan" otherwise.

import { mondayOf } from './calendar';
import {
	type Fold,
	type Freq,
	type GridSeries,
	evaluateHoldout,
	fitModel,
	foldScores,
	rollingOrigin,
	stepDate,
	toGrid
} from './forecast-model';

export { evaluateHoldout, fitModel, toGrid, type Freq, type GridSeries, type HoldoutResult } from './forecast-model';

export interface ForecastPoint {
	/** Monday of the forecast week, 'YYYY-MM-DD'. */
	weekStart: string;
	value: number;
	low: number;
	high: number;
}

export interface ForecastResult {
	method: string;
	points: ForecastPoint[];
	/** Mean over rolling-origin folds; NaN (and folds 0) when the history is too short to test. */
	backtest: { mase: number; baselineMase: number; folds: number };
	beatsBaseline: boolean;
}

export const FORECAST_METHOD =
	'log-linear ridge regression on weeks relative to Idul Fitri + fixed-date events (12.12, 9.9–11.11, school start, Natal, Tahun Baru, 17 Agustus, Idul Adha) + annual cycle, with an exponentially smoothed level';

/**
 * Seasonal naive forecast: each future step repeats the value `m` steps earlier (52 weeks by
 * default); with less than `m` values of history, the last value (naive).
 */
export function seasonalNaive(history: number[], horizon: number, m = 52): number[] {
	const n = history.length;
	if (n === 0) return new Array<number>(horizon).fill(0);
	return Array.from({ length: horizon }, (_, k) => (n < m ? history[n - 1] : history[n - m + (k % m)]));
}

/**
 * Mean absolute scaled error: the forecast's mean absolute error divided by the in-sample mean
 * absolute error of the lag-`m` naive forecast (lag 1 when the in-sample series is not longer
 * than m). Below 1 = better than that naive forecast did in-sample. A flat in-sample series
 * has scale 0: the result is 0 for a perfect forecast and Infinity otherwise.
 */
export function mase(actual: number[], predicted: number[], insample: number[], m: number): number {
	if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
	const lag = insample.length > m ? m : 1;
	let scale = 0;
	for (let t = lag; t < insample.length; t++) scale += Math.abs(insample[t] - insample[t - lag]);
	scale /= Math.max(1, insample.length - lag);
	const mae = actual.reduce((s, a, i) => s + Math.abs(a - predicted[i]), 0) / Math.max(1, actual.length);
	if (scale === 0) return mae === 0 ? 0 : Infinity;
	return mae / scale;
}

/** Empirical quantile with linear interpolation (q in [0, 1]). */
function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
	const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
	const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
	const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const lowP = 0.02425;
	if (p < lowP) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - lowP) return -normalQuantile(1 - p);
	const q = p - 0.5;
	const r = q * q;
	return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Interval half-widths per horizon step, in log space, from the backtest errors at that step
 * (pooled with neighbouring steps until there are at least 8). Empirical, because demand
 * errors are skewed and heavier-tailed than normal. With too few backtest errors, a normal
 * band from the in-sample residual s.d. widened by √h, which is honest about knowing less.
 */
function intervalOffsets(folds: Fold[], horizon: number, interval: number, residualSd: number): [number, number][] {
	const byStep: number[][] = Array.from({ length: horizon }, () => []);
	for (const f of folds) f.logErrors.forEach((e, k) => e !== null && k < horizon && byStep[k].push(e));
	const z = normalQuantile(0.5 + interval / 2);
	const raw = byStep.map((_, k): [number, number] => {
		let pooled: number[] = [];
		for (let w = 0; w < horizon && pooled.length < 8; w++) {
			pooled = [];
			for (let j = Math.max(0, k - w); j <= Math.min(horizon - 1, k + w); j++) pooled.push(...byStep[j]);
		}
		if (pooled.length >= 8) return [Math.min(0, quantile(pooled, (1 - interval) / 2)), Math.max(0, quantile(pooled, (1 + interval) / 2))];
		const half = z * residualSd * Math.sqrt(k + 1);
		return [-half, half];
	});
	// Knowing less further ahead: a band never narrows with the horizon. A few backtest errors
	// pooled per step can come out narrower at week 20 than at week 10 by chance (30-week season
	// forecasts have two or three folds), which would claim more certainty the further it looks.
	for (let k = 1; k < raw.length; k++) raw[k] = [Math.min(raw[k][0], raw[k - 1][0]), Math.max(raw[k][1], raw[k - 1][1])];
	return raw;
}

/** The furthest a weekly forecast reaches: a co-op's season plan looks up to 30 weeks ahead. */
export const MAX_HORIZON = 30;

/**
 * Weekly forecast `horizon` weeks ahead (4..12, or up to `maxHorizon` ≤ 30 for a season plan),
 * backtested at that horizon against the seasonal-naive baseline.
 */
export function forecastWeekly(
	history: { weekStart: string; units: number }[],
	opts: { horizon?: number; interval?: number; maxHorizon?: number } = {}
): ForecastResult {
	const maxHorizon = Math.min(MAX_HORIZON, Math.max(12, Math.round(opts.maxHorizon ?? 12)));
	const horizon = Math.min(maxHorizon, Math.max(4, Math.round(opts.horizon ?? 8)));
	const interval = Math.min(0.99, Math.max(0.5, opts.interval ?? 0.8));
	// Weeks without a row are missing, not zero: the caller's aggregates decide zero weeks.
	// Zero-unit rows are kept as real zeros.
	const grid: GridSeries = toGrid(
		history.map((h) => ({ date: mondayOf(h.weekStart), value: h.units })),
		'week',
		'sum',
		true
	);
	const observed = grid.values.filter((v) => v !== null).length;
	if (observed < 8) {
		// Too little to fit anything: flat naive with no claim of skill.
		const last = grid.values.filter((v): v is number => v !== null).at(-1) ?? 0;
		const start = grid.dates.at(-1) ?? '1970-01-05';
		const points = Array.from({ length: horizon }, (_, k) => ({
			weekStart: stepDate(start, 'week', k + 1),
			value: last,
			low: 0,
			high: last * 2
		}));
		return { method: 'naive (last value): history too short', points, backtest: { mase: NaN, baselineMase: NaN, folds: 0 }, beatsBaseline: false };
	}

	// Rolling origins stepping back a third of the horizon, keeping at least 26 weeks (half a
	// year) of training so each fold sees some events; up to 12 folds.
	const folds = rollingOrigin(grid, 'week', horizon, {
		minTrain: Math.max(26, 2 * horizon),
		maxFolds: 12,
		step: Math.max(1, Math.round(horizon / 3))
	});
	const scores = foldScores(folds);
	const fit = fitModel(grid, 'week', { horizon });
	const logF = fit.forecastLog(horizon);
	const offsets = intervalOffsets(folds, horizon, interval, fit.residualSd);
	const dates = fit.futureDates(horizon);
	const toValue = (y: number) => Math.max(0, Math.exp(y) - 1);
	const points = dates.map((weekStart, k) => {
		const value = toValue(logF[k]);
		return {
			weekStart,
			value,
			low: Math.min(value, toValue(logF[k] + offsets[k][0])),
			high: Math.max(value, toValue(logF[k] + offsets[k][1]))
		};
	});
	return {
		method: FORECAST_METHOD,
		points,
		backtest: { ...scores, folds: folds.length },
		beatsBaseline: folds.length > 0 && Number.isFinite(scores.mase) && scores.mase < scores.baselineMase
	};
}

/**
 * Generic forecast for the eval command and any caller with daily or monthly data: fits the
 * same model with the frequency's seasonality (day-of-week + Lebaran window for days,
 * month-of-year + Lebaran-month share for months) and returns value-space forecasts.
 */
export function forecastSeries(
	points: { date: string; value: number }[],
	freq: Freq,
	horizon: number,
	combine: 'sum' | 'mean' = 'mean'
): { date: string; value: number }[] {
	const fit = fitModel(toGrid(points, freq, combine), freq, { horizon });
	const values = fit.forecast(horizon);
	return fit.futureDates(horizon).map((date, k) => ({ date, value: values[k] }));
}
