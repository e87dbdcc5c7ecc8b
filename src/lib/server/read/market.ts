// The market part of a product as a request reads it: the row the background writer stored
// (derive/market-part.ts), never computed and stored here. The dashboard, the alerts and the
// agent's status lines all read it through marketPart, so they show the same numbers.
import type { Db } from '../db';
import { getProduct, type ProductDetail } from '../db/products';
import { storedMarketRow } from '../db/queries/read/market';
import { computeMarketPart, MARKET_PART_VERSION, marketSignature, type MarketPart } from '../derive/market-part';
import { requestDerived } from '../derive/notify';

type StoredPart = { state: 'current' | 'outdated'; part: MarketPart } | { state: 'missing' };

/**
 * The product's stored market part, as built by the background writer. `outdated`: built from a
 * competitor set that has changed since (the writer has not rebuilt it yet) — still one whole,
 * consistent part, the old state. `missing`: none yet, or stored by another MARKET_PART_VERSION
 * (another shape).
 */
async function storedPart(db: Db, product: ProductDetail): Promise<StoredPart> {
	const row = await storedMarketRow(db, product.id);
	if (!row || !row.signature.startsWith(`${MARKET_PART_VERSION}:`)) return { state: 'missing' };
	return { state: row.signature === (await marketSignature(db, product)) ? 'current' : 'outdated', part: JSON.parse(row.data) as MarketPart };
}

/**
 * The market part a request shows: the stored one (an outdated one too: the old state, whole),
 * or null while there is none — then the background writer is asked to build it (a message, not
 * a write) and the page says it is being prepared. A request never computes and stores it.
 */
export async function marketPart(db: Db, product: ProductDetail, today: string): Promise<MarketPart | null> {
	const stored = await storedPart(db, product);
	if (stored.state !== 'current') await requestDerived({ productIds: [product.id] }, { preparing: stored.state === 'missing' });
	if (stored.state === 'missing') return null;
	// Without any compared listing the category's weeks end at today: such a part depends on the
	// date, so it is computed again here (from stored rows only: no snapshots, cheap, no write).
	return stored.part.dataUntil === null ? (await computeMarketPart(db, product, today)) : stored.part;
}

/** Whether a request reads this product's stored market part as current (built from the set it sees). */
export async function storedMarketPartIsCurrent(db: Db, productId: number): Promise<boolean> {
	const product = await getProduct(db, productId);
	return product !== null && (await storedPart(db, product)).state === 'current';
}

