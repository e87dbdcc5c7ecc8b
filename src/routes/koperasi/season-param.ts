// The season a /koperasi address asks for (the page, its print and its CSV share it):
// ?musim=lebaran|harbolnas|sekolah (the next one; lebaran when absent or unknown), or
// ?musim=sendiri&mulai=YYYY-MM-DD&sampai=YYYY-MM-DD for dates of the co-op's own.
import type { SeasonAsk, SeasonKey } from '$lib/analysis/seasons';

export type SeasonParam = SeasonKey | 'sendiri';

export interface AskedSeason {
	ask: SeasonAsk;
	choice: SeasonParam;
	start: string;
	end: string;
}

const KEYS: SeasonParam[] = ['lebaran', 'harbolnas', 'sekolah', 'sendiri'];

export function seasonFromUrl(url: URL): AskedSeason {
	const raw = url.searchParams.get('musim') ?? 'lebaran';
	const choice = (KEYS as string[]).includes(raw) ? (raw as SeasonParam) : 'lebaran';
	const start = (url.searchParams.get('mulai') ?? '').slice(0, 10);
	const end = (url.searchParams.get('sampai') ?? '').slice(0, 10);
	return { ask: choice === 'sendiri' ? { start, end } : choice, choice, start, end };
}

/** The query that asks for the same season (and co-op) again: for the print and CSV links. */
export function seasonQuery(asked: AskedSeason, coopId: number): string {
	const q = new URLSearchParams({ koperasi: String(coopId), musim: asked.choice });
	if (asked.choice === 'sendiri') {
		q.set('mulai', asked.start);
		q.set('sampai', asked.end);
	}
	return q.toString();
}

/** ?koperasi= or a form's koperasi field: a co-op id, or null (the actor's own, or the first). */
export function askedCoop(raw: string | null): number | null {
	return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}
