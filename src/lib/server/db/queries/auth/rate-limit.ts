// Queries of auth/rate-limit.ts, on the sign-in state's connection (db/auth-db.ts). The counts
// run up to four times per sign-in try, so they are prepared once per connection.
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { AuthConn, AuthDb } from '../../auth-db';
import { knownDevices, loginAttempts } from '../../auth-schema';
import { prepared } from '../../statements';
import { exec, preparedFirst } from '../../run';

/** Failures recorded under `key` after `since` (ISO). */
export async function failuresSince(auth: AuthDb, key: string, since: string): Promise<number> {
	const row = await preparedFirst(auth, 'auth/rate-limit/failuresSince', (d) => d
			.select({ n: count() })
			.from(loginAttempts)
			.where(and(eq(loginAttempts.key, sql.placeholder('key')), gt(loginAttempts.at, sql.placeholder('since'))))
			, { key, since });
	return row?.n ?? 0;
}

/** Whether this device (sha256 of its token) has signed in to this account. */
export async function hasKnownDevice(auth: AuthDb, tokenHash: string, userId: number): Promise<boolean> {
	const row = await preparedFirst(auth, 'auth/rate-limit/knownDevice', (d) => d
			.select({ userId: knownDevices.userId })
			.from(knownDevices)
			.where(and(eq(knownDevices.tokenHash, sql.placeholder('tokenHash')), eq(knownDevices.userId, sql.placeholder('userId'))))
			, { tokenHash, userId });
	return row !== undefined;
}

/** One failure row per key, all at `at`. */
export async function insertAttempts(auth: AuthConn, keys: string[], at: string): Promise<void> {
	if (keys.length === 0) return;
	await exec(auth, auth
		.insert(loginAttempts)
		.values(keys.map((key) => ({ key, at }))));
}

/** Drops failures older than `before` (ISO). */
export async function deleteAttemptsBefore(auth: AuthConn, before: string): Promise<void> {
	await exec(auth, auth.delete(loginAttempts).where(lt(loginAttempts.at, before)));
}

/** Forgets every failure under `key`. */
export async function deleteAttemptsOf(auth: AuthDb, key: string): Promise<void> {
	await exec(auth, auth.delete(loginAttempts).where(eq(loginAttempts.key, key)));
}

/** Remembers a device for an account, or moves its last-seen time. */
export async function upsertKnownDevice(auth: AuthDb, tokenHash: string, userId: number, lastSeenAt: string): Promise<void> {
	await exec(auth, auth
		.insert(knownDevices)
		.values({ tokenHash, userId, lastSeenAt })
		.onConflictDoUpdate({ target: [knownDevices.tokenHash, knownDevices.userId], set: { lastSeenAt } }));
}

/** Forgets devices not seen since `before` (ISO). */
export async function deleteDevicesSeenBefore(auth: AuthDb, before: string): Promise<void> {
	await exec(auth, auth.delete(knownDevices).where(lt(knownDevices.lastSeenAt, before)));
}
