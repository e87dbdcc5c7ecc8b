// A co-op's season plan, as arithmetic (issue 14). Per member product, in the order a co-op
// thinks about it:
//   market   units the product's comparable listings sell in the season's weeks: the forecast
//            where it reaches the season and beat the seasonal-naive baseline that far, else
//            the same season a year earlier ("musim lalu"), else the last 8 weeks' pace
//   share    of that market, the member's: from her own sales book where at least 8 of the last
//            12 weeks are recorded, else the share the co-op sets
//   wanted   ⌈market × share⌉
//   make     the weeks needed at the member's capacity (units a week), at least the lead time,
//            ending when the selling weeks begin; materials are bought `buyDaysBefore` before
//   late     when that buy-by day is today or past: start as soon as materials can be in, and
//            make only what fits before the season (never more than the capacity allows)
// Purchases sum the bill of materials over members and round up to whole purchase units (karung,
// rim, lusin), with the leftover shown and the earliest buy-by date of the members using it.
// Pure; every sentence is plain Indonesian for a treasurer reading on a phone.
import { formatDate, formatNumber, formatPercent } from '$lib/format';
import { addDays, daysBetween, mondayOf } from './calendar';
import type { ForecastPoint } from './forecast';
import type { Season } from './seasons';

export interface WeekUnits {
	weekStart: string;
	units: number;
}

/** Weeks a share looks back on, and how many of them must be recorded to use them. */
export const SHARE_LOOKBACK_WEEKS = 12;
export const SHARE_MIN_WEEKS = 8;
/** The forecast reaches at most this far (weeks after the last observed week). */
export const SEASON_MAX_HORIZON = 30;

const EPS = 1e-9;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// --- share ----------------------------------------------------------------------------------

export interface Share {
	/** Of every 100 comparable items sold, how many are the member's. */
	pct: number;
	source: 'sales' | 'set';
	/** Weeks of the look-back window with a recorded sale (0..12). */
	recordedWeeks: number;
	/** "dari penjualan Anda 12 minggu terakhir" / "perkiraan koperasi". */
	label: string;
	line: string;
}

const pctWords = (pct: number) => `${formatNumber(pct, pct < 1 ? 2 : 1)} dari 100`;

/**
 * The member's share of her comparable listings' sales: her recorded units over the market's in
 * the same weeks, over the 12 weeks before `asOf` (a Monday; its own week is not over), when at
 * least 8 of them are recorded and the market sold something then; otherwise the co-op's set share.
 */
export function memberShare(sales: WeekUnits[], market: WeekUnits[], asOf: string, setPct: number): Share {
	const from = addDays(mondayOf(asOf), -7 * SHARE_LOOKBACK_WEEKS);
	const marketBy = new Map(market.map((w) => [w.weekStart, w.units]));
	const recorded = sales.filter((s) => s.weekStart >= from && s.weekStart < mondayOf(asOf));
	const paired = recorded.filter((s) => marketBy.has(s.weekStart));
	const own = sum(paired.map((s) => s.units));
	const mkt = sum(paired.map((s) => marketBy.get(s.weekStart)!));
	if (paired.length >= SHARE_MIN_WEEKS && mkt > 0) {
		const pct = Math.min(100, (own / mkt) * 100);
		const label = `dari penjualan Anda ${paired.length} minggu terakhir`;
		return { pct, source: 'sales', recordedWeeks: paired.length, label, line: `Bagian Anda ${pctWords(pct)} barang serupa, ${label}.` };
	}
	const label = 'perkiraan koperasi';
	const why =
		recorded.length === 0
			? 'Belum ada catatan penjualan.'
			: `Baru ${recorded.length} minggu tercatat, perlu ${SHARE_MIN_WEEKS} minggu.`;
	return { pct: setPct, source: 'set', recordedWeeks: recorded.length, label, line: `Bagian ${pctWords(setPct)} barang serupa, ${label}. ${why}` };
}

// --- the market in the season ---------------------------------------------------------------

export type DemandBasis = 'forecast' | 'last-season' | 'recent' | 'none';

