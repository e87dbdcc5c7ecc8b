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
 * A pool on `url`. PostgreSQL's int8 (bigint) and numeric come back from node-postgres as text
 * (they may not fit a JS number); drizzle's `bigint(…, { mode: 'number' })` columns convert them,
 * and raw counts (`count(*)` is bigint) are converted by whoever reads them.
 */
export function openPostgres(url: string, max = 4): PgDb {
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
