// Queries of read/forecasts.ts: the names a forecast is shown under.
import { eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, products } from '../../schema';

export function categoryName(db: Db, categoryId: number): string | undefined {
	return db.select({ name: categories.name }).from(categories).where(eq(categories.id, categoryId)).get()?.name;
}

export function productName(db: Db, productId: number): string | undefined {
	return db.select({ name: products.name }).from(products).where(eq(products.id, productId)).get()?.name;
}
