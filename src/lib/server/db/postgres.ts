// PostgreSQL as the second engine (issue 15). Today this holds the schema's migrations and the
// connection the copy tool (scripts/db-copy.ts) and the dialect tests use; the app's services
// still run on better-sqlite3 (index.ts). One database holds the market tables and the sign-in
// tables (schema.pg.ts, auth-schema.pg.ts), migrated together from drizzle/postgres/.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { join } from 'node:path';
import * as authSchema from './auth-schema.pg';
import { migrationsFolder } from './index';
import * as schema from './schema.pg';

export const pgSchema = { ...schema, ...authSchema };

export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

/** True for a `postgres://` or `postgresql://` address (anything else is a SQLite file path). */
export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//i.test(url);
}

/** Where drizzle-kit wrote the PostgreSQL migrations: the `postgres` folder of MIGRATIONS_DIR. */
export function postgresMigrationsFolder(): string {
	return join(migrationsFolder(), 'postgres');
}

/**
 * node-postgres returns int8 (bigint) as text, since it may pass 2^53. Ours never do (ids and
 * counts), and better-sqlite3 returns numbers, so `count(*)`, `sum()` of integers and bigint
 * columns read raw come back as JS numbers here too. drizzle's query config falls back to the
 * process-wide parsers, so the setting has to be process-wide: it is, for this process's only
 * PostgreSQL client. numeric stays text (exact decimals); the dialect casts what it computes.
 */
function readInt8AsNumber(): void {
	pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
}

/** A pool on `url`, with int8 read as JS numbers (above). */
export function openPostgres(url: string, max = 4): PgDb {
	readInt8AsNumber();
	const pool = new pg.Pool({ connectionString: url, max });
	return drizzle(pool, { schema: pgSchema }) as PgDb;
}

/** Applies every migration in drizzle/postgres/ that the database at `url` has not had yet. */
export async function migratePostgres(url: string): Promise<void> {
	const db = openPostgres(url, 1);
	try {
		await migrate(db, { migrationsFolder: postgresMigrationsFolder() });
	} finally {
		await db.$client.end();
	}
}
