// Queries of ingest/sales.ts (the sales book loader) besides the batch history (batches.ts)
// and the sales rows themselves (db/sales.ts upsertSale).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { products } from '../../schema';

/** Whether a product exists, prepared once for a loop over a file's rows: `.get({ id })` is a row or undefined. */
export function prepareProductExists(db: Db) {
	return db.select({ id: products.id }).from(products).where(eq(products.id, sql.placeholder('id'))).prepare();
}