export interface SeasonDemand {
	units: number;
	/** The band's sums where the forecast is used; equal to units otherwise (no band to give). */
	low: number;
	high: number;
	basis: DemandBasis;
	/** Why this basis, in plain words. */
	line: string;
}

export interface SeasonForecast {
	points: ForecastPoint[];
	beatsBaseline: boolean;
	/** Backtest folds at this horizon: 0 means the history was too short to test it. */
	folds: number;
}

/**
 * The comparable listings' sales over the season's weeks. `series`: the weekly series the
 * forecast was fitted on; `forecast`: its fit up to SEASON_MAX_HORIZON weeks ahead (null: not
 * fitted yet); `before`: the same season a year earlier.
 */
export function seasonDemand(season: Season, series: WeekUnits[], forecast: SeasonForecast | null, before: Season): SeasonDemand {
	if (series.length === 0) return { units: 0, low: 0, high: 0, basis: 'none', line: 'Belum ada penjualan produk serupa, jadi belum bisa dihitung.' };
	const byWeek = new Map(forecast?.points.map((p) => [p.weekStart, p]) ?? []);
	const reaches = season.weeks.every((w) => byWeek.has(w));
	const lastObserved = series[series.length - 1].weekStart;
	const tooFar = daysBetween(lastObserved, season.weeks[season.weeks.length - 1]) / 7 > SEASON_MAX_HORIZON;
	if (forecast && reaches && forecast.beatsBaseline) {
		const pts = season.weeks.map((w) => byWeek.get(w)!);
		const units = sum(pts.map((p) => p.value));
		return {
			units,
			low: sum(pts.map((p) => p.low)),
			high: sum(pts.map((p) => p.high)),
			basis: 'forecast',
			line: `Produk serupa diperkirakan terjual ${formatNumber(Math.round(units))} dalam ${season.weeks.length} minggu musim ini.`
		};
	}
	const why = !forecast
		? 'Perkiraan sedang disiapkan'
		: tooFar
			? `Musim ini lebih dari ${SEASON_MAX_HORIZON} minggu lagi, terlalu jauh untuk diperkirakan`
			: forecast.folds === 0
				? 'Data belum cukup panjang untuk menguji perkiraan sejauh ini'
				: 'Perkiraan sejauh ini tidak lebih tepat dari musim lalu';
	const seriesBy = new Map(series.map((w) => [w.weekStart, w.units]));
	const lastYear = before.weeks.filter((w) => seriesBy.has(w)).map((w) => seriesBy.get(w)!);
	// Half the weeks known is enough to scale up; fewer would be a guess about the season's shape.
	if (lastYear.length * 2 >= before.weeks.length && lastYear.length > 0) {
		const level = levelChange(series, daysBetween(before.start, season.start));
		const units = (sum(lastYear) / lastYear.length) * season.weeks.length * (level ?? 1);
		const adjusted = level !== null && Math.abs(level - 1) >= 0.05;
		return {
			units,
			low: units,
			high: units,
			basis: 'last-season',
			line: adjusted
				? `${why}. Memakai ${before.name}, disesuaikan dengan 8 minggu terakhir: ${formatNumber(Math.round(units))} dalam ${season.weeks.length} minggu.`
				: `${why}. Memakai penjualan ${before.name}: ${formatNumber(Math.round(units))} dalam ${season.weeks.length} minggu.`
		};
	}
	const recent = series.slice(-8).map((w) => w.units);
	const units = (sum(recent) / recent.length) * season.weeks.length;
	return {
		units,
		low: units,
		high: units,
		basis: 'recent',
		line: `${why}. ${before.name} belum ada di data, jadi memakai rata-rata ${recent.length} minggu terakhir.`
	};
}

/**
 * How much the market has grown or shrunk since last year's season: its last 8 weeks against the
 * same 8 weeks `shiftDays` earlier (last year's season is that far before this one), between a
 * third and three times; null where either stretch is not fully in the series. Last year's season
 * alone misses a market that gained sellers since (the demo's listings arrive over two years).
 */
