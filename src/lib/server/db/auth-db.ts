// Where sign-in state (auth-schema.ts) is kept for a database: for a database file, in a second
// file beside it ("despro.db" → "despro-auth.db"), so that sign-in, sign-out and session renewal
// never meet the main file's write lock (an import merging a batch holds it); for an in-memory
// database, in the same database. One interface either way: authDb(db) is the connection the
// auth code reads and writes; PostgreSQL (one database with both) would return `db` itself.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { dirname, basename, extname, join, resolve } from 'node:path';
import * as authSchema from './auth-schema';

/**
 * The main database as this file needs it: its connection. Not index.ts's Db type, because
 * index.ts imports this file to migrate (no import cycle, tests/layout.test.ts).
 */
type Db = { $client: Database.Database };

/** The connection that holds sessions, login attempts and known devices. */
export interface AuthDb {
	$client: Database.Database;
}

/** drizzle's bookkeeping table for the auth migrations (a different name, so both can share one database). */
const AUTH_MIGRATIONS_TABLE = '__drizzle_auth_migrations';

const stores = new WeakMap<Database.Database, AuthDb>();

/** Where drizzle-kit wrote the auth migrations: beside the main ones (MIGRATIONS_DIR), overridable. */
export function authMigrationsFolder(mainFolder: string): string {
	return resolve(process.env.AUTH_MIGRATIONS_DIR ?? join(dirname(mainFolder), 'drizzle-auth'));
}

/** "./data/despro.db" → "./data/despro-auth.db". */
export function authDatabasePath(mainPath: string): string {
	const ext = extname(mainPath);
	return join(dirname(mainPath), `${basename(mainPath, ext)}-auth${ext || '.db'}`);
}

/** True when the database is a file (the auth state then goes into a file of its own). */
export function hasOwnAuthFile(db: Db): boolean {
	return !db.$client.memory && db.$client.name !== '';
}

function openAuthFile(path: string, mainFolder: string): AuthDb {
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	client.pragma('synchronous = NORMAL');
	client.pragma('busy_timeout = 5000');
	migrate(drizzle(client, { schema: authSchema }), { migrationsFolder: authMigrationsFolder(mainFolder), migrationsTable: AUTH_MIGRATIONS_TABLE });
	return { $client: client };
}

/**
 * The auth connection of `db`: opened (and migrated) on first use for a database file; `db`
 * itself otherwise, whose auth tables migrateDatabase creates.
 */
export function authDb(db: Db, mainFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')): AuthDb {
	if (!hasOwnAuthFile(db)) return db;
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
	if (!hasOwnAuthFile(db)) {
		if (stage === 'after-main') migrate(drizzle(db.$client), { migrationsFolder: authMigrationsFolder(mainFolder), migrationsTable: AUTH_MIGRATIONS_TABLE });
		return;
	}
	if (stage === 'after-main') return;
	const auth = authDb(db, mainFolder);
	const legacy = (name: string) => Boolean(db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
	if (!legacy('sessions')) return;
	const copy = (table: string, columns: string[]) => {
		if (!legacy(table)) return;
		const rows = db.$client.prepare(`select ${columns.join(', ')} from ${table}`).raw().all() as unknown[][];
		const insert = auth.$client.prepare(`insert or ignore into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
		for (const row of rows) insert.run(...row);
	};
	auth.$client.transaction(() => {
		copy('sessions', ['id', 'user_id', 'expires_at', 'created_at']);
		copy('login_attempts', ['key', 'at']);
		copy('known_devices', ['token_hash', 'user_id', 'last_seen_at']);
	})();
}

/** Closes the auth file of `db`, if it has one open (at shutdown, after a final checkpoint). */
export function closeAuthDb(db: Db): void {
	const store = stores.get(db.$client);
	if (!store?.$client.open) return;
	store.$client.pragma('wal_checkpoint(TRUNCATE)');
	store.$client.close();
	stores.delete(db.$client);
}
