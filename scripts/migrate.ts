// `npm run db:migrate`: applies the migrations to the database at DATABASE_URL: drizzle/ (and
// drizzle-auth/) for a SQLite file, drizzle/postgres/ for a postgres:// address.
import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { isPostgresUrl, migratePostgres } from '../src/lib/server/db/postgres';

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
if (isPostgresUrl(url)) await migratePostgres(url);
else migrateDatabase(openDatabase(url));
console.log(`Migrasi selesai: ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
