// Queries of auth/session.ts. Sessions live in the sign-in state's connection (AuthDb,
// db/auth-db.ts); the person behind a session comes from `users` in the main one. The lookups
// run on every request, so they are prepared once per connection (db/statements.ts).
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import type { AuthConn, AuthDb } from '../../auth-db';
import { sessions } from '../../auth-schema';
import { users } from '../../schema';
import { prepared } from '../../statements';
import { exec, preparedExec, preparedFirst, allRows } from '../../run';

export async function insertSession(auth: AuthDb, row: { id: string; userId: number; expiresAt: string; createdAt: string }): Promise<void> {
	await exec(auth, auth.insert(sessions).values(row));
}

/** The user and expiry of a session by the sha256 of its token (every request). */
export async function sessionById(auth: AuthDb, id: string): Promise<{ userId: number; expiresAt: string } | undefined> {
	return await preparedFirst(auth, 'auth/session/byId', (d) => d.select({ userId: sessions.userId, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sql.placeholder('id'))), { id });
}

/** The person a session stands for, with what decides whether it still may (every request). */
export async function sessionUser(db: Db, userId: number) {
	return await preparedFirst(db, 'auth/session/user', (d) => d
			.select({
				id: users.id,
				role: users.role,
				name: users.name,
				producerId: users.producerId,
				agentId: users.agentId,
				cooperativeId: users.cooperativeId,
				disabledAt: users.disabledAt,
				mustChangePassword: users.mustChangePassword
			})
			.from(users)
			.where(eq(users.id, sql.placeholder('userId')))
			, { userId });
}

/** Moves a session's expiry (renewal on use). */
export async function setSessionExpiry(auth: AuthDb, id: string, expiresAt: string): Promise<void> {
	await preparedExec(auth, 'auth/session/setExpiry', (d) => d
			.update(sessions)
			.set({ expiresAt: sql`${sql.placeholder('expiresAt')}` })
			.where(eq(sessions.id, sql.placeholder('id')))
			, { id, expiresAt });
}

export async function deleteSessionById(auth: AuthDb, id: string): Promise<void> {
	await preparedExec(auth, 'auth/session/delete', (d) => d.delete(sessions).where(eq(sessions.id, sql.placeholder('id'))), { id });
}

/** A person's sessions that have not expired at `now` (ISO), newest first. */
export async function liveSessionsOf(auth: AuthDb, userId: number, now: string): Promise<{ id: string; createdAt: string; expiresAt: string }[]> {
	return await allRows(auth, auth
		.select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
		.orderBy(desc(sessions.createdAt)));
}

/** Deletes one session only when it belongs to `userId`; how many rows went (0 or 1). */
export async function deleteSessionOf(auth: AuthDb, userId: number, id: string): Promise<number> {
	return (await exec(auth, auth
		.delete(sessions)
		.where(and(eq(sessions.id, id), eq(sessions.userId, userId))))).changes;
}

/** Deletes a person's sessions except `keepId` (null: all); how many went. */
export async function deleteSessionsOf(auth: AuthConn, userId: number, keepId: string | null): Promise<number> {
	// Session ids are never null, so `id is not ?` was `id <> ?` for a kept id and no condition for none.
	const condition = keepId === null ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, keepId));
	return (await exec(auth, auth.delete(sessions).where(condition))).changes;
}