export function levelChange(series: WeekUnits[], shiftDays: number): number | null {
	if (series.length < 8) return null;
	const by = new Map(series.map((w) => [w.weekStart, w.units]));
	const recent = series.slice(-8);
	const earlier = recent.map((w) => by.get(addDays(w.weekStart, -shiftDays)));
	if (earlier.some((u) => u === undefined)) return null;
	const was = sum(earlier as number[]);
	const now = sum(recent.map((w) => w.units));
	if (was <= 0) return null;
	return Math.min(3, Math.max(1 / 3, now / was));
}

// --- one member product ---------------------------------------------------------------------

export interface PlanSettings {
	/** Weeks a production run takes at the least (drying, firing, packing). */
	leadTimeWeeks: number;
	/** Raw materials must be in this many days before production starts. */
	buyDaysBefore: number;
}

export type BuyStatus = 'past' | 'today' | 'soon' | 'ok';

export interface MemberPlan {
	/** Units the season asks of this member (market × share, rounded up). */
	wanted: number;
	/** Units to make: wanted, or what fits before the season when it is late (never over capacity). */
	units: number;
	capacity: number | null;
	/** Production start and finish (ready to sell: the first selling day). */
	start: string;
	finish: string;
	/** When materials must be in; may be past (then `status` is 'past'). */
	buyBy: string;
	status: BuyStatus;
	/** The season asks for more than the member can make in the time left. */
	short: boolean;
	lines: string[];
}

/** The first Monday on or after `day`. */
export function mondayOnOrAfter(day: string): string {
	const m = mondayOf(day);
	return m < day ? addDays(m, 7) : m;
}

export function buyStatus(buyBy: string, today: string): BuyStatus {
	if (buyBy < today) return 'past';
	if (buyBy === today) return 'today';
	return daysBetween(today, buyBy) <= 7 ? 'soon' : 'ok';
}

/** "sudah lewat — beli sekarang atau kurangi produksi" and its today form; null when there is time. */
export function buyWarning(status: BuyStatus): string | null {
	if (status === 'past') return 'Sudah lewat — beli sekarang atau kurangi produksi.';
	if (status === 'today') return 'Hari ini batasnya — beli sekarang atau kurangi produksi.';
	return null;
}

export const wantedUnits = (market: number, sharePct: number) => Math.max(0, Math.ceil((market * sharePct) / 100 - EPS));

/**
 * Units, dates and the sentences for one member product. `unit` is the word the member sells by
 * ("bungkus", "buah"); `capacity` units a week or null when the co-op has not set it.
 */
export function planMember(
	input: { market: number; sharePct: number; capacity: number | null; unit: string },
	season: Season,
	s: PlanSettings,
	today: string
): MemberPlan {
	const { capacity, unit } = input;
	const wanted = wantedUnits(input.market, input.sharePct);
	const finish = season.start;
	const weeksNeeded = Math.max(s.leadTimeWeeks, capacity ? Math.ceil(wanted / capacity - EPS) : 0);
	const idealStart = addDays(finish, -7 * weeksNeeded);
	const idealBuyBy = addDays(idealStart, -s.buyDaysBefore);
	const n = (x: number) => `${formatNumber(x)} ${unit}`;
	const lines: string[] = [];
	if (idealBuyBy >= today) {
		const status = buyStatus(idealBuyBy, today);
		lines.push(`Buat ${n(wanted)}, mulai ${formatDate(idealStart)}, siap ${formatDate(finish)}.`);
		if (capacity && weeksNeeded > s.leadTimeWeeks) lines.push(`Dengan ${n(capacity)} seminggu, perlu ${weeksNeeded} minggu.`);
		return { wanted, units: wanted, capacity, start: idealStart, finish, buyBy: idealBuyBy, status, short: false, lines };
	}
	// Late: the materials cannot be in by the ideal start. Start as soon as they can be.
	const start = mondayOnOrAfter(addDays(today, s.buyDaysBefore));
	const weeksLeft = Math.max(0, daysBetween(start, finish) / 7);
	const fits = weeksLeft >= s.leadTimeWeeks && weeksLeft > 0;
	const units = !fits ? 0 : capacity ? Math.min(wanted, Math.floor(capacity * weeksLeft + EPS)) : wanted;
	const short = units < wanted;
	if (!fits) lines.push(`Tidak sempat: mulai ${formatDate(start)} pun belum siap ${formatDate(finish)}.`);
	else lines.push(`Buat ${n(units)}, mulai ${formatDate(start)}, siap ${formatDate(finish)}.`);
	if (short && fits && capacity) lines.push(`Musim ini minta ${n(wanted)}, tapi kapasitas ${n(capacity)} seminggu.`);
	else if (short && wanted > 0) lines.push(`Musim ini minta ${n(wanted)}.`);
	lines.push(`Bahan seharusnya dibeli ${formatDate(idealBuyBy)}.`);
	return { wanted, units, capacity, start, finish, buyBy: idealBuyBy, status: 'past', short, lines };
}

