// The co-op's season plan (/koperasi, its print and CSV, `plan.coop`; issue 14): the co-op picks
// a season — the next Lebaran, Harbolnas 12.12, school start, or dates of its own — and for each
// member product the plan says how many to make, when to start and finish, and what to buy
// together by when. The arithmetic is analysis/season-plan.ts; this reads what it needs:
//   - the product's comparable listings' weekly series and its season forecast (30 weeks, fitted
//     by the background writer: derive/forecasts.ts `season:ID`; a forecast not fitted yet is
//     asked for, and the plan says it is being prepared);
//   - the member's sales book (share from her own sales) and what the co-op set (capacity, share,
//     lead time, buying time, bills of materials, how it buys each material);
//   - for the same season a year earlier, how far the forecast and the plan were from what was
//     recorded: the plan the co-op saved then, or else the plan remade as this method would have
//     made it 12 weeks before that season, on the data before then (`season:ID@origin`).
// Reads only. The co-op and whether the actor may see it are decided once (auth/access.ts coopFor).
import { nextEvents, weeksUntil, type MarketEvent } from '$lib/analysis/calendar';
import { dataDateSentence, isStale } from '$lib/analysis/freshness';
import { peakLine } from '$lib/analysis/narrate-demand';
import { ownPack } from '$lib/analysis/own-pack';
import {
	planProduct,
	purchasesFor,
	seasonError,
	whatsappText,
	type MemberPlan,
	type Purchase,
	type SeasonDemand,
	type SeasonError,
	type SeasonForecast,
	type Share
} from '$lib/analysis/season-plan';
import {
	nextSeason,
	planOrigin,
	resolveSeason,
	SEASON_KEYS,
	seasonBefore,
	seasonDayLine,
	sellingWeeksLine,
	type Season,
	type SeasonAsk
} from '$lib/analysis/seasons';
import { formatDate, formatDateRange } from '$lib/format';
import type { Actor } from '../auth/actor';
import { coopFor } from '../auth/access';
import type { Db } from '../db';
import {
	bomFor,
	coopPurchaseUnits,
	getCoopSettings,
	latestSavedPlan,
	memberPlanSettings,
	type BomRow,
	type CoopSettings,
	type SavedPlanLine
} from '../db/coop';
import { latestObservation } from '../db/data-date';
import { salesByProduct } from '../db/sales';
import { competitorSeries, type WeekUnits } from '../db/weekly-demand';
import { seasonForecastKey, storedForecast } from '../derive/forecasts';
import { requestDerived } from '../derive/notify';
import { InvalidInputError, NotFoundError } from '../errors';
import { cooperativeById, memberProducts } from '../db/queries/read/plan';
import { toSpreadsheetCsvLine } from '../ingest/readers/csv';
import { forecastForCategory, type ForecastView } from './forecasts';

export interface PlanLine {
	productId: number;
	name: string;
	producerId: number;
	producerName: string;
	categoryId: number;
	/** The word the member sells by: "bungkus", "buah". */
	unit: string;
	market: SeasonDemand;
	share: Share;
	plan: MemberPlan;
	/** Whether the share came from the co-op's own setting for this product (else the co-op default). */
	setShare: number | null;
	bom: BomRow[];
}

export interface MemberMessage {
	producerId: number;
	producerName: string;
	text: string;
	/**
	 * A wa.me link with the text only: the treasurer picks the member in WhatsApp. It carries no
	 * number, since members' phone numbers never leave the server (tests/security/leaks.test.ts).
	 */
	href: string;
}

export interface SeasonReview {
	season: Season;
	source: 'saved' | 'remade';
	/** "Rencana yang disimpan 30 November 2025." / "Dihitung ulang seperti dibuat 9 November 2025, 12 minggu sebelum musim." */
	intro: string;
	rows: (SavedPlanLine & { recorded: number })[];
	/** Member products left out because they did not record every week of the season. */
	incomplete: number;
	error: SeasonError;
	/** Some remade forecasts are not fitted yet: the numbers are not final. */
	preparing: boolean;
}

