// The co-op's plan (/koperasi, `plan.coop`): member products grouped by category with the
// category forecast, a production run per product and one bulk purchase of raw materials.
//
// The arithmetic, in the order a co-op thinks about it:
//   start   = the first Monday at least `buyDaysBefore` days from today (materials must be in first)
//   buy by  = start − buyDaysBefore days
//   ready   = start + leadTimeWeeks weeks
//   window  = `runWeeks` weeks from ready: the sales this run is made for
//   demand  = forecast units of the product's competitor set over the window, or, where the
//             forecast did not beat the seasonal-naive baseline, the last 4 weeks' average × weeks
//   make    = ⌈demand × marketSharePct / 100⌉
//   material= Σ over member products of make × quantity per unit, per material and unit
import { nextEvents, weeksUntil, type MarketEvent } from '$lib/analysis/calendar';
import { addWeeks, weekStart } from '$lib/analysis/demand';
import type { ForecastPoint } from '$lib/analysis/forecast';
import { formatDate, formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import { coopFor } from '../auth/access';
import type { Db } from '../db';
import { bomFor, getCoopSettings, type BomRow, type CoopSettings } from '../db/coop';
import { isStale } from '$lib/analysis/freshness';
import { latestObservation } from '../db/data-date';
import { forecastForCategory, forecastForProduct, type ForecastView } from './forecasts';
import { peakLine } from '$lib/analysis/narrate-demand';
import type { WeekUnits } from '../db/weekly-demand';
import { NotFoundError } from '../errors';

// --- pure arithmetic ------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);

export interface RunDates {
	start: string;
	buyBy: string;
	ready: string;
	/** Mondays of the weeks the run is sold in. */
	window: string[];
}

export function runDates(today: string, s: CoopSettings): RunDates {
	const earliest = addDays(today, s.buyDaysBefore);
	const monday = weekStart(earliest);
	const start = monday < earliest ? addWeeks(monday, 1) : monday;
	const ready = addWeeks(start, s.leadTimeWeeks);
	return {
		start,
		buyBy: addDays(start, -s.buyDaysBefore),
		ready,
		window: Array.from({ length: s.runWeeks }, (_, k) => addWeeks(ready, k))
	};
}

export interface RunDemand {
	units: number;
	basis: 'forecast' | 'recent' | 'none';
	/** Window weeks past the forecast's last week, filled with the forecast weeks' average. */
	extrapolatedWeeks: number;
}

/**
 * Expected sales of the competitor set over the window: the forecast where it is trusted
 * (weeks beyond its horizon take the average of the covered weeks), otherwise the last 4
 * weeks' average per week.
 */
export function windowDemand(window: string[], forecast: { shown: boolean; points: ForecastPoint[] }, recent: WeekUnits[]): RunDemand {
	if (forecast.shown && forecast.points.length) {
		const byWeek = new Map(forecast.points.map((p) => [p.weekStart, p.value]));
		const covered = window.filter((w) => byWeek.has(w)).map((w) => byWeek.get(w)!);
		if (covered.length) {
			const avg = covered.reduce((a, b) => a + b, 0) / covered.length;
			const missing = window.length - covered.length;
			return { units: covered.reduce((a, b) => a + b, 0) + avg * missing, basis: 'forecast', extrapolatedWeeks: missing };
		}
	}
	const last = recent.slice(-4);
	if (!last.length) return { units: 0, basis: 'none', extrapolatedWeeks: 0 };
	const avg = last.reduce((a, w) => a + w.units, 0) / last.length;
	return { units: avg * window.length, basis: 'recent', extrapolatedWeeks: 0 };
}

// The epsilon keeps 1000 × 5% at 50 despite floating point; max(0, …) avoids a '-0'.
export const makeQuantity = (demand: number, sharePct: number) => Math.max(0, Math.ceil((demand * sharePct) / 100 - 1e-9));

export interface MaterialLine {
	material: string;
	unit: string;
	quantity: number;
	/** Names of the products that use it. */
	products: string[];
}

/** Sums quantity × per-unit amounts per material and unit (case-insensitive), rounded up to 0,01. */
export function sumMaterials(runs: { name: string; quantity: number; bom: BomRow[] }[]): MaterialLine[] {
	const byKey = new Map<string, MaterialLine>();
	for (const r of runs) {
		if (r.quantity <= 0) continue;
		for (const b of r.bom) {
			const key = `${b.material.toLowerCase()}|${b.unit.toLowerCase()}`;
			let line = byKey.get(key);
			if (!line) byKey.set(key, (line = { material: b.material, unit: b.unit, quantity: 0, products: [] }));
			line.quantity += r.quantity * b.quantity;
			if (!line.products.includes(r.name)) line.products.push(r.name);
		}
	}
	return [...byKey.values()]
		.map((l) => ({ ...l, quantity: Math.ceil(l.quantity * 100 - 1e-6) / 100 }))
		.sort((a, b) => a.material.localeCompare(b.material, 'id'));
}

// --- the plan -------------------------------------------------------------------------------

export interface ProductRun {
	productId: number;
	name: string;
	producerName: string;
	categoryId: number;
	quantity: number;
	demand: number;
	basis: RunDemand['basis'];
	why: string;
	bom: BomRow[];
}

export interface CoopPlan {
	coop: { id: number; name: string };
	settings: CoopSettings;
	dates: RunDates;
	peaks: { line: string; event: MarketEvent; weeksAway: number }[];
	categories: { id: number; name: string; forecast: ForecastView; products: ProductRun[] }[];
	runs: ProductRun[];
	materials: MaterialLine[];
	/** Products whose bill of materials is empty: their materials are missing from the sum. */
	withoutBom: string[];
	dataUntil: string | null;
	stale: boolean;
	ms: number;
}

function whyLine(d: RunDemand, s: CoopSettings, weeks: number, forecastReady: boolean): string {
	const share = `Dari tiap 100 yang terjual, ${formatNumber(s.marketSharePct)} dibuat anggota.`;
	const n = formatNumber(Math.round(d.units));
	if (d.basis === 'none') return 'Belum ada penjualan produk serupa, jadi belum bisa dihitung.';
	// A forecast the writer has not fitted yet is not one that failed: say which it is.
	const why = forecastReady ? 'Perkiraan sulit dibuat' : 'Perkiraan sedang disiapkan';
	if (d.basis === 'recent') return `${why}, jadi memakai rata-rata 4 minggu terakhir: ${n} dalam ${weeks} minggu. ${share}`;
	return `Produk serupa diperkirakan terjual ${n} dalam ${weeks} minggu. ${share}`;
}

function coopPlan(db: Db, cooperativeId: number, opts: { today?: string; horizon?: number } = {}): CoopPlan | null {
	const t0 = performance.now();
	const today = opts.today ?? new Date().toISOString().slice(0, 10);
	const coop = db.$client.prepare('select id, name from cooperatives where id = ?').get(cooperativeId) as { id: number; name: string } | undefined;
	if (!coop) return null;
	const settings = getCoopSettings(db, cooperativeId);
	const dates = runDates(today, settings);
	const members = db.$client
		.prepare(
			`select p.id as productId, p.name, pr.name as producerName, p.category_id as categoryId, c.name as categoryName
			 from memberships m join producers pr on pr.id = m.producer_id join products p on p.producer_id = pr.id
			 join categories c on c.id = p.category_id where m.cooperative_id = ? order by c.name, pr.name, p.name`
		)
		.all(cooperativeId) as { productId: number; name: string; producerName: string; categoryId: number; categoryName: string }[];
	const boms = bomFor(db, members.map((m) => m.productId));

	const runs: ProductRun[] = members.map((m) => {
		const f = forecastForProduct(db, m.productId, 12)!;
		const demand = windowDemand(dates.window, { shown: f.shown, points: f.fitted }, f.history);
		return {
			productId: m.productId,
			name: m.name,
			producerName: m.producerName,
			categoryId: m.categoryId,
			quantity: makeQuantity(demand.units, settings.marketSharePct),
			demand: Math.round(demand.units),
			basis: demand.basis,
			why: whyLine(demand, settings, dates.window.length, f.ready),
			bom: boms.get(m.productId) ?? []
		};
	});

	const categories = [...new Map(members.map((m) => [m.categoryId, m.categoryName]))].map(([id, name]) => ({
		id,
		name,
		forecast: forecastForCategory(db, id, opts.horizon ?? 8)!,
		products: runs.filter((r) => r.categoryId === id)
	}));

	const upcoming = nextEvents(today, 12);
	const lebaran = upcoming.find((e) => e.key === 'lebaran');
	const nextPeak = upcoming.find((e) => e.leadWeeks > 0 && e.date > today);
	const peaks = [...new Set([lebaran, nextPeak].filter((e): e is MarketEvent => Boolean(e)))]
		.sort((a, b) => a.date.localeCompare(b.date))
		.map((event) => ({ event, weeksAway: weeksUntil(today, event.date), line: peakLine(event.name, event.date, weeksUntil(today, event.date)) }));

	const dataUntil = latestObservation(db);
	const stale = isStale(dataUntil, today);
	return {
		coop,
		settings,
		dates,
		peaks,
		categories,
		runs,
		materials: sumMaterials(runs.map((r) => ({ name: r.name, quantity: r.quantity, bom: r.bom }))),
		withoutBom: runs.filter((r) => r.bom.length === 0 && r.quantity > 0).map((r) => r.name),
		dataUntil,
		stale,
		ms: Math.round(performance.now() - t0)
	};
}

/**
 * The plan of the co-op an actor asks for (coopFor in auth/access.ts decides which, once): a
 * co-op account its own, admin the one asked for or the first. Forbidden or unknown: the errors
 * every way in turns into 403 and 404.
 */
export function coopPlanFor(db: Db, actor: Actor, opts: { cooperativeId?: number | null; today?: string; horizon?: number } = {}): CoopPlan {
	const coop = coopFor(db, actor, opts.cooperativeId);
	const plan = coopPlan(db, coop.id, opts);
	if (!plan) throw new NotFoundError('Koperasi ini tidak ada.');
	return plan;
}

/** "Beli bersama paling lambat 7 Desember 2026." */
export function buyBySentence(plan: CoopPlan): string {
	return `Beli bersama paling lambat ${formatDate(plan.dates.buyBy)}.`;
}
