// Sessions: a random 32-byte token lives only in the browser's cookie; the database keeps its
// sha256, so a leaked database copy cannot be replayed as sign-ins. Sessions are kept in the
// sign-in state's own database (db/auth-db.ts); the person comes from `users` in the main one.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { authDb } from '../db/auth-db';
import { isBusy } from '../db/busy';
import * as q from '../db/queries/auth/session';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'despro_sesi';
const DAY = 86_400_000;
export const SESSION_DAYS = 30;
/** A session used within its last 15 days is extended, so active people stay signed in. */
const RENEW_WITHIN_DAYS = 15;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
	await q.insertSession(authDb(db), { id: hashToken(token), userId, expiresAt: expiresAt.toISOString(), createdAt: now.toISOString() });
	return { token, expiresAt };
}

export interface ValidSession {
	user: Actor;
	sessionId: string;
	/** Set when the expiry moved: the cookie must be re-sent with it. */
	renewedUntil: Date | null;
	/** Signed in with a one-time code: a new password must be chosen before anything else. */
	mustChangePassword: boolean;
}

/**
 * The signed-in person for a cookie token, or null when the token is unknown or expired. Runs on
 * every request: its writes (an expired row removed, the expiry moved) are housekeeping that is
 * skipped, not waited for, in the rare moment the auth file is locked.
 */
export async function validateSession(db: Db, token: string | undefined, now = new Date()): Promise<ValidSession | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const auth = authDb(db);
	const session = await q.sessionById(auth, id);
	if (!session) return null;
	const expires = Date.parse(session.expiresAt);
	const row = await q.sessionUser(db, session.userId);
	// A disabled account's sessions are deleted when it is disabled; this also covers a race with that.
	if (!row || !(expires > now.getTime()) || row.disabledAt) {
		await housekeeping(() => q.deleteSessionById(auth, id));
		return null;
	}
	let renewedUntil: Date | null = null;
	if (expires - now.getTime() < RENEW_WITHIN_DAYS * DAY) {
		const until = new Date(now.getTime() + SESSION_DAYS * DAY);
		if (await housekeeping(() => q.setSessionExpiry(auth, id, until.toISOString()))) renewedUntil = until;
	}
	const { disabledAt: _, mustChangePassword, ...user } = row;
	return { user, sessionId: id, renewedUntil, mustChangePassword };
}

/** Runs a write that may wait for another time; false when the file was locked. */
async function housekeeping(write: () => Promise<unknown>): Promise<boolean> {
	try {
		await write();
		return true;
	} catch (e) {
		if (isBusy(e)) return false;
		throw e;
	}
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await q.deleteSessionById(authDb(db), sessionId);
}

export interface SessionInfo {
	id: string;
	createdAt: string;
	expiresAt: string;
	current: boolean;
}

/** A person's live sessions, newest first, the one making the request marked (the /akun page). */
export async function listSessions(db: Db, userId: number, currentId: string | null, now = new Date()): Promise<SessionInfo[]> {
	return (await q.liveSessionsOf(authDb(db), userId, now.toISOString())).map((r) => ({ ...r, current: r.id === currentId }));
}

/** Ends one of the person's own sessions; false when it is not theirs (or already gone). */
export async function deleteOwnSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
	return (await q.deleteSessionOf(authDb(db), userId, sessionId)) > 0;
}

/** Every session of a person except `keepId` (null: all of them); returns how many ended. */
export async function deleteUserSessions(db: Db, userId: number, keepId: string | null = null): Promise<number> {
	return await q.deleteSessionsOf(authDb(db), userId, keepId);
}

/** Cookie options: httpOnly (no script reads it), SameSite=Lax, Secure whenever the request came over HTTPS. */
export function sessionCookieOptions(url: URL, expiresAt: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires: expiresAt
	};
}

/** The cookie removal must carry the same flags: SvelteKit's default Secure would be refused over plain http. */
export function clearCookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
}
