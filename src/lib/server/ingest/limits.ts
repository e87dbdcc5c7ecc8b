// How much of an upload's own text the database keeps. A file with 250,000 unknown columns
// stored a 750 KB message (the columns it found, listed); a rejected row kept every cell. The
// history and the rejected-rows download need the start of such text, not all of it.

/** An import batch's summary message. */
export const MAX_MESSAGE_CHARS = 2000;
/** A rejected row as it came (the download shows it). */
export const MAX_RAW_ROW_CHARS = 4000;
/** A rejection reason (it may quote the bad value). */
export const MAX_REASON_CHARS = 500;

/**
 * The text cut to `max` characters, with "…" where something was left out. A NUL byte shows as
 * U+FFFD: PostgreSQL's text refuses NUL, and a rejected row must be stored to be reported.
 */
export function clip(text: string, max: number): string {
	const kept = text.includes('\u0000') ? text.replace(/\u0000/g, '\ufffd') : text;
	return kept.length <= max ? kept : `${kept.slice(0, max - 1)}…`;
}
