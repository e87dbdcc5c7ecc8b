// A product's competitor set: listings in the same or a child category whose title matches
// the product's keywords (FTS5 with bm25 ranking), in the same unit family. Outliers are
// removed later, on unit price, by the analysis core. The set is stored so that a dashboard
// reads it instead of searching on every request; it is refreshed when the product or the
// market changes (seed, import, product edit).
import type { Db } from '../db';
import { ftsQuery } from '../db/dialect';
import { categorySubtree } from './categories';

/** How many ranked matches we keep per product: enough for stable percentiles, cheap to read. */
export const COMPETITOR_LIMIT = 400;

interface ProductKey {
	id: number;
	categoryId: number;
	unitFamily: string;
	keywords: string;
	name: string;
}

export function findCompetitors(db: Db, product: ProductKey): { listingId: number; rank: number }[] {
	const query = ftsQuery(product.keywords || product.name, 'any');
	if (!query) return [];
	const categoryIds = categorySubtree(db, product.categoryId);
	const placeholders = categoryIds.map(() => '?').join(',');
	return db.$client
		.prepare(
			`select l.id as listingId, bm25(listings_fts) as rank
			 from listings_fts join listings l on l.id = listings_fts.rowid
			 where listings_fts match ? and l.category_id in (${placeholders}) and l.unit_family = ?
			 order by rank limit ?`
		)
		.all(query, ...categoryIds, product.unitFamily, COMPETITOR_LIMIT) as { listingId: number; rank: number }[];
}

/** Recomputes and stores the competitor sets of the given products (all when omitted). */
export function refreshCompetitors(db: Db, productIds?: number[]): number {
	const client = db.$client;
	const products = (
		productIds
			? productIds.map((id) =>
					client
						.prepare('select id, category_id as categoryId, unit_family as unitFamily, keywords, name from products where id = ?')
						.get(id)
				)
			: client.prepare('select id, category_id as categoryId, unit_family as unitFamily, keywords, name from products').all()
	).filter(Boolean) as ProductKey[];
	const del = client.prepare('delete from product_competitors where product_id = ?');
	const ins = client.prepare('insert into product_competitors (product_id, listing_id, rank) values (?, ?, ?)');
	let total = 0;
	client.transaction(() => {
		for (const p of products) {
			del.run(p.id);
			for (const c of findCompetitors(db, p)) {
				ins.run(p.id, c.listingId, c.rank);
				total++;
			}
		}
	}).immediate();
	return total;
}

/** Products whose competitor sets should be refreshed after listings in these categories changed. */
export function productsInCategories(db: Db, categoryIds: number[]): number[] {
	if (categoryIds.length === 0) return [];
	const all = new Set<number>();
	// A product in a parent category compares with listings in child categories too.
	const rows = db.$client.prepare('select id, category_id as categoryId from products').all() as {
		id: number;
		categoryId: number;
	}[];
	const touched = new Set(categoryIds);
	for (const r of rows) {
		if (categorySubtree(db, r.categoryId).some((c) => touched.has(c))) all.add(r.id);
	}
	return [...all];
}
