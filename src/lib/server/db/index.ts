// One SQLite client per process. WAL lets dashboards read while an import writes;
// foreign keys are off by default in SQLite, so they are switched on for every connection.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrateAuth } from './auth-db';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = './data/despro.db';

/** Where drizzle-kit wrote the migrations; overridable for a built server run from elsewhere. */
export function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/** Opens (creating if needed) a database file, or ':memory:' for tests. */
export function openDatabase(url: string): Db {
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

/** The main migrations, and the sign-in state's own (auth-db.ts): its file, or its tables here. */
export function migrateDatabase(db: Db): void {
	const folder = migrationsFolder();
	migrateAuth(db, folder, 'before-main');
	migrate(db, { migrationsFolder: folder });
	migrateAuth(db, folder, 'after-main');
}

let shared: Db | undefined;

/** The app's database at DATABASE_URL, opened and migrated once per process. */
export function getDb(): Db {
	if (!shared) {
		shared = openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
		migrateDatabase(shared);
	}
	return shared;
}

/** Test hook: use this database instead of DATABASE_URL. */
export function setDb(db: Db | undefined): void {
	shared = db;
}

export { schema };
