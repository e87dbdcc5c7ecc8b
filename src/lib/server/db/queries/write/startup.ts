// Queries of startup.ts: is the database new, and has anyone an account.
import { count } from 'drizzle-orm';
import { importBatches, listings, users } from '../../schema';
import type { Conn } from './conn';
import { firstRow } from '../../run';

export async function countListings(db: Conn): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(listings)))?.n ?? 0;
}

export async function countImportBatches(db: Conn): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(importBatches)))?.n ?? 0;
}

export async function countUsers(db: Conn): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(users)))?.n ?? 0;
}
