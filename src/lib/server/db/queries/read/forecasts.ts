// Queries of read/forecasts.ts: the names a forecast is shown under (prepared: every forecast card reads one).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, products } from '../../schema';
import { prepared } from '../../statements';

export function categoryName(db: Db, categoryId: number): string | undefined {
	return prepared(db, 'read/forecasts/category-name', (d) =>
		d
			.select({ name: categories.name })
			.from(categories)
			.where(eq(categories.id, sql.placeholder('id')))
			.prepare()
	).get({ id: categoryId })?.name;
}

export function productName(db: Db, productId: number): string | undefined {
	return prepared(db, 'read/forecasts/product-name', (d) =>
		d
			.select({ name: products.name })
			.from(products)
			.where(eq(products.id, sql.placeholder('id')))
			.prepare()
	).get({ id: productId })?.name;
}
