// Forecasts per category and per product's competitor set, fitted here and stored in
// `forecasts`. A fit with its rolling-origin backtest takes 20–500 ms, so each result is stored
// under its series key with a hash of the exact weekly series it was fitted on (and the model's
// method string): when the aggregates change the hash changes, and the stored forecast no longer
// counts as current (read/forecasts.ts then says it is being prepared and asks the writer).
// refreshDerived fits the touched products' and categories' forecasts after their series.
import { createHash } from 'node:crypto';
import { forecastWeekly, type ForecastResult } from '$lib/analysis/forecast';
import type { Db } from '../db';
import { cached } from '../db/statements';
import { categorySeries, competitorSeries, type WeekUnits } from '../db/weekly-demand';

/** The horizon every forecast is fitted at; shorter views take the first weeks of it. */
export const FIT_HORIZON = 12;

// The method string changes whenever the model does, so it is part of every hash.
const MODEL = 'forecastWeekly/v1';

function hashSeries(series: WeekUnits[]): string {
	const h = createHash('sha1');
	h.update(MODEL);
	for (const w of series) h.update(`${w.weekStart}:${w.units};`);
	return h.digest('hex');
}

/** The weekly series a forecast key (`category:ID` or `product:ID`) is fitted on. */
export function seriesFor(db: Db, key: string): WeekUnits[] {
	const [kind, id] = key.split(':');
	return kind === 'category' ? categorySeries(db, Number(id)) : competitorSeries(db, Number(id));
}

/** The stored forecast of `key` if it was fitted on this very series, else null (reads only). */
export function storedForecast(db: Db, key: string, series: WeekUnits[]): { result: ForecastResult; ms: number } | null {
	const row = cached(db, 'select input_hash as inputHash, result, ms from forecasts where series_key = ? and horizon = ?').get(key, FIT_HORIZON) as
		| { inputHash: string; result: string; ms: number }
		| undefined;
	if (!row || row.inputHash !== hashSeries(series)) return null;
	return { result: JSON.parse(row.result) as ForecastResult, ms: row.ms };
}

const UPSERT_FORECAST = `insert into forecasts (series_key, horizon, input_hash, result, ms, computed_at) values (?, ?, ?, ?, ?, ?)
	on conflict(series_key, horizon) do update set input_hash = excluded.input_hash, result = excluded.result, ms = excluded.ms, computed_at = excluded.computed_at`;

/** Fits and stores the forecast of `category:ID` or `product:ID` unless it is current; true when fitted. */
export function storeForecast(db: Db, key: string): boolean {
	const series = seriesFor(db, key);
	if (storedForecast(db, key, series)) return false;
	const t0 = performance.now();
	const result = forecastWeekly(series, { horizon: FIT_HORIZON, interval: 0.8 });
	const ms = Math.round(performance.now() - t0);
	// NaN (no backtest) does not survive JSON: store it as null and read it back as NaN.
	const json = JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
	cached(db, UPSERT_FORECAST).run(key, FIT_HORIZON, hashSeries(series), json, ms, new Date().toISOString());
	return true;
}

/** Drops stored forecasts of categories and products that no longer exist. */
export function pruneForecasts(db: Db): number {
	return db.$client
		.prepare(
			`delete from forecasts where
			 (series_key like 'category:%' and cast(substr(series_key, 10) as integer) not in (select id from categories)) or
			 (series_key like 'product:%' and cast(substr(series_key, 9) as integer) not in (select id from products))`
		)
		.run().changes;
}
