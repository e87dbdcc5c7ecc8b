// Queries of health.ts (GET /healthz).
import { max, sql } from 'drizzle-orm';
import { listingSnapshots } from '../../schema';
import type { Conn } from './conn';

/** Throws when the database cannot be read. */
export function probeDatabase(db: Conn): void {
	db.get<{ one: number }>(sql`select 1 as one`);
}

/** The day of the newest market observation ('YYYY-MM-DD'), or null when there is none. */
export function newestObservation(db: Conn): string | null {
	return db.select({ newest: max(listingSnapshots.observedAt) }).from(listingSnapshots).get()?.newest ?? null;
}