export interface SeasonChoice {
	value: (typeof SEASON_KEYS)[number];
	label: string;
}

export interface CoopPlan {
	coop: { id: number; name: string };
	settings: CoopSettings;
	season: Season & { lines: string[] };
	/** What the season picker offers: the next of each season, named with its dates. */
	choices: SeasonChoice[];
	/** Some season forecasts are not fitted yet: those products use last year's season meanwhile. */
	preparing: boolean;
	peaks: { line: string; event: MarketEvent; weeksAway: number }[];
	categories: { id: number; name: string; forecast: ForecastView; products: PlanLine[] }[];
	lines: PlanLine[];
	members: MemberMessage[];
	purchases: Purchase[];
	/** Products that make something but have no bill of materials: their materials are missing. */
	withoutBom: string[];
	totals: { wanted: number; units: number; short: number; late: number };
	review: SeasonReview | null;
	dataUntil: string | null;
	dataNote: string;
	stale: boolean;
	today: string;
	ms: number;
}

interface Member {
	productId: number;
	name: string;
	producerId: number;
	producerName: string;
	categoryId: number;
	categoryName: string;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
}

async function membersOf(db: Db, cooperativeId: number): Promise<Member[]> {
	return await memberProducts(db, cooperativeId);
}

/** The stored season forecast of this key on this series; null (and the writer asked) when not fitted. */
async function seasonForecast(db: Db, key: string, series: WeekUnits[]): Promise<SeasonForecast | null> {
	if (series.length === 0) return null;
	const stored = await storedForecast(db, key, series);
	if (!stored) {
		await requestDerived({ forecasts: [key] });
		return null;
	}
	const r = stored.result;
	return { points: r.points, beatsBaseline: r.beatsBaseline, folds: r.backtest.folds };
}

