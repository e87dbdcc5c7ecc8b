// The date of the market data behind the market-wide pages (/tren, /koperasi): the newest
// snapshot of any listing. The snapshots' observed_at index makes it one index lookup.
import type { Db } from '../db';
import { cached } from '../db/statements';

export function latestObservation(db: Db): string | null {
	return (cached(db, 'select max(observed_at) from listing_snapshots').pluck().get() as string | null) ?? null;
}
