// How old the market data behind a page is, decided in one place for every surface (dashboard,
// /agen, explain view, WhatsApp text, print, /tren, /koperasi, tRPC, alerts, advice). Data
// observed more than 4 weeks before today is "data sudah lama": it is shown with its date,
// raises no alerts and gives no price or stock advice (DESIGN.md, "Dates").
import { formatDate } from '../format';

/** Data older than this many days is "data sudah lama". */
export const STALE_DAYS = 28;

const DAY_MS = 86_400_000;

/** Whole days from the data's date to today (both YYYY-MM-DD); NaN when either is not a date. */
export function ageInDays(dataUntil: string, today: string): number {
	return Math.round((Date.parse(today.slice(0, 10)) - Date.parse(dataUntil.slice(0, 10))) / DAY_MS);
}

/** The one rule: data observed more than STALE_DAYS days before today. No data is not old data. */
export function isStale(dataUntil: string | null | undefined, today: string): boolean {
	if (!dataUntil) return false;
	return ageInDays(dataUntil, today) > STALE_DAYS;
}

/** "Data per 26 April 2025" — or, without any data, "Belum ada data pasar". */
export function dataDateLabel(dataUntil: string | null | undefined): string {
	return dataUntil ? `Data per ${formatDate(dataUntil)}` : 'Belum ada data pasar';
}

/**
 * The sentences every surface shows about the data's date:
 * "Data per 20 November 2026." / "Data per 26 April 2025. Data sudah lama, lebih dari 4 minggu."
 */
export function dataDateSentence(dataUntil: string | null | undefined, stale: boolean): string {
	const label = `${dataDateLabel(dataUntil)}.`;
	return stale ? `${label} Data sudah lama, lebih dari 4 minggu.` : label;
}
