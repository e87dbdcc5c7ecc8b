// What a week of the sales book may hold, checked the same way wherever it is written: the
// product page's form, `sales.record` and an imported file (issue 14). Pure: the messages are
// plain Indonesian for the producer or her agent.
import { daysBetween, mondayOf } from './calendar';

/** Most units one product can record for a week. */
export const MAX_WEEK_UNITS = 1_000_000;
/** How far back a week may be recorded: two years, what a plan looks back on. */
export const MAX_WEEKS_BACK = 104;

/** "120", "1.200" (Indonesian thousands), "1200 bungkus": whole units, or null. */
export function parseUnits(raw: string): number | null {
	const s = raw.trim().replace(/\s*[\p{L}]+\.?$/u, '').trim();
	if (!/^\d{1,3}(\.\d{3})+$|^\d+$/.test(s)) return null;
	const n = Number(s.replace(/\./g, ''));
	return Number.isSafeInteger(n) ? n : null;
}

export type SaleCheck = { ok: true; weekStart: string; units: number } | { ok: false; field: 'weekStart' | 'units'; message: string };

/**
 * A week (any day of it, 'YYYY-MM-DD') and its units, checked: a real day, a week that has begun
 * and is at most two years old, whole units from 0 to a million. The week is named by its Monday.
 */
export function checkSale(day: string, units: number, today: string): SaleCheck {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
		return { ok: false, field: 'weekStart', message: 'Tulis minggunya sebagai tanggal, misalnya 2026-11-23.' };
	}
	const weekStart = mondayOf(day);
	if (weekStart > today) return { ok: false, field: 'weekStart', message: 'Minggu itu belum mulai. Catat penjualan sesudah terjadi.' };
	if (daysBetween(weekStart, mondayOf(today)) / 7 > MAX_WEEKS_BACK) return { ok: false, field: 'weekStart', message: 'Minggu itu lebih dari 2 tahun lalu.' };
	if (!Number.isInteger(units) || units < 0) return { ok: false, field: 'units', message: 'Tulis jumlah terjual sebagai angka bulat, misalnya 25.' };
	if (units > MAX_WEEK_UNITS) return { ok: false, field: 'units', message: 'Jumlah terjual terlalu besar untuk satu minggu.' };
	return { ok: true, weekStart, units };
}
