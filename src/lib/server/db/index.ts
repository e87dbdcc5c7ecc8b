// The app's database: an embedded SQLite file by default, or a PostgreSQL server when
// DATABASE_URL is a postgres:// address (issue 15). One SQLite client per process; WAL lets
// dashboards read while an import writes; foreign keys are off by default in SQLite, so they are
// switched on for every connection. On PostgreSQL a pool (postgres.ts): queries are typed as
// SQLite's and run there through run.ts, which tells the engines apart (engineOf).
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrateAuth } from './auth-db';
import { migrationsFolder } from './migrations-folder';
import { isPostgresUrl, migratePostgres, openPostgres } from './postgres';
import { engineOf } from './run';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = './data/despro.db';

export { migrationsFolder };

/** The address each PostgreSQL handle was opened on (a pool does not say it back). */
const postgresUrls = new WeakMap<object, string>();

/** Connections the app's pool keeps open at most (per process; the writer's thread has its own pool). */
const APP_POOL_SIZE = 8;

/**
 * Opens (creating if needed) a database file, or ':memory:' for tests; for a postgres:// address,
 * a pool on that database, typed as Db (run.ts runs the same queries on it). PostgreSQL is
 * migrated apart, asynchronously: await migrateAny (getDb's callers: readyDb).
 */
export function openDatabase(url: string): Db {
	if (isPostgresUrl(url)) {
		const db = openPostgres(url, APP_POOL_SIZE);
		postgresUrls.set(db, url);
		return db as unknown as Db;
	}
	if (url !== ':memory:') mkdirSync(dirname(resolve(url)), { recursive: true });
	const client = new Database(url);
	client.pragma('journal_mode = WAL');
	client.pragma('foreign_keys = ON');
	client.pragma('synchronous = NORMAL');
	// Readers wait for a writer's commit instead of failing with SQLITE_BUSY.
	client.pragma('busy_timeout = 5000');
	client.pragma('cache_size = -65536');
	return drizzle(client, { schema }) as Db;
}

/** The postgres:// address a PostgreSQL handle of openDatabase was opened on. */
export function postgresUrlOf(db: Db): string {
	const url = postgresUrls.get(db);
	if (!url) throw new Error('not a PostgreSQL handle opened by openDatabase');
	return url;
}

/**
 * The main migrations, and the sign-in state's own (auth-db.ts): its file, or its tables here.
 * SQLite only (synchronous); migrateAny migrates either engine.
 */
export function migrateDatabase(db: Db): void {
	if (engineOf(db) === 'postgres') throw new Error('migrateDatabase is for SQLite: await migrateAny(db) on PostgreSQL');
	const folder = migrationsFolder();
	migrateAuth(db, folder, 'before-main');
	migrate(db, { migrationsFolder: folder });
	migrateAuth(db, folder, 'after-main');
}

/** Migrates a database of either engine: PostgreSQL's from drizzle/postgres/ (market and sign-in tables together). */
export async function migrateAny(db: Db): Promise<void> {
	if (engineOf(db) === 'postgres') await migratePostgres(postgresUrlOf(db));
	else migrateDatabase(db);
}

let shared: Db | undefined;
let sharedReady: Promise<Db> | undefined;

/**
 * The app's database at DATABASE_URL, opened once per process. A SQLite file is migrated here,
 * at once; PostgreSQL's migration is asynchronous, so start-up awaits readyDb() before serving
 * and everything after it may call getDb().
 */
export function getDb(): Db {
	if (!shared) {
		shared = openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
		if (engineOf(shared) === 'sqlite') migrateDatabase(shared);
	}
	return shared;
}

/** getDb(), migrated on either engine (once per process). */
export function readyDb(): Promise<Db> {
	const db = getDb();
	if (!sharedReady) sharedReady = engineOf(db) === 'postgres' ? migratePostgres(postgresUrlOf(db)).then(() => db) : Promise.resolve(db);
	return sharedReady;
}

/** Test hook: use this database instead of DATABASE_URL. */
export function setDb(db: Db | undefined): void {
	shared = db;
	sharedReady = db ? Promise.resolve(db) : undefined;
}

export { schema };
