// Queries of derive/refresh.ts: products in the order a refresh walks them, and their categories.
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../index';
import { products } from '../../schema';
import { allRows } from '../../run';

/** Every product with its category, by category then id (one refresh step shares a category). */
export async function productsByCategory(db: Db) {
	return await allRows(db, db.select({ id: products.id, categoryId: products.categoryId }).from(products).orderBy(asc(products.categoryId), asc(products.id)));
}

/** Ids per statement: far under any engine's parameter limit. */
const CHUNK = 500;

/** The distinct categories of these products, in id order. */
export async function categoriesOfProducts(db: Db, productIds: number[]): Promise<number[]> {
	const found = new Set<number>();
	const ids = [...new Set(productIds)];
	for (let i = 0; i < ids.length; i += CHUNK) {
		const chunk = ids.slice(i, i + CHUNK);
		for (const r of (await allRows(db, db.selectDistinct({ categoryId: products.categoryId }).from(products).where(inArray(products.id, chunk))))) found.add(r.categoryId);
	}
	return [...found].sort((a, b) => a - b);
}
