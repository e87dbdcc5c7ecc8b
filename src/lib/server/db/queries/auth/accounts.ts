// Queries of auth/accounts.ts: accounts in `users`, and the producer, agent and co-op rows an
// account stands for. Writes take the database or a transaction on it (DbConn), so a service
// keeps its writes in the one transaction it had.
import { and, asc, eq, sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { Db } from '../../index';
import type * as schema from '../../schema';
import { agents, cooperatives, producers, regions, users, type roles } from '../../schema';
import { prepared } from '../../statements';
import { allRows, exec, firstRow, oneRow, preparedFirst } from '../../run';

type Role = (typeof roles)[number];

/** The main database, or a transaction on it. */
export type DbConn = Db | SQLiteTransaction<'sync', Database.RunResult, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/** An account by its normalised phone number, with what signing in checks. */
export async function accountForSignIn(db: Db, phone: string) {
	return await firstRow(db, db
		.select({
			id: users.id,
			role: users.role,
			name: users.name,
			producerId: users.producerId,
			agentId: users.agentId,
			cooperativeId: users.cooperativeId,
			passwordHash: users.passwordHash,
			disabledAt: users.disabledAt,
			mustChangePassword: users.mustChangePassword
		})
		.from(users)
		.where(eq(users.phone, phone)));
}

/** An account's password hash and whether it is a one-time code. */
export async function passwordOf(db: Db, userId: number): Promise<{ hash: string; mustChange: boolean } | undefined> {
	return await firstRow(db, db.select({ hash: users.passwordHash, mustChange: users.mustChangePassword }).from(users).where(eq(users.id, userId)));
}

/** Sets an account's password hash; `mustChange` marks a one-time code. */
export async function setPassword(conn: DbConn, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
	await exec(conn, conn.update(users).set({ passwordHash, mustChangePassword: mustChange }).where(eq(users.id, userId)));
}

export async function accountById(db: Db, userId: number): Promise<{ id: number; role: Role; name: string; producerId: number | null; disabledAt: string | null } | undefined> {
	return await firstRow(db, db
		.select({ id: users.id, role: users.role, name: users.name, producerId: users.producerId, disabledAt: users.disabledAt })
		.from(users)
		.where(eq(users.id, userId)));
}

/** Whether producer `producerId` is assigned to agent `agentId`. */
export async function producerHasAgent(db: Db, producerId: number, agentId: number): Promise<boolean> {
	return (
		(await firstRow(db, db
			.select({ id: producers.id })
			.from(producers)
			.where(and(eq(producers.id, producerId), eq(producers.agentId, agentId))))) !== undefined
	);
}

/** The produsen account of a producer, or null (the agent's producer page: every view). */
export async function producerAccountId(db: Db, producerId: number): Promise<number | null> {
	const row = await preparedFirst(db, 'auth/accounts/producerAccountId', (d) => d
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.producerId, sql.placeholder('producerId')), eq(users.role, 'produsen')))
			, { producerId });
	return row?.id ?? null;
}

/** Disables an account at `at` (ISO), or re-enables it (null). */
export async function setDisabledAt(conn: DbConn, userId: number, at: string | null): Promise<void> {
	await exec(conn, conn.update(users).set({ disabledAt: at }).where(eq(users.id, userId)));
}

/** The producer, agent and co-op rows an account stands for. */
export async function accountLinks(conn: DbConn, userId: number): Promise<{ producerId: number | null; agentId: number | null; cooperativeId: number | null } | undefined> {
	return await firstRow(conn, conn.select({ producerId: users.producerId, agentId: users.agentId, cooperativeId: users.cooperativeId }).from(users).where(eq(users.id, userId)));
}

/** A new producer without a phone number of its own; returns its id. */
export async function insertProducer(conn: DbConn, row: { name: string; villageCode: string | null; agentId: number | null; createdAt: string }): Promise<number> {
	return (await oneRow(conn, conn
		.insert(producers)
		.values({ name: row.name, phone: null, villageCode: row.villageCode, agentId: row.agentId, createdAt: row.createdAt })
		.returning({ id: producers.id }))).id;
}

export async function insertAgent(conn: DbConn, name: string): Promise<number> {
	return (await oneRow(conn, conn.insert(agents).values({ name }).returning({ id: agents.id }))).id;
}

export async function insertCooperative(conn: DbConn, name: string): Promise<number> {
	return (await oneRow(conn, conn.insert(cooperatives).values({ name }).returning({ id: cooperatives.id }))).id;
}

/** Links an account to the producer, agent or co-op row it stands for. */
export async function linkAccount(conn: DbConn, userId: number, link: { producerId: number } | { agentId: number } | { cooperativeId: number }): Promise<void> {
	await exec(conn, conn.update(users).set(link).where(eq(users.id, userId)));
}

export async function setRole(conn: DbConn, userId: number, role: Role): Promise<void> {
	await exec(conn, conn.update(users).set({ role }).where(eq(users.id, userId)));
}

/**
 * Every account, by role then name ignoring case. lower() folds ASCII letters exactly as
 * SQLite's NOCASE did, and exists on every engine.
 */
export async function allAccounts(db: Db) {
	return await allRows(db, db
		.select({
			id: users.id,
			name: users.name,
			phone: users.phone,
			role: users.role,
			disabledAt: users.disabledAt,
			mustChangePassword: users.mustChangePassword,
			createdAt: users.createdAt
		})
		.from(users)
		.orderBy(asc(users.role), sql`lower(${users.name})`));
}

export async function phoneInUse(db: Db, phone: string): Promise<boolean> {
	return (await firstRow(db, db.select({ id: users.id }).from(users).where(eq(users.phone, phone)))) !== undefined;
}

/** A new account; returns its id. */
export async function insertUser(
	conn: DbConn,
	row: {
		phone: string;
		passwordHash: string;
		role: Role;
		name: string;
		producerId: number | null;
		agentId: number | null;
		cooperativeId: number | null;
		createdAt: string;
	}
): Promise<number> {
	return (await oneRow(conn, conn.insert(users).values(row).returning({ id: users.id }))).id;
}

export async function producerExists(db: Db, id: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: producers.id }).from(producers).where(eq(producers.id, id)))) !== undefined;
}

export async function agentExists(db: Db, id: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: agents.id }).from(agents).where(eq(agents.id, id)))) !== undefined;
}

export async function cooperativeExists(db: Db, id: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: cooperatives.id }).from(cooperatives).where(eq(cooperatives.id, id)))) !== undefined;
}

/** Whether some account already stands for this producer, agent or co-op row. */
export async function linkTaken(db: Db, link: 'producerId' | 'agentId' | 'cooperativeId', id: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: users.id }).from(users).where(eq(users[link], id)))) !== undefined;
}

/** Whether `code` is a village in the regions table. */
export async function villageExists(db: Db, code: string): Promise<boolean> {
	return (
		(await firstRow(db, db
			.select({ code: regions.code })
			.from(regions)
			.where(and(eq(regions.code, code), eq(regions.level, 'village'))))) !== undefined
	);
}
