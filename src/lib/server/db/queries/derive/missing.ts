// Queries of derive/missing.ts: what start-up finds missing or outdated among the derived tables.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categoryWeeklyDemand, listingSnapshots, meta, productMarket, products } from '../../schema';
import { first, rows } from "../../run";

/** Each stored market part's signature, by product. */
export async function storedMarketSignatures(db: Db): Promise<Map<number, string>> {
	const found = await rows(db, db.select({ productId: productMarket.productId, signature: productMarket.signature }).from(productMarket));
	return new Map(found.map((r) => [r.productId, r.signature]));
}

const one = sql<number>`1`;

/**
 * Whether listings have snapshots but weekly demand was never built: no rule recorded and no
 * category row (no refresh ran since they came).
 */
export async function weeklyDemandNeverBuilt(db: Db): Promise<boolean> {
	const snapshots = (await first(db, db.select({ one }).from(listingSnapshots).limit(1))) !== undefined;
	if (!snapshots) return false;
	const rule = (await first(db, db.select({ one }).from(meta).where(eq(meta.key, 'weekly_demand_rule')).limit(1))) !== undefined;
	if (rule) return false;
	return (await first(db, db.select({ one }).from(categoryWeeklyDemand).limit(1))) === undefined;
}

/** The forecast keys of every product and every category with products (`product:ID`, `category:ID`), as SQLite's union orders them. */
export async function productAndCategoryForecastKeys(db: Db): Promise<string[]> {
	return (await rows<{ key: string }>(db, sql`select 'product:' || ${products.id} as key from ${products}
			    union select distinct 'category:' || ${products.categoryId} from ${products}`))
		.map((r) => r.key);
}
