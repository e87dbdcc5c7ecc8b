// Queries of ingest/sales.ts (the sales book loader) besides the batch history (batches.ts)
// and the sales rows themselves (db/sales.ts upsertSale).
import { products } from '../../schema';
import type { Db } from '../../index';
import { allRows } from '../../run';

/**
 * The ids of every product, read once before a file's rows are checked: a reader hands rows over
 * synchronously, so a row cannot wait for a query (a producers' catalogue is small).
 */
export async function productIds(db: Db): Promise<Set<number>> {
	return new Set((await allRows(db, db.select({ id: products.id }).from(products))).map((r) => r.id));
}
