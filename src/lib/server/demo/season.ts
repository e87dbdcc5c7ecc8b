// Weekly demand shape of the demo market: the pre-Lebaran rise on the true Idul Fitri date of
// each year (calendar.ts), the dip in the Lebaran week itself, Harbolnas 11.11 and 12.12,
// school start in July, a gentle trend per leaf and a recent change for a few leaves.
import { addDays, daysBetween, idulFitri } from '../../analysis/calendar';
import type { Leaf } from './catalog';
import type { Rng } from './prng';

/** The observation dates: `weeks` Mondays, oldest first, the last on or before endDate. */
export function observationDates(endDate: string, weeks: number): string[] {
	const end = new Date(`${endDate}T00:00:00Z`);
	const back = (end.getUTCDay() + 6) % 7; // days since Monday
	const last = addDays(endDate, -back);
	return Array.from({ length: weeks }, (_, i) => addDays(last, -7 * (weeks - 1 - i)));
}

// Weight of the rise by weeks before the Lebaran week (1 = the week just before).
const PRE_LEBARAN = [0, 1, 0.95, 0.8, 0.6, 0.4, 0.2];

const lebaranCache = new Map<number, string>();
function lebaran(year: number): string {
	let d = lebaranCache.get(year);
	if (!d) lebaranCache.set(year, (d = idulFitri(year)));
	return d;
}

/** Multiplier for the Lebaran season in the week that starts on `weekStart`. */
export function lebaranFactor(weekStart: string, sensitivity: number): number {
	const year = Number(weekStart.slice(0, 4));
	for (const y of [year, year + 1]) {
		const days = daysBetween(weekStart, lebaran(y));
		if (days >= 0 && days < 7) return 1 - 0.35 - 0.1 * Math.min(1, sensitivity); // couriers and sellers are off
		if (days >= -7 && days < 0) return 0.85;
		if (days >= 7 && days < 49) return 1 + 1.2 * sensitivity * PRE_LEBARAN[Math.floor(days / 7)];
	}
	return 1;
}

function containsDay(weekStart: string, month: number, day: number): boolean {
	const year = Number(weekStart.slice(0, 4));
	for (const y of [year, year + 1]) {
		const d = daysBetween(weekStart, `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
		if (d >= 0 && d < 7) return true;
	}
	return false;
}

/** True when the week starting `weekStart` holds a double-date sale (9.9, 10.10, 11.11, 12.12). */
export function isSaleWeek(weekStart: string): boolean {
	return containsDay(weekStart, 9, 9) || containsDay(weekStart, 10, 10) || containsDay(weekStart, 11, 11) || containsDay(weekStart, 12, 12);
}

export function harbolnasFactor(weekStart: string, strength: number): number {
	if (containsDay(weekStart, 12, 12)) return 1 + 0.7 * strength;
	if (containsDay(weekStart, 11, 11)) return 1 + 0.5 * strength;
	if (containsDay(weekStart, 10, 10) || containsDay(weekStart, 9, 9)) return 1 + 0.12 * strength;
	return 1;
}

/** School year starts mid July: uniforms and school bags sell from late June. */
export function schoolFactor(weekStart: string, strength: number): number {
	if (strength === 0) return 1;
	const md = weekStart.slice(5);
	if (md >= '06-29' && md < '07-20') return 1 + 0.8 * strength;
	if (md >= '06-22' && md < '06-29') return 1 + 0.35 * strength;
	if (md >= '07-20' && md < '07-27') return 1 + 0.2 * strength;
	return 1;
}

/**
 * Demand multiplier per leaf for each sales week i (the week from dates[i] to dates[i+1]);
 * length dates.length - 1. Includes trend, recent change and a shared weekly noise.
 */
export function leafWeekFactors(leaf: Leaf, dates: string[], rng: Rng): Float64Array {
	const n = dates.length - 1;
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const ws = dates[i];
		const yearsToEnd = (i - (n - 1)) / 52;
		let f = Math.exp(leaf.trend * yearsToEnd);
		// The recent change ramps in over two weeks, five weeks before the end, so the last four
		// weeks carry it fully: what /tren and the alerts should find.
		const recentStart = n - 7;
		if (leaf.recent !== 0 && i > recentStart) f *= 1 + leaf.recent * Math.min(1, (i - recentStart) / 2);
		f *= lebaranFactor(ws, leaf.lebaran);
		f *= harbolnasFactor(ws, leaf.harbolnas);
		f *= schoolFactor(ws, leaf.school);
		f *= Math.exp(rng.normal(0, 0.1));
		out[i] = f;
	}
	return out;
}

/** Growth of a marketplace's traffic over the weeks (1 at the end). */
export function marketplaceWeekFactors(growth: number, n: number): Float64Array {
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) out[i] = Math.exp(Math.log(1 + growth) * ((i - (n - 1)) / 52));
	return out;
}
