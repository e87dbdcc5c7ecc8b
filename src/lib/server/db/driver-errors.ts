// What a driver's error means, for the few errors the app answers differently: another
// connection holds the lock (wait and retry, or a plain 503), and a unique key already taken
// (a friendly message on the form field). Codes differ by engine: better-sqlite3 throws SQLite's
// extended codes as they are; node-postgres gives SQLSTATE codes, and drizzle's async path wraps
// them in a DrizzleQueryError whose `cause` holds the driver's error. Both are read here.

/** The driver's error code of `e`, or of the error it wraps (drizzle's DrizzleQueryError). */
function codeOf(e: unknown): string | null {
	for (let err = e, depth = 0; err && typeof err === 'object' && depth < 3; err = (err as { cause?: unknown }).cause, depth++) {
		const code = (err as { code?: unknown }).code;
		if (typeof code === 'string') return code;
	}
	return null;
}

/**
 * Another connection holds what this one needs: SQLITE_BUSY and its extended codes
 * (SQLITE_BUSY_SNAPSHOT…); on PostgreSQL lock_not_available (55P03, with lock_timeout or
 * NOWAIT), serialization_failure (40001) and deadlock_detected (40P01), each safe to retry whole.
 */
export function isLockConflict(e: unknown): boolean {
	const code = codeOf(e);
	return code !== null && (code.startsWith('SQLITE_BUSY') || code === '55P03' || code === '40001' || code === '40P01');
}

/** A unique key (or primary key) was already taken: SQLite's constraint codes, PostgreSQL's unique_violation (23505). */
export function isUniqueViolation(e: unknown): boolean {
	const code = codeOf(e);
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
