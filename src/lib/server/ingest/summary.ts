// What one import reports, whichever loader ran it (listings and reviews through pipeline.ts,
// a co-op's sales book through sales.ts): the CLI's JSON line, /impor and the writer read it.
import type { DateSource } from '$lib/import-dates';

export interface ImportSummary {
	batch: number | null;
	rows: number;
	inserted: number;
	updated: number;
	duplicates: number;
	rejected: number;
	status: 'done' | 'failed';
	source: string | null;
	fileName: string;
	/** The batch's date ('' when the import failed before it was known) and where it came from. */
	observedAt: string;
	observedSource: DateSource | null;
	/** A date the file name suggests, when the import was refused for want of a date. */
	dateSuggestion: string | null;
	message: string;
	messageEn: string;
	unmapped: { categories: Record<string, number>; locations: Record<string, number> };
	ms: number;
	/** How long the main database's write lock was held (the merge), in ms; 0 when nothing was merged. */
	lockMs: number;
	/** The rows were saved but rebuilding the summaries from them failed (logged). */
	deriveFailed?: boolean;
	/** Where the time went, in ms: reading and staging the rows, resolving them, merging (lockMs). */
	phases?: { stageMs: number; resolveMs: number; mergeMs: number };
}
