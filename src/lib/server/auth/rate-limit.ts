// Failed sign-ins, counted over a sliding window so that guessing stays slow, without handing
// anyone a way to lock an owner out (issue 12: five wrong passwords from anywhere used to lock a
// number for 15 minutes, even with the right password, from every device).
//
// A try from a browser that has not signed in to this account before ("unknown device") is
// refused when, within the window:
//   - this number failed MAX_PER_PHONE_ADDRESS times from this address (one attacker, one number),
//   - this number failed MAX_PER_PHONE times in all (many addresses: guessing stays slow),
//   - this address failed MAX_PER_ADDRESS times for any numbers (one attacker, many numbers).
// One address can add at most MAX_PER_PHONE_ADDRESS to a number's count, less than
// MAX_PER_PHONE: failures from one address never lock the owner out at another address.
// A browser that signed in to this account before (its device cookie, known_devices) is refused
// only after MAX_PER_DEVICE failures of its own: other people's failures do not count against it.
// Every number is counted the same way, registered or not, so the limits reveal nothing.
// The counts live in the sign-in state's own database (db/auth-db.ts), not the main one.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { authDb } from '../db/auth-db';
import * as q from '../db/queries/auth/rate-limit';
import { transaction } from '../db/run';

export const WINDOW_MS = 15 * 60_000;
/** One number from one address. */
export const MAX_PER_PHONE_ADDRESS = 5;
/** One number from all addresses together (unknown devices). */
export const MAX_PER_PHONE = 10;
/** Per address: a whole village may share one mobile network address, so more room here. */
export const MAX_PER_ADDRESS = 20;
/** A known device's own failures for one number. */
export const MAX_PER_DEVICE = 5;

/** The device cookie: a random token per browser; the database keeps its sha256 per account. */
export const DEVICE_COOKIE = 'despro_perangkat';
export const DEVICE_DAYS = 365;

export interface Attempt {
	/** Normalised 628… number, or null when what was typed is not a phone number. */
	phone: string | null;
	address: string;
	/** The device cookie's token as sent (unchecked), or null. */
	device: string | null;
}

const deviceHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A device token as a browser may send it: anything else is treated as no device. */
export function usableDeviceToken(value: string | undefined | null): string | null {
	return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

export function attemptKeys(a: Attempt): { phone: string | null; phoneAddress: string | null; address: string; device: string | null } {
	return {
		phone: a.phone ? `phone:${a.phone}` : null,
		phoneAddress: a.phone ? `phone-ip:${a.phone}|${a.address}` : null,
		address: `ip:${a.address}`,
		device: a.phone && a.device ? `device:${deviceHash(a.device)}|${a.phone}` : null
	};
}

async function failuresSince(db: Db, key: string, since: string): Promise<number> {
	return await q.failuresSince(authDb(db), key, since);
}

/** Whether this browser has signed in to this account before. */
export async function isKnownDevice(db: Db, device: string | null, userId: number | null): Promise<boolean> {
	if (!device || userId === null) return false;
	return await q.hasKnownDevice(authDb(db), deviceHash(device), userId);
}

/** True when this try must wait (see the rules at the top). */
export async function isLimited(db: Db, attempt: Attempt, knownDevice: boolean, now = new Date()): Promise<boolean> {
	const since = new Date(now.getTime() - WINDOW_MS).toISOString();
	const keys = attemptKeys(attempt);
	if (knownDevice && keys.device) return (await failuresSince(db, keys.device, since)) >= MAX_PER_DEVICE;
	if ((await failuresSince(db, keys.address, since)) >= MAX_PER_ADDRESS) return true;
	if (keys.phoneAddress && (await failuresSince(db, keys.phoneAddress, since)) >= MAX_PER_PHONE_ADDRESS) return true;
	return keys.phone !== null && (await failuresSince(db, keys.phone, since)) >= MAX_PER_PHONE;
}

export async function recordFailure(db: Db, attempt: Attempt, now = new Date()): Promise<void> {
	const keys = attemptKeys(attempt);
	const at = now.toISOString();
	// One transaction: a retry after a locked file (db/busy.ts) never counts a failure twice.
	await transaction(authDb(db), async (tx) => {
		await q.insertAttempts(
			tx,
			[keys.phone, keys.phoneAddress, keys.address, keys.device].filter((key) => key !== null),
			at
		);
		// Old rows are useless once outside the window; keep the table small.
		await q.deleteAttemptsBefore(tx, new Date(now.getTime() - 24 * 3600_000).toISOString());
	});
}

/**
 * After a successful sign-in, this number's failures from this address and this device are
 * forgotten. Its count over all addresses is not: the owner signing in from home must not
 * reset the budget of someone guessing from elsewhere.
 */
export async function clearAfterSuccess(db: Db, attempt: Attempt): Promise<void> {
	const keys = attemptKeys(attempt);
	const auth = authDb(db);
	for (const key of [keys.phoneAddress, keys.device]) if (key) await q.deleteAttemptsOf(auth, key);
}

/**
 * Remembers this browser for the account and returns the token its cookie must hold: the one it
 * sent (one token per browser, for every account signed in on it) or a new one.
 */
export async function rememberDevice(db: Db, device: string | null, userId: number, now = new Date()): Promise<string> {
	const token = device ?? randomBytes(32).toString('base64url');
	const auth = authDb(db);
	await q.upsertKnownDevice(auth, deviceHash(token), userId, now.toISOString());
	// A browser not seen for a year is a stranger again.
	await q.deleteDevicesSeenBefore(auth, new Date(now.getTime() - DEVICE_DAYS * 86_400_000).toISOString());
	return token;
}

/** Cookie options for the device token: only /masuk reads it; httpOnly; a year. */
export function deviceCookieOptions(url: URL) {
	return {
		path: '/masuk',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		maxAge: DEVICE_DAYS * 86_400
	};
}
