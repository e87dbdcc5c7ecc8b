// PostgreSQL as the second engine (issue 15): the connection pool the app opens for a postgres://
// DATABASE_URL (index.ts openDatabase), the copy tool and the tests, and the schema's migrations.
// One database holds the market tables and the sign-in tables (schema.pg.ts, auth-schema.pg.ts),
// migrated together from drizzle/postgres/.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { join } from 'node:path';
import * as authSchema from './auth-schema.pg';
import { migrationsFolder } from './migrations-folder';
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
 * node-postgres returns int8 (bigint) and numeric as text, since they may not fit a double. Ours
 * are ids, counts and sums of whole numbers (far below 2^53), and computed averages and ratios,
 * which better-sqlite3 returns as JS numbers: so `count(*)`, `sum()` (numeric for a bigint
 * column), `avg()` and bigint columns read raw come back as JS numbers here too, the same values
 * SQLite gives (an average as the double nearest PostgreSQL's exact decimal). No column of the
 * schema is numeric (schema.pg.ts uses double precision where SQLite has REAL). drizzle's query
 * config falls back to the process-wide parsers, so the setting has to be process-wide: it is,
 * for this process's only PostgreSQL client.
 */
function readNumbersAsNumbers(): void {
	pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
	pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
}

/** A pool on `url`, with int8 and numeric read as JS numbers (above). */
export function openPostgres(url: string, max = 4): PgDb {
	readNumbersAsNumbers();
	// Named after the process, so pg_stat_activity and pg_locks tell the app servers apart.
	const pool = new pg.Pool({ connectionString: url, max, application_name: `despro pid ${process.pid}` });
	return drizzle(pool, { schema: pgSchema }) as PgDb;
}

/**
 * Applies every migration in drizzle/postgres/ that the database at `url` has not had yet. Two
 * app servers started at once on a new database would both find it unmigrated and both create
 * the tables (the second failing half-way): a session lock on a connection of its own makes the
 * second wait, then find nothing left to apply.
 */
export async function migratePostgres(url: string): Promise<void> {
	const lock = new pg.Client({ connectionString: url });
	await lock.connect();
	const db = openPostgres(url, 1);
	try {
		await lock.query("select pg_advisory_lock(hashtext('despro migrate'))");
		await migrate(db, { migrationsFolder: postgresMigrationsFolder() });
	} finally {
		await db.$client.end();
		// Ending the session releases its lock.
		await lock.end();
	}
}