/**
 * One member product's plan for a season as of `today`: the market in the season's weeks, the
 * member's share, and units and dates. The plan page, a past season's remade plan and the
 * backtest (npm run eval:plan) all go through this one function.
 */
export function planProduct(input: {
	season: Season;
	/** The same season a year earlier (seasons.ts seasonBefore). */
	before: Season;
	/** The comparable listings' weekly series, up to what was known on `today`. */
	series: WeekUnits[];
	forecast: SeasonForecast | null;
	/** The member's recorded weeks (any; only the 12 before `today` count). */
	sales: WeekUnits[];
	/** The share the co-op sets for her (or its default), for when her book is too short. */
	setPct: number;
	capacity: number | null;
	unit: string;
	settings: PlanSettings;
	today: string;
}): { market: SeasonDemand; share: Share; plan: MemberPlan } {
	const market = seasonDemand(input.season, input.series, input.forecast, input.before);
	const share = memberShare(input.sales, input.series, input.today, input.setPct);
	const plan = planMember({ market: market.units, sharePct: share.pct, capacity: input.capacity, unit: input.unit }, input.season, input.settings, input.today);
	return { market, share, plan };
}

// --- purchases ------------------------------------------------------------------------------

export interface BomLine {
	material: string;
	quantity: number;
	unit: string;
}

export interface Buying {
	/** "karung", "rim", "lusin". */
	purchaseUnit: string;
	/** How much of the material's unit one purchase unit holds (50 for a 50 kg karung). */
	purchaseSize: number;
}

export interface Purchase {
	material: string;
	unit: string;
	/** The key the co-op's purchase units are stored under: lower-case material and unit. */
	key: { material: string; unit: string };
	/** What the members' runs use. */
	needed: number;
	buying: Buying | null;
	/** Whole purchase units to buy (null: the co-op has not said how it buys this). */
	packs: number | null;
	/** What is left over after the runs, in the material's unit. */
	leftover: number | null;
	buyBy: string;
	status: BuyStatus;
	warning: string | null;
	products: string[];
	/** "Tanah liat: 46 karung (50 kg)". */
	line: string;
}

export const materialKey = (material: string, unit: string) => ({ material: material.trim().toLowerCase(), unit: unit.trim().toLowerCase() });

/**
 * One purchase per material and unit (case-insensitive) over the runs that make something,
 * rounded up to whole purchase units where the co-op said how it buys the material. Sorted by
 * buy-by date, then name.
 */
export function purchasesFor(
	runs: { name: string; units: number; buyBy: string; bom: BomLine[] }[],
	buying: (key: { material: string; unit: string }) => Buying | null,
	today: string
): Purchase[] {
	const acc = new Map<string, { material: string; unit: string; needed: number; buyBy: string; products: string[] }>();
	for (const r of runs) {
		if (r.units <= 0) continue;
		for (const b of r.bom) {
			const k = materialKey(b.material, b.unit);
			const id = `${k.material}|${k.unit}`;
			let a = acc.get(id);
			if (!a) acc.set(id, (a = { material: b.material, unit: b.unit, needed: 0, buyBy: r.buyBy, products: [] }));
			a.needed += r.units * b.quantity;
			if (r.buyBy < a.buyBy) a.buyBy = r.buyBy;
			if (!a.products.includes(r.name)) a.products.push(r.name);
		}
	}
	return [...acc.values()]
		.map((a) => {
			const key = materialKey(a.material, a.unit);
			// Amounts to 0,01 of their unit: what a scale can weigh.
			const needed = Math.ceil(a.needed * 100 - 1e-6) / 100;
			const how = buying(key);
			const packs = how ? Math.ceil(needed / how.purchaseSize - EPS) : null;
			const leftover = how && packs !== null ? Math.round((packs * how.purchaseSize - needed) * 100) / 100 : null;
			const status = buyStatus(a.buyBy, today);
			const line = how
				? `${a.material}: ${formatNumber(packs!)} ${how.purchaseUnit} (${formatNumber(how.purchaseSize)} ${a.unit}), sisa ${formatNumber(leftover!)} ${a.unit}.`
				: `${a.material}: ${formatNumber(needed)} ${a.unit}.`;
			return { material: a.material, unit: a.unit, key, needed, buying: how, packs, leftover, buyBy: a.buyBy, status, warning: buyWarning(status), products: a.products, line };
		})
		.sort((x, y) => x.buyBy.localeCompare(y.buyBy) || x.material.localeCompare(y.material, 'id'));
}

