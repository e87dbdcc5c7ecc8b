import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle',
	dialect: 'sqlite',
	dbCredentials: { url: process.env.DATABASE_URL ?? './data/despro.db' },
	// FTS5 virtual tables and their shadow tables live in a custom migration; keep drizzle-kit off them.
	tablesFilter: ['!listings_fts*'],
	strict: true,
	verbose: true
});
