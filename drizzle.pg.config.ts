import { defineConfig } from 'drizzle-kit';

// PostgreSQL (issue 15): the market tables and the sign-in tables in one database, with their own
// migrations folder. drizzle.config.ts and drizzle/ stay SQLite's: the SQLite migrator reads only
// drizzle/meta/_journal.json, so this subfolder is invisible to it.
export default defineConfig({
	schema: ['./src/lib/server/db/schema.pg.ts', './src/lib/server/db/auth-schema.pg.ts'],
	out: './drizzle/postgres',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://localhost:5432/despro' },
	strict: true,
	verbose: true
});