// --- telling the members --------------------------------------------------------------------

/** "Bu Sri: siapkan 120 bungkus Kopi Bubuk 250 gram sebelum 25 Januari 2027. Mulai buat 4 Januari 2027." */
export function whatsappText(
	producerName: string,
	season: Season,
	runs: { name: string; units: number; unit: string; start: string; finish: string }[]
): string {
	const made = runs.filter((r) => r.units > 0);
	if (made.length === 0) return `${producerName}: untuk ${season.name} belum ada yang perlu dibuat.`;
	const each = made.map((r) => `${formatNumber(r.units)} ${r.unit} ${r.name}`);
	const parts = each.length > 1 ? [`${each.slice(0, -1).join(', ')} dan ${each[each.length - 1]}`] : each;
	const finish = made.map((r) => r.finish).sort()[0];
	const start = made.map((r) => r.start).sort()[0];
	return `${producerName}: siapkan ${parts[0]} sebelum ${formatDate(finish)}. Mulai buat ${formatDate(start)}. Untuk ${season.name}.`;
}

// --- honest about last time -----------------------------------------------------------------

export interface SeasonError {
	/** What was expected to sell (market × share) and what the plan said to make, summed. */
	expected: number;
	planned: number;
	/** Recorded sales over the season's weeks, summed over the members that recorded them. */
	recorded: number;
	/** |expected − recorded| / recorded and the same for the plan; null without recorded sales. */
	forecastMiss: number | null;
	planMiss: number | null;
	lines: string[];
}

/**
 * How far the forecast (of the members' own sales) and the plan were from the recorded sales of a
 * season that has passed, over the member products that recorded every week of it.
 */
export function seasonError(seasonName: string, rows: { expected: number; planned: number; recorded: number }[]): SeasonError {
	const expected = sum(rows.map((r) => r.expected));
	const planned = sum(rows.map((r) => r.planned));
	const recorded = sum(rows.map((r) => r.recorded));
	if (rows.length === 0 || recorded <= 0) {
		return { expected, planned, recorded, forecastMiss: null, planMiss: null, lines: [`Penjualan ${seasonName} belum tercatat, jadi belum bisa dibandingkan.`] };
	}
	const forecastMiss = Math.abs(expected - recorded) / recorded;
	const planMiss = Math.abs(planned - recorded) / recorded;
	const direction = (x: number) => (x > recorded ? 'terlalu tinggi' : x < recorded ? 'terlalu rendah' : 'tepat');
	const lines = [
		`Perkiraan ${seasonName} meleset ${formatPercent(forecastMiss)}, ${direction(expected)}.`,
		`Diperkirakan terjual ${formatNumber(Math.round(expected))}, tercatat terjual ${formatNumber(recorded)}.`,
		planned === recorded
			? `Rencana membuat ${formatNumber(planned)}: sama dengan yang terjual.`
			: `Rencana membuat ${formatNumber(planned)}: ${formatNumber(Math.abs(planned - recorded))} ${planned > recorded ? 'lebih banyak' : 'lebih sedikit'} dari yang terjual.`
	];
	return { expected, planned, recorded, forecastMiss, planMiss, lines };
}
