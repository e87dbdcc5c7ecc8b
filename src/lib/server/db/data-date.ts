// The date of the market data behind the market-wide pages (/tren, /koperasi): the newest
// snapshot of any listing. The snapshots' observed_at index makes it one index lookup.
import { max } from 'drizzle-orm';
import type { Db } from './index';
import { listingSnapshots } from './schema';
import { preparedFirst } from './run';

export async function latestObservation(db: Db): Promise<string | null> {
	const row = await preparedFirst(db, 'read/data-date/latest', (d) => d.select({ last: max(listingSnapshots.observedAt) }).from(listingSnapshots));
	return row?.last ?? null;
}
