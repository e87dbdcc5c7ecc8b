// The season plan's error against the demo market's own later sales (npm run eval:plan), a
// rolling backtest with the app's own code: the demo market is generated in memory (its sales
// books included), derived as the server derives it, and for every past season occurrence in its
// span (Lebaran, Harbolnas 12.12, school start) and several planning dates before it (`leads`
// weeks before the first selling week), each member product's plan is made as the plan page
// would have made it then — the season forecast fitted only on the weeks before that date
// (derive/forecasts.ts `season:ID@origin`), the share from the sales recorded before it, the
// co-op's capacity — and held against the units the member recorded selling in the season.
// Products count where every selling week was recorded. Reported per season and lead:
//   forecast  |Σ expected − recorded| summed per product / Σ recorded (WAPE of market × share)
//   plan      the same for the units the plan says to make (capacity and time taken into account)
//   baseline  the member's own last 8 weeks × the season's weeks (what she would guess unaided)
//   market    the comparable listings' forecast over the season against what they sold
import { addDays, daysBetween } from '$lib/analysis/calendar';
import { planProduct, type SeasonForecast, type WeekUnits } from '$lib/analysis/season-plan';
import { planOrigin, seasonBefore, seasonIn, SEASON_KEYS, type Season } from '$lib/analysis/seasons';
import { migrateDatabase, openDatabase, type Db } from '../db';
import { getCoopSettings, memberPlanSettings } from '../db/coop';
import { closeDatabase } from '../db/connection';
import { memberProducts, productCount, salesWeekCount } from '../db/queries/demo/eval/plan';
import { salesByProduct } from '../db/sales';
import { competitorSeries } from '../db/weekly-demand';
import { seriesFor, seasonForecastKey, storedForecast, storeForecast } from '../derive/forecasts';
import { refreshDerived } from '../derive/refresh';
import { seedDemoMarket, type SeedOptions } from '../demo/seed';

/** Weeks before a season's first selling week that its plan is made (the page remakes 12). */
export const DEFAULT_LEADS = [4, 8, 12, 16];
/** An origin needs this much history before it to plan from. */
const MIN_HISTORY_WEEKS = 26;

export interface PlanErrorRow {
	season: string;
	lead: number;
	origin: string;
	products: number;
	recorded: number;
	forecast: number;
	plan: number;
	baseline: number;
	market: number;
	/** Σ(expected − recorded) / Σ recorded: above 0 too high. */
	bias: number;
	/** How many products' market came from the forecast (the rest: last year's season or recent weeks). */
	fromForecast: number;
	/**
	 * What the season forecast alone, trusted or not, would have missed (share × forecast), where it
	 * reached the season: tells whether falling back on last year was the better choice.
	 */
	model: number;
}

interface Acc {
	recorded: number;
	absForecast: number;
	absPlan: number;
	absBaseline: number;
	signed: number;
	marketActual: number;
	absMarket: number;
	products: number;
	fromForecast: number;
	modelRecorded: number;
	absModel: number;
}

const empty = (): Acc => ({
	recorded: 0,
	absForecast: 0,
	absPlan: 0,
	absBaseline: 0,
	signed: 0,
	marketActual: 0,
	absMarket: 0,
	products: 0,
	fromForecast: 0,
	modelRecorded: 0,
	absModel: 0
});
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

function row(season: string, lead: number, origin: string, a: Acc): PlanErrorRow {
	return {
		season,
		lead,
		origin,
		products: a.products,
		recorded: a.recorded,
		forecast: ratio(a.absForecast, a.recorded),
		plan: ratio(a.absPlan, a.recorded),
		baseline: ratio(a.absBaseline, a.recorded),
		market: ratio(a.absMarket, a.marketActual),
		bias: ratio(a.signed, a.recorded),
		fromForecast: a.fromForecast,
		model: ratio(a.absModel, a.modelRecorded)
	};
}

function add(to: Acc, from: Acc): void {
	for (const k of Object.keys(to) as (keyof Acc)[]) to[k] += from[k];
}

/** Past season occurrences whose selling weeks lie inside the market's observed weeks. */
export function pastSeasons(first: string, last: string): Season[] {
	const out: Season[] = [];
	for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++)
		for (const key of SEASON_KEYS) {
			const s = seasonIn(key, y);
			if (s.start >= first && s.weeks[s.weeks.length - 1] <= last) out.push(s);
		}
	return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** The backtest on a database that holds a market, sales books and co-ops (derived already). */
