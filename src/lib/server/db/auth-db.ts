// Where sign-in state (auth-schema.ts) is kept for a database: for a database file, in a second
// file beside it ("despro.db" → "despro-auth.db"), so that sign-in, sign-out and session renewal
// never meet the main file's write lock (an import merging a batch holds it); for an in-memory
// database, in the same database. One interface either way: authDb(db) is the connection the
// auth code reads and writes; on PostgreSQL (one database holds both, migrated together by
// postgres.ts) it is `db` itself, the same pool.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { dirname, basename, extname, join, resolve } from 'node:path';
import * as authSchema from './auth-schema';
import { knownDevices, loginAttempts, sessions } from './auth-schema';
import { engineOf } from './run';

/**
 * The main database as this file needs it: its connection. Not index.ts's Db type, because
 * index.ts imports this file to migrate (no import cycle, tests/layout.test.ts).
 */
type Db = { $client: Database.Database; select: unknown };

/** The connection that holds sessions, login attempts and known devices, typed with auth-schema.ts. */
export type AuthDb = BetterSQLite3Database<typeof authSchema> & { $client: Database.Database };

/** What the auth queries run on: the auth connection, or a transaction on it. */
export type AuthConn = AuthDb | SQLiteTransaction<'sync', Database.RunResult, typeof authSchema, ExtractTablesWithRelations<typeof authSchema>>;

/** drizzle's bookkeeping table for the auth migrations (a different name, so both can share one database). */
const AUTH_MIGRATIONS_TABLE = '__drizzle_auth_migrations';

/** Auth files opened for a main connection. */
const stores = new WeakMap<Database.Database, AuthDb>();
/** The auth view of a main connection that keeps the auth tables itself (in memory): never closed on its own. */
const sameConnection = new WeakMap<Database.Database, AuthDb>();

/** Where drizzle-kit wrote the auth migrations: beside the main ones (MIGRATIONS_DIR), overridable. */
export function authMigrationsFolder(mainFolder: string): string {
	return resolve(process.env.AUTH_MIGRATIONS_DIR ?? join(dirname(mainFolder), 'drizzle-auth'));
}

/** "./data/despro.db" → "./data/despro-auth.db". */
export function authDatabasePath(mainPath: string): string {
	const ext = extname(mainPath);
	return join(dirname(mainPath), `${basename(mainPath, ext)}-auth${ext || '.db'}`);
}

/** True when the database is a SQLite file (the auth state then goes into a file of its own). */
export function hasOwnAuthFile(db: Db): boolean {
	if (engineOf(db) === 'postgres') return false;
	return !db.$client.memory && db.$client.name !== '';
}

function openAuthFile(path: string, mainFolder: string): AuthDb {
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	client.pragma('synchronous = NORMAL');
	client.pragma('busy_timeout = 5000');
	const auth = drizzle(client, { schema: authSchema });
	migrate(auth, { migrationsFolder: authMigrationsFolder(mainFolder), migrationsTable: AUTH_MIGRATIONS_TABLE });
	return auth;
}

/**
 * The auth connection of `db`: opened (and migrated) on first use for a database file; `db`'s
 * own connection otherwise, whose auth tables migrateDatabase creates. One object per
 * connection, so prepared queries (statements.ts) are kept with it.
 */
export function authDb(db: Db, mainFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')): AuthDb {
	// The sign-in tables sit beside the market's in the same PostgreSQL database: the same pool
	// (run.ts runs the auth queries on it as on any handle).
	if (engineOf(db) === 'postgres') return db as unknown as AuthDb;
	if (!hasOwnAuthFile(db)) {
		let same = sameConnection.get(db.$client);
		if (!same) sameConnection.set(db.$client, (same = drizzle(db.$client, { schema: authSchema })));
		return same;
	}
	let store = stores.get(db.$client);
	if (!store || !store.$client.open) {
		store = openAuthFile(authDatabasePath(db.$client.name), mainFolder);
		stores.set(db.$client, store);
	}
	return store;
}

/**
 * Called by migrateDatabase around the main migrations. A database file from before the split
 * still holds its sessions, attempts and devices: they are copied into the auth file before the
 * main migration drops them, so nobody is signed out by the upgrade. An in-memory database gets
 * the auth tables beside its own, after the main migrations (which drop the old ones).
 */
export function migrateAuth(db: Db, mainFolder: string, stage: 'before-main' | 'after-main'): void {
	if (engineOf(db) === 'postgres') throw new Error('migrateAuth is for SQLite: PostgreSQL migrates the sign-in tables with the rest (postgres.ts)');
	if (!hasOwnAuthFile(db)) {
		if (stage === 'after-main') migrate(drizzle(db.$client), { migrationsFolder: authMigrationsFolder(mainFolder), migrationsTable: AUTH_MIGRATIONS_TABLE });
		return;
	}
	if (stage === 'after-main') return;
	const auth = authDb(db, mainFolder);
	const legacy = (name: string) => Boolean(db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
	if (!legacy('sessions')) return;
	// The old tables in the main file have the same names and columns as auth-schema.ts's: the
	// same typed queries read them there and write them here.
	const old = drizzle(db.$client, { schema: authSchema });
	auth.transaction((tx) => {
		const insertSession = tx.insert(sessions).values({ id: sql.placeholder('id'), userId: sql.placeholder('userId'), expiresAt: sql.placeholder('expiresAt'), createdAt: sql.placeholder('createdAt') }).onConflictDoNothing().prepare();
		for (const row of old.select({ id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt, createdAt: sessions.createdAt }).from(sessions).all()) insertSession.run(row);
		if (legacy('login_attempts')) {
			const insertAttempt = tx.insert(loginAttempts).values({ key: sql.placeholder('key'), at: sql.placeholder('at') }).onConflictDoNothing().prepare();
			for (const row of old.select({ key: loginAttempts.key, at: loginAttempts.at }).from(loginAttempts).all()) insertAttempt.run(row);
		}
		if (legacy('known_devices')) {
			const insertDevice = tx.insert(knownDevices).values({ tokenHash: sql.placeholder('tokenHash'), userId: sql.placeholder('userId'), lastSeenAt: sql.placeholder('lastSeenAt') }).onConflictDoNothing().prepare();
			for (const row of old.select({ tokenHash: knownDevices.tokenHash, userId: knownDevices.userId, lastSeenAt: knownDevices.lastSeenAt }).from(knownDevices).all()) insertDevice.run(row);
		}
	});
}

/** Closes the auth file of `db`, if it has one open (at shutdown, after a final checkpoint). */
export function closeAuthDb(db: Db): void {
	if (engineOf(db) === 'postgres') return;
	sameConnection.delete(db.$client);
	const store = stores.get(db.$client);
	if (!store?.$client.open) return;
	store.$client.pragma('wal_checkpoint(TRUNCATE)');
	store.$client.close();
	stores.delete(db.$client);
}