function whatsappHref(text: string): string {
	return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** "Lebaran 2027 (25 Jan–7 Mar 2027)" for each season, as of today. */
export function seasonChoices(today: string): SeasonChoice[] {
	return SEASON_KEYS.map((value) => {
		const s = nextSeason(value, today);
		return { value, label: `${s.name} (${formatDateRange(s.start, s.end)})` };
	});
}

/**
 * How far the forecast and the plan were from the recorded sales in the season a year before
 * `season` (when it is over): the plan the co-op saved for it, or else the plan remade on the data
 * before its origin. Null when that season is not over or no member recorded any of its weeks.
 */
async function review(db: Db, coopId: number, members: Member[], season: Season, settings: CoopSettings, shares: Map<number, number | null>, capacity: Map<number, number | null>, today: string): Promise<SeasonReview | null> {
	let before = seasonBefore(season);
	if (before.end >= today) before = seasonBefore(before);
	const ids = members.map((m) => m.productId);
	const sales = await salesByProduct(db, ids);
	const recordedIn = (productId: number) => {
		const by = new Map(sales.get(productId)!.map((s) => [s.weekStart, s.units]));
		const weeks = before.weeks.filter((w) => by.has(w));
		return { weeks: weeks.length, units: weeks.reduce((a, w) => a + by.get(w)!, 0) };
	};
	if (!ids.some((id) => recordedIn(id).weeks > 0)) return null;
	const saved = await latestSavedPlan(db, coopId, before.id);
	let lines: SavedPlanLine[];
	let intro: string;
	let preparing = false;
	if (saved) {
		lines = saved.lines.filter((l) => ids.includes(l.productId));
		intro = `Rencana ${before.name} yang disimpan ${formatDate(saved.savedAt.slice(0, 10))}.`;
	} else {
		const origin = planOrigin(before);
		intro = `Dihitung ulang seperti dibuat ${formatDate(origin)}, 12 minggu sebelum musim.`;
		lines = await Promise.all(members.map(async (m) => {
			const key = seasonForecastKey(m.productId, origin);
			const series = (await competitorSeries(db, m.productId)).filter((w) => w.weekStart < origin);
			const forecast = await seasonForecast(db, key, series);
			if (!forecast && series.length) preparing = true;
			const { plan } = planProduct({
				season: before,
				before: seasonBefore(before),
				series,
				forecast,
				sales: sales.get(m.productId)!,
				setPct: shares.get(m.productId) ?? settings.marketSharePct,
				capacity: capacity.get(m.productId) ?? null,
				unit: 'buah',
				settings,
				today: origin
			});
			return { productId: m.productId, name: m.name, producerName: m.producerName, expected: plan.wanted, planned: plan.units };
		}));
	}
	const complete = lines.map((l) => ({ ...l, ...recordedIn(l.productId) })).filter((l) => l.weeks === before.weeks.length);
	const rows = complete.map(({ weeks: _w, units, ...l }) => ({ ...l, recorded: units }));
	return { season: before, source: saved ? 'saved' : 'remade', intro, rows, incomplete: lines.length - rows.length, error: seasonError(before.name, rows), preparing };
}

async function coopPlan(db: Db, cooperativeId: number, opts: { today: string; season: SeasonAsk; horizon?: number }): Promise<CoopPlan | null> {
	const t0 = performance.now();
	const { today } = opts;
	const coop = await cooperativeById(db, cooperativeId);
	if (!coop) return null;
	const resolved = resolveSeason(opts.season, today);
	if (!resolved.ok) throw new InvalidInputError(resolved.message, 'season');
	const season = resolved.season;
	const before = seasonBefore(season);
	const settings = await getCoopSettings(db, cooperativeId);
	const members = await membersOf(db, cooperativeId);
	const ids = members.map((m) => m.productId);
	const boms = await bomFor(db, ids);
	const set = await memberPlanSettings(db, cooperativeId);
	const sales = await salesByProduct(db, ids);
	const buying = await coopPurchaseUnits(db, cooperativeId);
	let preparing = false;

	const lines: PlanLine[] = await Promise.all(members.map(async (m) => {
		const series = await competitorSeries(db, m.productId);
		const forecast = await seasonForecast(db, seasonForecastKey(m.productId), series);
		if (!forecast && series.length) preparing = true;
		const own = set.get(m.productId);
		const unit = ownPack(m.name, m.packQuantity, m.unit).word;
		const { market, share, plan } = planProduct({
			season,
			before,
			series,
			forecast,
			sales: sales.get(m.productId)!,
			setPct: own?.sharePct ?? settings.marketSharePct,
			capacity: own?.capacity ?? null,
			unit,
			settings,
			today
		});
		return {
			productId: m.productId,
			name: m.name,
			producerId: m.producerId,
			producerName: m.producerName,
			categoryId: m.categoryId,
			unit,
			market,
			share,
			plan,
			setShare: own?.sharePct ?? null,
			bom: boms.get(m.productId) ?? []
		};
	}));

	const purchases = purchasesFor(
		lines.map((l) => ({ name: l.name, units: l.plan.units, buyBy: l.plan.buyBy, bom: l.bom })),
		(k) => buying.get(`${k.material}|${k.unit}`) ?? null,
		today
	);

	const byProducer = new Map<number, PlanLine[]>();
	for (const l of lines) byProducer.set(l.producerId, [...(byProducer.get(l.producerId) ?? []), l]);
	const messages: MemberMessage[] = [...byProducer].map(([producerId, own]) => {
		const text = whatsappText(
			own[0].producerName,
			season,
			own.map((l) => ({ name: l.name, units: l.plan.units, unit: l.unit, start: l.plan.start, finish: l.plan.finish }))
		);
		return { producerId, producerName: own[0].producerName, text, href: whatsappHref(text) };
	});

	const categories = await Promise.all([...new Map(members.map((m) => [m.categoryId, m.categoryName]))].map(async ([id, name]) => ({
		id,
		name,
		forecast: (await forecastForCategory(db, id, opts.horizon ?? 8))!,
		products: lines.filter((r) => r.categoryId === id)
	})));

	const upcoming = nextEvents(today, 12);
	const lebaran = upcoming.find((e) => e.key === 'lebaran');
	const nextPeak = upcoming.find((e) => e.leadWeeks > 0 && e.date > today);
	const peaks = [...new Set([lebaran, nextPeak].filter((e): e is MarketEvent => Boolean(e)))]
		.sort((a, b) => a.date.localeCompare(b.date))
		.map((event) => ({ event, weeksAway: weeksUntil(today, event.date), line: peakLine(event.name, event.date, weeksUntil(today, event.date)) }));

	const dataUntil = await latestObservation(db);
	const shares = new Map([...set].map(([id, s]) => [id, s.sharePct]));
	const capacity = new Map([...set].map(([id, s]) => [id, s.capacity]));
	return {
		coop,
		settings,
		season: { ...season, lines: [seasonDayLine(season), sellingWeeksLine(season)].filter((l): l is string => l !== null) },
		choices: seasonChoices(today),
		preparing,
		peaks,
		categories,
		lines,
		members: messages,
		purchases,
		withoutBom: lines.filter((l) => l.bom.length === 0 && l.plan.units > 0).map((l) => l.name),
		totals: {
			wanted: lines.reduce((a, l) => a + l.plan.wanted, 0),
			units: lines.reduce((a, l) => a + l.plan.units, 0),
			short: lines.filter((l) => l.plan.short).length,
			late: lines.filter((l) => l.plan.status === 'past').length
		},
		review: await review(db, cooperativeId, members, season, settings, shares, capacity, today),
		dataUntil,
		dataNote: dataDateSentence(dataUntil, isStale(dataUntil, today)),
		stale: isStale(dataUntil, today),
		today,
		ms: Math.round(performance.now() - t0)
	};
}

/**
 * The season plan of the co-op an actor asks for (coopFor in auth/access.ts decides which, once):
 * a co-op account its own, admin the one asked for or the first. `season` defaults to the next
 * Lebaran. Forbidden or unknown: the errors every way in turns into 403 and 404; own dates that
 * do not make a season: InvalidInputError (422) with the reason.
 */
export async function coopPlanFor(
	db: Db,
	actor: Actor,
	opts: { cooperativeId?: number | null; today?: string; horizon?: number; season?: SeasonAsk } = {}
): Promise<CoopPlan> {
	const coop = await coopFor(db, actor, opts.cooperativeId);
	const plan = await coopPlan(db, coop.id, { today: opts.today ?? new Date().toISOString().slice(0, 10), season: opts.season ?? 'lebaran', horizon: opts.horizon });
	if (!plan) throw new NotFoundError('Koperasi ini tidak ada.');
	return plan;
}

/**
 * The plan as a CSV for the treasurer: one row per member product (what to make, when) and one per
 * purchase (whole purchase units, by when), every text cell neutralised against spreadsheet
 * formulas (member and product names are typed by people).
 */
export function planCsv(plan: CoopPlan): string {
	const header = ['bagian', 'anggota', 'produk_atau_bahan', 'jumlah', 'satuan', 'mulai', 'siap', 'beli_paling_lambat', 'dasar', 'catatan'];
	const rows: (string | number | null)[][] = plan.lines.map((l) => [
		'produksi',
		l.producerName,
		l.name,
		l.plan.units,
		l.unit,
		l.plan.start,
		l.plan.finish,
		l.plan.buyBy,
		l.share.label,
		[l.plan.short ? `musim minta ${l.plan.wanted}` : '', l.plan.status === 'past' || l.plan.status === 'today' ? 'bahan terlambat' : ''].filter(Boolean).join('; ')
	]);
	for (const p of plan.purchases) {
		rows.push([
			'pembelian',
			'',
			p.material,
			p.packs ?? p.needed,
			p.buying ? `${p.buying.purchaseUnit} (${p.buying.purchaseSize} ${p.unit})` : p.unit,
			'',
			'',
			p.buyBy,
			`${p.products.length} produk`,
			[p.leftover !== null ? `sisa ${p.leftover} ${p.unit}` : '', p.warning ?? ''].filter(Boolean).join('; ')
		]);
	}
	return [toSpreadsheetCsvLine(header), ...rows.map(toSpreadsheetCsvLine)].join('\r\n') + '\r\n';
}