export async function evaluatePlans(db: Db, leads = DEFAULT_LEADS): Promise<{ rows: PlanErrorRow[]; total: PlanErrorRow }> {
	const members = await memberProducts(db);
	const sales = await salesByProduct(db, members.map((m) => m.productId));
	const series = new Map(await Promise.all(members.map(async (m) => [m.productId, await competitorSeries(db, m.productId)] as const)));
	const weeks = [...series.values()].flatMap((s) => (s.length ? [s[0].weekStart, s[s.length - 1].weekStart] : [])).sort();
	if (!weeks.length) return { rows: [], total: row('semua', 0, '', empty()) };
	const settingsOf = new Map<number, Awaited<ReturnType<typeof getCoopSettings>>>();
	const capacityOf = new Map<number, Map<number, { capacity: number | null; sharePct: number | null }>>();
	for (const m of members) {
		if (!settingsOf.has(m.coopId)) {
			settingsOf.set(m.coopId, await getCoopSettings(db, m.coopId));
			capacityOf.set(m.coopId, await memberPlanSettings(db, m.coopId));
		}
	}
	const rows: PlanErrorRow[] = [];
	const total = empty();
	for (const season of pastSeasons(weeks[0], weeks[weeks.length - 1])) {
		for (const lead of leads) {
			const origin = lead === 12 ? planOrigin(season) : addDays(season.start, -7 * lead);
			if (daysBetween(weeks[0], origin) / 7 < MIN_HISTORY_WEEKS) continue;
			const acc = empty();
			for (const m of members) {
				const own = sales.get(m.productId)!;
				const by = new Map(own.map((w) => [w.weekStart, w.units]));
				if (!season.weeks.every((w) => by.has(w))) continue;
				const full = series.get(m.productId)!;
				const known: WeekUnits[] = full.filter((w) => w.weekStart < origin);
				if (known.length < 8) continue;
				const key = seasonForecastKey(m.productId, origin);
				await storeForecast(db, key);
				const stored = await storedForecast(db, key, await seriesFor(db, key));
				const forecast: SeasonForecast | null = stored ? { points: stored.result.points, beatsBaseline: stored.result.beatsBaseline, folds: stored.result.backtest.folds } : null;
				const settings = settingsOf.get(m.coopId)!;
				const set = capacityOf.get(m.coopId)!.get(m.productId);
				const { market, share, plan } = planProduct({
					season,
					before: seasonBefore(season),
					series: known,
					forecast,
					sales: own,
					setPct: set?.sharePct ?? settings.marketSharePct,
					capacity: set?.capacity ?? null,
					unit: 'buah',
					settings,
					today: origin
				});
				const recorded = season.weeks.reduce((a, w) => a + by.get(w)!, 0);
				const recent = own.filter((w) => w.weekStart < origin && w.weekStart >= addDays(origin, -56));
				const baseline = recent.length ? (recent.reduce((a, w) => a + w.units, 0) / recent.length) * season.weeks.length : 0;
				const fullBy = new Map(full.map((w) => [w.weekStart, w.units]));
				const marketActual = season.weeks.reduce((a, w) => a + (fullBy.get(w) ?? 0), 0);
				acc.products++;
				acc.recorded += recorded;
				acc.absForecast += Math.abs(plan.wanted - recorded);
				acc.absPlan += Math.abs(plan.units - recorded);
				acc.absBaseline += Math.abs(baseline - recorded);
				acc.signed += plan.wanted - recorded;
				acc.marketActual += marketActual;
				acc.absMarket += Math.abs(market.units - marketActual);
				if (market.basis === 'forecast') acc.fromForecast++;
				const points = new Map(forecast?.points.map((p) => [p.weekStart, p.value]) ?? []);
				if (season.weeks.every((w) => points.has(w))) {
					const modelUnits = (season.weeks.reduce((a, w) => a + points.get(w)!, 0) * share.pct) / 100;
					acc.modelRecorded += recorded;
					acc.absModel += Math.abs(modelUnits - recorded);
				}
			}
			if (acc.products === 0) continue;
			rows.push(row(season.name, lead, origin, acc));
			add(total, acc);
		}
	}
	return { rows, total: row('semua', 0, '', total) };
}

/** Seeds the demo market in memory (sales books included), derives it, and runs the backtest. */
export async function evaluateDemoPlans(opts: Pick<SeedOptions, 'seed' | 'listings' | 'endDate' | 'weeks'> & { leads?: number[] } = {}): Promise<{
	rows: PlanErrorRow[];
	total: PlanErrorRow;
	products: number;
	salesWeeks: number;
}> {
	const db = openDatabase(':memory:');
	migrateDatabase(db);
	await seedDemoMarket(db, { ...opts, now: `${opts.endDate ?? new Date().toISOString().slice(0, 10)}T00:00:00.000Z` });
	await refreshDerived(db);
	const result = await evaluatePlans(db, opts.leads);
	const products = await productCount(db);
	const salesWeeks = await salesWeekCount(db);
	closeDatabase(db);
	return { ...result, products, salesWeeks };
}
