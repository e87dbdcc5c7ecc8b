// Producers' products: listing and searching them, and reading one with its place names.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { aliasOn } from './alias';
import type { Db } from './index';
import { categories, producers, products, regions } from './schema';
import type { ProducerScope } from './queries/read/scope';
import { allRows, preparedFirst, preparedRows } from './run';

export interface ProductSummary {
	id: number;
	name: string;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	unitFamily: 'mass' | 'volume' | 'count';
	categoryId: number;
	categoryName: string;
	producerId: number;
	producerName: string;
	villageName: string | null;
	regencyName: string | null;
	isDemo: boolean;
}

export interface ProductDetail extends ProductSummary {
	keywords: string;
	villageCode: string | null;
	updatedAt: string;
}

export interface ProductPage {
	items: ProductSummary[];
	total: number;
	page: number;
	pageSize: number;
	query: string;
}

// Regions are joined twice: the product's village, and its regency (the first five characters of a village code).
const places = (db: Db) => ({ villages: aliasOn(db, regions, 'v'), regencies: aliasOn(db, regions, 'r') });

const detailFields = ({ villages, regencies }: ReturnType<typeof places>) => ({
	id: products.id,
	name: products.name,
	price: products.price,
	packQuantity: products.packQuantity,
	unit: products.unit,
	unitFamily: products.unitFamily,
	categoryId: products.categoryId,
	categoryName: categories.name,
	producerId: products.producerId,
	producerName: producers.name,
	villageName: villages.name,
	regencyName: regencies.name,
	isDemo: products.isDemo,
	keywords: products.keywords,
	villageCode: products.villageCode,
	updatedAt: products.updatedAt
});

/** Products with their category, producer and place names. */
function detailQuery(db: Db) {
	const { villages, regencies } = places(db);
	return db
		.select(detailFields({ villages, regencies }))
		.from(products)
		.innerJoin(producers, eq(producers.id, products.producerId))
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.leftJoin(villages, eq(villages.code, products.villageCode))
		.leftJoin(regencies, eq(regencies.code, sql`substr(${products.villageCode}, 1, 5)`));
}

// The same joins as detailQuery: the count is of the rows the list pages through.
function countQuery(db: Db) {
	const { villages, regencies } = places(db);
	return db
		.select({ n: sql<number>`count(*)` })
		.from(products)
		.innerJoin(producers, eq(producers.id, products.producerId))
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.leftJoin(villages, eq(villages.code, products.villageCode))
		.leftJoin(regencies, eq(regencies.code, sql`substr(${products.villageCode}, 1, 5)`));
}

/**
 * Products matching every word of `query` in their name, keywords, category, producer or village.
 * `scope` is a condition over the producers table (access.ts producerScopePrepared): callers acting for a
 * person use listProductsFor, which always passes one.
 */
export async function listProducts(
	db: Db,
	opts: { query?: string; page?: number; pageSize?: number; scope?: ProducerScope } = {}
): Promise<ProductPage> {
	// Control characters are no word anyone types, and PostgreSQL refuses a NUL in text (a 500):
	// they count as spaces, on both engines.
	const query = (opts.query ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 100);
	// Bounded here too: an offset SQLite cannot bind (1e308, 1e20) was a 500.
	const page = Number.isFinite(opts.page) ? Math.min(10_000, Math.max(1, Math.floor(opts.page!))) : 1;
	const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize ?? 20)));
	const words = query
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 8);
	// LIKE with bound parameters: a user's %, _ or quotes are escaped, never interpreted. One
	// prepared statement per scope shape and number of words (at most 8), kept per connection.
	const params: Record<string, unknown> = { ...opts.scope?.params, limit: pageSize, offset: (page - 1) * pageSize };
	words.forEach((w, i) => (params[`w${i}`] = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
	const where = (d: Db): SQL | undefined => {
		const { villages, regencies } = places(d);
		const conditions: SQL[] = words.map(
			(_, i) =>
				sql`lower(${products.name} || ' ' || ${products.keywords} || ' ' || ${categories.name} || ' ' || ${producers.name} || ' ' || coalesce(${villages.name}, '') || ' ' || coalesce(${regencies.name}, '')) like ${sql.placeholder(`w${i}`)} escape '\\'`
		);
		if (opts.scope) conditions.push(opts.scope.where);
		return conditions.length ? and(...conditions) : undefined;
	};
	const key = `${opts.scope?.key ?? 'all'}/${words.length}`;
	const total = (await preparedFirst(db, `read/products/count/${key}`, (d) => countQuery(d).where(where(d)), params))?.n ?? 0;
	const items = await preparedRows(db, `read/products/list/${key}`, (d) => detailQuery(d)
			.where(where(d))
			.orderBy(asc(products.name), asc(products.id))
			.limit(sql.placeholder('limit'))
			.offset(sql.placeholder('offset'))
			, params);
	return { items, total, page, pageSize, query };
}

export async function getProduct(db: Db, id: number): Promise<ProductDetail | null> {
	// Every dashboard, status line and access check reads this: prepared once per connection.
	return (await preparedFirst(db, 'read/products/get', (d) => detailQuery(d).where(eq(products.id, sql.placeholder('id'))), { id })) ?? null;
}

/** Every product's id, in id order (the background writer's full rebuilds, the demand census). */
export async function allProductIds(db: Db): Promise<number[]> {
	return (await allRows(db, db
		.select({ id: products.id })
		.from(products)
		.orderBy(asc(products.id))))
		.map((r) => r.id);
}
