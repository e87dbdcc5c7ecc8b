// Queries of read/market.ts: the stored market part of a product, read on every dashboard.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { productMarket } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst } from '../../run';

/** The product's stored market part as the writer left it (JSON text), or undefined. */
export async function storedMarketRow(db: Db, productId: number): Promise<{ signature: string; data: string } | undefined> {
	return await preparedFirst(db, 'read/market/stored', (d) => d
			.select({ signature: productMarket.signature, data: productMarket.data })
			.from(productMarket)
			.where(eq(productMarket.productId, sql.placeholder('productId')))
			, { productId });
}
