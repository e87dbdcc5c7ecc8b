import { defineConfig } from 'drizzle-kit';

// The sign-in state's own database (src/lib/server/db/auth-db.ts): its own migrations folder.
export default defineConfig({
	schema: './src/lib/server/db/auth-schema.ts',
	out: './drizzle-auth',
	dialect: 'sqlite',
	dbCredentials: { url: process.env.AUTH_DATABASE_URL ?? './data/despro-auth.db' },
	strict: true,
	verbose: true
});
