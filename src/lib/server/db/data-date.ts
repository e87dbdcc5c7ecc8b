// The date of the market data behind the market-wide pages (/tren, /koperasi): the newest
// snapshot of any listing. The snapshots' observed_at index makes it one index lookup.
import type { Db } from './index';
import { cached } from './statements';

export function latestObservation(db: Db): string | null {
	return (cached(db, 'select max(observed_at) from listing_snapshots').pluck().get() as string | null) ?? null;
}
