// Internal errors are logged once with a short id; the person sees only a generic message with
// that id ("kode 3f9a1c2e"), so a report can be matched to its log line without the internal
// text (SQL, file paths, "database is locked") ever reaching a browser or an API client.
import { randomBytes } from 'node:crypto';

/** Logs the error with a fresh id and returns the id. */
export function logInternalError(error: unknown, where: string): string {
	const id = randomBytes(4).toString('hex');
	const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
	console.error(`[galat ${id}] ${where}: ${detail}`);
	return id;
}
