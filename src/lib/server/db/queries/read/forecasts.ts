// Queries of read/forecasts.ts: the names a forecast is shown under (prepared: every forecast card reads one).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, products } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst } from '../../run';

export async function categoryName(db: Db, categoryId: number): Promise<string | undefined> {
	return (await preparedFirst(db, 'read/forecasts/category-name', (d) => d
			.select({ name: categories.name })
			.from(categories)
			.where(eq(categories.id, sql.placeholder('id')))
			, { id: categoryId }))?.name;
}

export async function productName(db: Db, productId: number): Promise<string | undefined> {
	return (await preparedFirst(db, 'read/forecasts/product-name', (d) => d
			.select({ name: products.name })
			.from(products)
			.where(eq(products.id, sql.placeholder('id')))
			, { id: productId }))?.name;
}
