// Forecasts as pages and procedures show them: the stored fit (derive/forecasts.ts) of a
// category's or a product's competitor set, if it was fitted on the series stored now, with the
// last half year of that series and plain words. A request never fits: a forecast not fitted yet
// (or fitted on an older series) says it is being prepared, and the background writer is asked.
import type { ForecastPoint, ForecastResult } from '$lib/analysis/forecast';
import { forecastWords } from '$lib/analysis/narrate-demand';
import type { Actor } from '../auth/actor';
import { assertProduct } from '../auth/access';
import type { Db } from '../db';
import { categorySeries, competitorSeries, lastWeeks, type WeekUnits } from '../db/weekly-demand';
import { FIT_HORIZON, storedForecast } from '../derive/forecasts';
import { requestDerived } from '../derive/notify';
import { NotFoundError } from '../errors';
import { categoryName, productName } from '../db/queries/read/forecasts';

/** Weeks of history drawn before the forecast. */
export const HISTORY_WEEKS = 26;

/** What a forecast says while the writer has not fitted it on the current series. */
export const FORECAST_PREPARING = 'Perkiraan sedang disiapkan. Buka lagi sebentar.';

export interface ForecastView {
	key: string;
	name: string;
	/** False until the writer has fitted this series: then no numbers, and the headline says so. */
	ready: boolean;
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
	/** How long the fit took when the writer made it. */
	fitMs: number;
}

function revive(r: ForecastResult): ForecastResult {
	const num = (v: number | null) => (v === null ? NaN : v);
	return { ...r, backtest: { mase: num(r.backtest.mase), baselineMase: num(r.backtest.baselineMase), folds: r.backtest.folds } };
}

async function view(db: Db, key: string, name: string, series: WeekUnits[], horizon: number): Promise<ForecastView> {
	// Trailing weeks only: the fit needs the whole history, the chart only the last half year.
	const history = lastWeeks(series, HISTORY_WEEKS);
	const stored = await storedForecast(db, key, series);
	if (!stored) {
		await requestDerived({ forecasts: [key] });
		return {
			key,
			name,
			ready: false,
			shown: false,
			history,
			points: [],
			fitted: [],
			backtest: { mase: NaN, baselineMase: NaN, folds: 0 },
			method: '',
			headline: [FORECAST_PREPARING],
			basis: [],
			fitMs: 0
		};
	}
	const result = revive(stored.result);
	const h = Math.min(FIT_HORIZON, Math.max(4, Math.round(horizon)));
	const points = result.points.slice(0, h);
	const words = forecastWords({ ...result, points }, series.filter((w) => w.units > 0).length);
	return {
		key,
		name,
		ready: true,
		shown: words.shown,
		history,
		points: words.shown ? points : [],
		fitted: result.points,
		backtest: result.backtest,
		method: result.method,
		headline: words.headline,
		basis: words.basis,
		fitMs: stored.ms
	};
}

/** A category's forecast (market-wide: for anyone signed in), or null for an unknown category. */
export async function forecastForCategory(db: Db, categoryId: number, horizon = 8): Promise<ForecastView | null> {
	const name = await categoryName(db, categoryId);
	if (name === undefined) return null;
	return view(db, `category:${categoryId}`, name, await categorySeries(db, categoryId), horizon);
}

/** The forecast of a product's competitor set, or null for an unknown product (no access check: see forecastForProductFor). */
export async function forecastForProduct(db: Db, productId: number, horizon = 8): Promise<ForecastView | null> {
	const name = await productName(db, productId);
	if (name === undefined) return null;
	return view(db, `product:${productId}`, `Produk serupa ${name}`, await competitorSeries(db, productId), horizon);
}

/** A category's forecast for a signed-in person; NotFoundError for an unknown category. */
export async function forecastForCategoryFor(db: Db, _actor: Actor, categoryId: number, horizon?: number): Promise<ForecastView> {
	const view = await forecastForCategory(db, categoryId, horizon);
	if (!view) throw new NotFoundError(`Kategori ${categoryId} tidak ditemukan.`);
	return view;
}

/** A product's forecast for an actor who may see the product; NotFoundError otherwise. */
export async function forecastForProductFor(db: Db, actor: Actor, productId: number, horizon?: number): Promise<ForecastView> {
	await assertProduct(db, actor, productId);
	const view = await forecastForProduct(db, productId, horizon);
	if (!view) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	return view;
}
