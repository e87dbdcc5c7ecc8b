// Forecasts per category and per product's competitor set, cached in `forecasts`. A fit with its
// rolling-origin backtest takes 20–500 ms, so each result is stored under its series key with a
// hash of the exact weekly series it was fitted on (and the model's method string): when the
// aggregates change the hash changes and the next request refits. Nothing needs to remember to
// invalidate; pruneForecasts only drops rows whose series no longer exist. refreshDerived fits
// the touched products' and categories' forecasts ahead (storeForecast), so requests read them.
import { createHash } from 'node:crypto';
import { forecastWeekly, type ForecastPoint, type ForecastResult } from '$lib/analysis/forecast';
import type { Db } from '../db';
import { cached, tryCacheWrite } from '../db/statements';
import { categorySeries, competitorSeries, lastWeeks, type WeekUnits } from '../db/weekly-demand';
import { forecastWords } from '$lib/analysis/narrate-demand';

/** The horizon every forecast is fitted at; shorter views take the first weeks of it. */
export const FIT_HORIZON = 12;
/** Weeks of history drawn before the forecast. */
export const HISTORY_WEEKS = 26;

export interface ForecastView {
	key: string;
	name: string;
	/** Shown only where it beat the seasonal-naive baseline in the backtest. */
	shown: boolean;
	history: WeekUnits[];
	/** The first `horizon` forecast weeks; empty when not shown. */
	points: ForecastPoint[];
	/** Every fitted point, also when not shown (the plan falls back to recent sales then). */
	fitted: ForecastPoint[];
	backtest: ForecastResult['backtest'];
	method: string;
	headline: string[];
	basis: string[];
	/** Whether this came from the cache, and how long the fit took when it was made. */
	cached: boolean;
	fitMs: number;
}

function hashSeries(series: WeekUnits[], method: string): string {
	const h = createHash('sha1');
	h.update(method);
	for (const w of series) h.update(`${w.weekStart}:${w.units};`);
	return h.digest('hex');
}

// The method string changes whenever the model does, so it is part of every hash.
const MODEL = 'forecastWeekly/v1';

const UPSERT_FORECAST = `insert into forecasts (series_key, horizon, input_hash, result, ms, computed_at) values (?, ?, ?, ?, ?, ?)
	on conflict(series_key, horizon) do update set input_hash = excluded.input_hash, result = excluded.result, ms = excluded.ms, computed_at = excluded.computed_at`;

/**
 * The stored forecast for `key` if it was fitted on this very series; otherwise fit and store.
 * refreshDerived fits them ahead (onRequest false: the write waits for the lock); on a request
 * the row is only a cache, skipped rather than waiting while an import holds the write lock.
 */
export function cachedForecast(
	db: Db,
	key: string,
	series: WeekUnits[],
	onRequest = true
): { result: ForecastResult; cached: boolean; ms: number } {
	const hash = hashSeries(series, MODEL);
	const row = cached(db, 'select input_hash as inputHash, result, ms from forecasts where series_key = ? and horizon = ?').get(key, FIT_HORIZON) as
		| { inputHash: string; result: string; ms: number }
		| undefined;
	if (row && row.inputHash === hash) return { result: JSON.parse(row.result) as ForecastResult, cached: true, ms: row.ms };
	const t0 = performance.now();
	const result = forecastWeekly(series, { horizon: FIT_HORIZON, interval: 0.8 });
	const ms = Math.round(performance.now() - t0);
	// NaN (no backtest) does not survive JSON: store it as null and read it back as NaN.
	const json = JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
	const write = () => cached(db, UPSERT_FORECAST).run(key, FIT_HORIZON, hash, json, ms, new Date().toISOString());
	if (onRequest) tryCacheWrite(db, write);
	else write();
	return { result, cached: false, ms };
}

/** Fits and stores the forecast of `category:ID` or `product:ID` unless it is current; true when fitted. */
export function storeForecast(db: Db, key: string): boolean {
	const [kind, id] = key.split(':');
	const series = kind === 'category' ? categorySeries(db, Number(id)) : competitorSeries(db, Number(id));
	return !cachedForecast(db, key, series, false).cached;
}

function revive(r: ForecastResult): ForecastResult {
	const num = (v: number | null) => (v === null ? NaN : v);
	return { ...r, backtest: { mase: num(r.backtest.mase), baselineMase: num(r.backtest.baselineMase), folds: r.backtest.folds } };
}

function view(db: Db, key: string, name: string, series: WeekUnits[], horizon: number): ForecastView {
	// Trailing weeks only: the fit needs the whole history, the chart only the last half year.
	const { result: raw, cached, ms } = cachedForecast(db, key, series);
	const result = revive(raw);
	const h = Math.min(FIT_HORIZON, Math.max(4, Math.round(horizon)));
	const points = result.points.slice(0, h);
	const words = forecastWords({ ...result, points }, series.filter((w) => w.units > 0).length);
	return {
		key,
		name,
		shown: words.shown,
		history: lastWeeks(series, HISTORY_WEEKS),
		points: words.shown ? points : [],
		fitted: result.points,
		backtest: result.backtest,
		method: result.method,
		headline: words.headline,
		basis: words.basis,
		cached,
		fitMs: ms
	};
}

export function forecastForCategory(db: Db, categoryId: number, horizon = 8): ForecastView | null {
	const name = db.$client.prepare('select name from categories where id = ?').pluck().get(categoryId) as string | undefined;
	if (name === undefined) return null;
	return view(db, `category:${categoryId}`, name, categorySeries(db, categoryId), horizon);
}

export function forecastForProduct(db: Db, productId: number, horizon = 8): ForecastView | null {
	const name = db.$client.prepare('select name from products where id = ?').pluck().get(productId) as string | undefined;
	if (name === undefined) return null;
	return view(db, `product:${productId}`, `Produk serupa ${name}`, competitorSeries(db, productId), horizon);
}

/** Drops cached forecasts of categories and products that no longer exist. */
export function pruneForecasts(db: Db): number {
	return db.$client
		.prepare(
			`delete from forecasts where
			 (series_key like 'category:%' and cast(substr(series_key, 10) as integer) not in (select id from categories)) or
			 (series_key like 'product:%' and cast(substr(series_key, 9) as integer) not in (select id from products))`
		)
		.run().changes;
}
