// `npm run db:migrate`: applies the migrations in drizzle/ to the database at DATABASE_URL.
import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase } from '../src/lib/server/db';

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
migrateDatabase(openDatabase(url));
console.log(`Migrasi selesai: ${url}`);
