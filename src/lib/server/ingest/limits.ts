// How much of an upload's own text the database keeps. A file with 250,000 unknown columns
// stored a 750 KB message (the columns it found, listed); a rejected row kept every cell. The
// history and the rejected-rows download need the start of such text, not all of it.

/** An import batch's summary message. */
export const MAX_MESSAGE_CHARS = 2000;
/** A rejected row as it came (the download shows it). */
export const MAX_RAW_ROW_CHARS = 4000;
/** A rejection reason (it may quote the bad value). */
export const MAX_REASON_CHARS = 500;

/** The text cut to `max` characters, with "…" where something was left out. */
export function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
