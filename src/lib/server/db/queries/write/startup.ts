// Queries of startup.ts: is the database new, and has anyone an account.
import { count } from 'drizzle-orm';
import { importBatches, listings, users } from '../../schema';
import type { Conn } from './conn';

export function countListings(db: Conn): number {
	return db.select({ n: count() }).from(listings).get()?.n ?? 0;
}

export function countImportBatches(db: Conn): number {
	return db.select({ n: count() }).from(importBatches).get()?.n ?? 0;
}

export function countUsers(db: Conn): number {
	return db.select({ n: count() }).from(users).get()?.n ?? 0;
}
