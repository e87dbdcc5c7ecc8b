// Forecasts per category and per product's competitor set, fitted here and stored in
// `forecasts`. A fit with its rolling-origin backtest takes 20–500 ms, so each result is stored
// under its series key with a hash of the exact weekly series it was fitted on (and the model's
// method string): when the aggregates change the hash changes, and the stored forecast no longer
// counts as current (read/forecasts.ts then says it is being prepared and asks the writer).
// refreshDerived fits the touched products' and categories' forecasts after their series.
import { createHash } from 'node:crypto';
import { forecastWeekly, type ForecastResult } from '$lib/analysis/forecast';
import type { Db } from '../db';
import { deleteOrphanForecasts, forecastRow, memberProductIds, saveForecast } from '../db/queries/derive/forecasts';
import { categorySeries, competitorSeries, type WeekUnits } from '../db/weekly-demand';

/** The horizon every forecast is fitted at; shorter views take the first weeks of it. */
export const FIT_HORIZON = 12;

/**
 * How far a co-op member product's season forecast reaches (issue 14: the next Lebaran can be 14
 * or more weeks away). Stored under `season:ID` with this horizon, backtested that far; and under
 * `season:ID@YYYY-MM-DD`, fitted only on the weeks before that Monday: the forecast as it would
 * have been made then, which the plan page holds against a past season's recorded sales.
 */
export const SEASON_HORIZON = 30;

// The method string changes whenever the model does, so it is part of every hash.
const MODEL = 'forecastWeekly/v2';

function hashSeries(series: WeekUnits[]): string {
	const h = createHash('sha1');
	h.update(MODEL);
	for (const w of series) h.update(`${w.weekStart}:${w.units};`);
	return h.digest('hex');
}

const SEASON_KEY = /^season:(\d+)(?:@(\d{4}-\d{2}-\d{2}))?$/;

/** `season:ID` or `season:ID@YYYY-MM-DD` (a Monday: fitted on the weeks before it). */
export function seasonForecastKey(productId: number, origin?: string | null): string {
	return origin ? `season:${productId}@${origin}` : `season:${productId}`;
}

/** Whether a key names a forecast the writer can fit (what a reader may ask for). */
export function isForecastKey(key: string): boolean {
	return /^(category|product):\d+$/.test(key) || SEASON_KEY.test(key);
}

/** The weekly series a forecast key (`category:ID`, `product:ID`, `season:ID[@origin]`) is fitted on. */
export async function seriesFor(db: Db, key: string): Promise<WeekUnits[]> {
	const season = SEASON_KEY.exec(key);
	if (season) {
		const series = await competitorSeries(db, Number(season[1]));
		return season[2] ? series.filter((w) => w.weekStart < season[2]) : series;
	}
	const [kind, id] = key.split(':');
	return kind === 'category' ? (await categorySeries(db, Number(id))) : (await competitorSeries(db, Number(id)));
}

const horizonOf = (key: string) => (key.startsWith('season:') ? SEASON_HORIZON : FIT_HORIZON);

/** The stored forecast of `key` if it was fitted on this very series, else null (reads only). */
export async function storedForecast(db: Db, key: string, series: WeekUnits[]): Promise<{ result: ForecastResult; ms: number } | null> {
	const row = await forecastRow(db, key, horizonOf(key));
	if (!row || row.inputHash !== hashSeries(series)) return null;
	return { result: JSON.parse(row.result) as ForecastResult, ms: row.ms };
}

/** Fits and stores the forecast of `category:ID`, `product:ID` or `season:ID[@origin]` unless it is current; true when fitted. */
export async function storeForecast(db: Db, key: string): Promise<boolean> {
	const series = await seriesFor(db, key);
	if ((await storedForecast(db, key, series))) return false;
	// A product without weekly demand (yet) has nothing to fit a season on.
	if (series.length === 0 && key.startsWith('season:')) return false;
	const horizon = horizonOf(key);
	const t0 = performance.now();
	const result = forecastWeekly(series, { horizon, maxHorizon: horizon, interval: 0.8 });
	const ms = Math.round(performance.now() - t0);
	// NaN (no backtest) does not survive JSON: store it as null and read it back as NaN.
	const json = JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
	await saveForecast(db, { seriesKey: key, horizon, inputHash: hashSeries(series), result: json, ms, computedAt: new Date().toISOString() });
	return true;
}

/** Products of co-op members: the ones a season plan forecasts (`season:ID`). */
export async function memberProducts(db: Db, productIds?: number[]): Promise<number[]> {
	const all = await memberProductIds(db);
	if (!productIds) return all;
	const asked = new Set(productIds);
	return all.filter((id) => asked.has(id));
}

/** Drops stored forecasts of categories and products that no longer exist. */
export async function pruneForecasts(db: Db): Promise<number> {
	return await deleteOrphanForecasts(db);
}
