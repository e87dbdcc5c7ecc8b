// Errors every way in (pages, form actions, tRPC) answers the same way. Three are a service's
// verdict, meant for the person: NotFoundError (missing, or not theirs to see: 404), ForbiddenError
// (they see it but may not do this: 403) and InvalidInputError (what they sent is wrong: a form
// shows it next to its field, tRPC answers 422 with the message). Anything else thrown is internal:
// logged once with a short id; the person sees only a generic message with that id ("kode
// 3f9a1c2e"), so a report can be matched to its log line without the internal text (SQL, file
// paths, "database is locked") ever reaching a browser or an API client. A leaf: imports nothing
// of the app, so auth/, read/, write/ and trpc/ all use it without a cycle.
import { randomBytes } from 'node:crypto';

/** A resource the actor may not see, or that does not exist: the same answer for both. */
export class NotFoundError extends Error {
	constructor(message = 'Data ini tidak ada. Mungkin alamatnya salah atau sudah dihapus.') {
		super(message);
		this.name = 'NotFoundError';
	}
}

/** The actor sees the resource but may not do this to it (a co-op changing a member's price). */
export class ForbiddenError extends Error {
	constructor(message = 'Anda tidak boleh melakukan ini.') {
		super(message);
		this.name = 'ForbiddenError';
	}
}

/** What a caller did wrong (or a subclass: a form field, an account rule), with a message for the person. */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		/** The input field at fault, where there is one (a form field, a procedure's input key). */
		readonly field: string | null = null
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** A problem with one form field, shown next to it (and a 422 with the message over tRPC). */
export class FieldError extends InvalidInputError {
	constructor(
		override readonly field: string,
		message: string
	) {
		super(message, field);
		this.name = 'FieldError';
	}
}

/** Logs the error with a fresh id and returns the id. */
export function logInternalError(error: unknown, where: string): string {
	const id = randomBytes(4).toString('hex');
	const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
	// The causes too: drizzle wraps a driver's error ("Failed query: …") and keeps the reason
	// (a refused connection, a constraint) in `cause`.
	let detail = describe(error);
	for (let e = error, depth = 0; e instanceof Error && e.cause !== undefined && depth < 5; e = e.cause, depth++) detail += `\nCaused by: ${describe(e.cause)}`;
	console.error(`[galat ${id}] ${where}: ${detail}`);
	return id;
}
