// Failed sign-ins are counted per phone number and per address over a sliding window.
// Every number is counted the same way, registered or not, so the limit reveals nothing.
import type { Db } from '../db';

export const WINDOW_MS = 15 * 60_000;
/** Per phone number: guessing one person's password. */
export const MAX_PER_PHONE = 5;
/** Per address: a whole village may share one mobile network address, so more room here. */
export const MAX_PER_ADDRESS = 20;

export function attemptKeys(phone: string | null, address: string): { phone: string | null; address: string } {
	return { phone: phone ? `phone:${phone}` : null, address: `ip:${address}` };
}

function failuresSince(db: Db, key: string, since: string): number {
	return db.$client.prepare('select count(*) from login_attempts where key = ? and at > ?').pluck().get(key, since) as number;
}

/** True when either key has used up its failures in the window. */
export function isLimited(db: Db, phone: string | null, address: string, now = new Date()): boolean {
	const since = new Date(now.getTime() - WINDOW_MS).toISOString();
	const keys = attemptKeys(phone, address);
	if (keys.phone && failuresSince(db, keys.phone, since) >= MAX_PER_PHONE) return true;
	return failuresSince(db, keys.address, since) >= MAX_PER_ADDRESS;
}

export function recordFailure(db: Db, phone: string | null, address: string, now = new Date()): void {
	const keys = attemptKeys(phone, address);
	const at = now.toISOString();
	const insert = db.$client.prepare('insert into login_attempts (key, at) values (?, ?)');
	if (keys.phone) insert.run(keys.phone, at);
	insert.run(keys.address, at);
	// Old rows are useless once outside the window; keep the table small.
	db.$client.prepare('delete from login_attempts where at < ?').run(new Date(now.getTime() - 24 * 3600_000).toISOString());
}

/** After a successful sign-in the number's own failures are forgotten (the address's are not). */
export function clearPhoneFailures(db: Db, phone: string): void {
	db.$client.prepare('delete from login_attempts where key = ?').run(`phone:${phone}`);
}
