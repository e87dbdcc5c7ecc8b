// Queries of auth/rate-limit.ts, on the sign-in state's connection (db/auth-db.ts). The counts
// run up to four times per sign-in try, so they are prepared once per connection.
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { AuthConn, AuthDb } from '../../auth-db';
import { knownDevices, loginAttempts } from '../../auth-schema';
import { prepared } from '../../statements';

/** Failures recorded under `key` after `since` (ISO). */
export function failuresSince(auth: AuthDb, key: string, since: string): number {
	const row = prepared(auth, 'auth/rate-limit/failuresSince', (d) =>
		d
			.select({ n: count() })
			.from(loginAttempts)
			.where(and(eq(loginAttempts.key, sql.placeholder('key')), gt(loginAttempts.at, sql.placeholder('since'))))
			.prepare()
	).get({ key, since });
	return row?.n ?? 0;
}

/** Whether this device (sha256 of its token) has signed in to this account. */
export function hasKnownDevice(auth: AuthDb, tokenHash: string, userId: number): boolean {
	const row = prepared(auth, 'auth/rate-limit/knownDevice', (d) =>
		d
			.select({ userId: knownDevices.userId })
			.from(knownDevices)
			.where(and(eq(knownDevices.tokenHash, sql.placeholder('tokenHash')), eq(knownDevices.userId, sql.placeholder('userId'))))
			.prepare()
	).get({ tokenHash, userId });
	return row !== undefined;
}

/** One failure row per key, all at `at`. */
export function insertAttempts(auth: AuthConn, keys: string[], at: string): void {
	if (keys.length === 0) return;
	auth
		.insert(loginAttempts)
		.values(keys.map((key) => ({ key, at })))
		.run();
}

/** Drops failures older than `before` (ISO). */
export function deleteAttemptsBefore(auth: AuthConn, before: string): void {
	auth.delete(loginAttempts).where(lt(loginAttempts.at, before)).run();
}

/** Forgets every failure under `key`. */
export function deleteAttemptsOf(auth: AuthDb, key: string): void {
	auth.delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
}

/** Remembers a device for an account, or moves its last-seen time. */
export function upsertKnownDevice(auth: AuthDb, tokenHash: string, userId: number, lastSeenAt: string): void {
	auth
		.insert(knownDevices)
		.values({ tokenHash, userId, lastSeenAt })
		.onConflictDoUpdate({ target: [knownDevices.tokenHash, knownDevices.userId], set: { lastSeenAt } })
		.run();
}

/** Forgets devices not seen since `before` (ISO). */
export function deleteDevicesSeenBefore(auth: AuthDb, before: string): void {
	auth.delete(knownDevices).where(lt(knownDevices.lastSeenAt, before)).run();
}
