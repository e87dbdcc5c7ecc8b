// Where drizzle-kit wrote the migrations, apart from index.ts so that postgres.ts (which index.ts
// opens PostgreSQL through) can find its own folder without an import cycle.
import { resolve } from 'node:path';

/** The migrations folder; overridable (MIGRATIONS_DIR) for a built server run from elsewhere. */
export function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}
