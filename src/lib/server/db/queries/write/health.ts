// Queries of health.ts (GET /healthz).
import { max, sql } from 'drizzle-orm';
import { listingSnapshots } from '../../schema';
import type { Conn } from './conn';
import { firstRow } from '../../run';

/** Throws when the database cannot be read. */
export async function probeDatabase(db: Conn): Promise<void> {
	await firstRow<{ one: number }>(db, sql`select 1 as one`);
}

/** The day of the newest market observation ('YYYY-MM-DD'), or null when there is none. */
export async function newestObservation(db: Conn): Promise<string | null> {
	return (await firstRow(db, db.select({ newest: max(listingSnapshots.observedAt) }).from(listingSnapshots)))?.newest ?? null;
}
