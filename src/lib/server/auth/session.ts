// Sessions: a random 32-byte token lives only in the browser's cookie; the database keeps its
// sha256, so a leaked database copy cannot be replayed as sign-ins. Sessions are kept in the
// sign-in state's own database (db/auth-db.ts); the person comes from `users` in the main one.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { authDb } from '../db/auth-db';
import { isBusy } from '../db/busy';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'despro_sesi';
const DAY = 86_400_000;
export const SESSION_DAYS = 30;
/** A session used within its last 15 days is extended, so active people stay signed in. */
const RENEW_WITHIN_DAYS = 15;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, userId: number, now = new Date()): { token: string; expiresAt: Date } {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
	authDb(db)
		.$client.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)')
		.run(hashToken(token), userId, expiresAt.toISOString(), now.toISOString());
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
export function validateSession(db: Db, token: string | undefined, now = new Date()): ValidSession | null {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const auth = authDb(db).$client;
	const session = auth.prepare('select user_id as userId, expires_at as expiresAt from sessions where id = ?').get(id) as
		| { userId: number; expiresAt: string }
		| undefined;
	if (!session) return null;
	const expires = Date.parse(session.expiresAt);
	const row = db.$client
		.prepare(
			`select id, role, name, producer_id as producerId, agent_id as agentId, cooperative_id as cooperativeId,
			        disabled_at as disabledAt, must_change_password as mustChange
			 from users where id = ?`
		)
		.get(session.userId) as (Actor & { disabledAt: string | null; mustChange: number }) | undefined;
	// A disabled account's sessions are deleted when it is disabled; this also covers a race with that.
	if (!row || !(expires > now.getTime()) || row.disabledAt) {
		housekeeping(() => auth.prepare('delete from sessions where id = ?').run(id));
		return null;
	}
	let renewedUntil: Date | null = null;
	if (expires - now.getTime() < RENEW_WITHIN_DAYS * DAY) {
		const until = new Date(now.getTime() + SESSION_DAYS * DAY);
		if (housekeeping(() => auth.prepare('update sessions set expires_at = ? where id = ?').run(until.toISOString(), id))) renewedUntil = until;
	}
	const { disabledAt: _, mustChange, ...user } = row;
	return { user, sessionId: id, renewedUntil, mustChangePassword: Boolean(mustChange) };
}

/** Runs a write that may wait for another time; false when the file was locked. */
function housekeeping(write: () => void): boolean {
	try {
		write();
		return true;
	} catch (e) {
		if (isBusy(e)) return false;
		throw e;
	}
}

export function deleteSession(db: Db, sessionId: string): void {
	authDb(db).$client.prepare('delete from sessions where id = ?').run(sessionId);
}

export interface SessionInfo {
	id: string;
	createdAt: string;
	expiresAt: string;
	current: boolean;
}

/** A person's live sessions, newest first, the one making the request marked (the /akun page). */
export function listSessions(db: Db, userId: number, currentId: string | null, now = new Date()): SessionInfo[] {
	const rows = authDb(db)
		.$client.prepare('select id, created_at as createdAt, expires_at as expiresAt from sessions where user_id = ? and expires_at > ? order by created_at desc')
		.all(userId, now.toISOString()) as Omit<SessionInfo, 'current'>[];
	return rows.map((r) => ({ ...r, current: r.id === currentId }));
}

/** Ends one of the person's own sessions; false when it is not theirs (or already gone). */
export function deleteOwnSession(db: Db, userId: number, sessionId: string): boolean {
	return authDb(db).$client.prepare('delete from sessions where id = ? and user_id = ?').run(sessionId, userId).changes > 0;
}

/** Every session of a person except `keepId` (null: all of them); returns how many ended. */
export function deleteUserSessions(db: Db, userId: number, keepId: string | null = null): number {
	return authDb(db).$client.prepare('delete from sessions where user_id = ? and id is not ?').run(userId, keepId).changes;
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
