// Producers' products: listing and searching them, and reading one with its place names.
import type { Db } from './index';

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

const SELECT = `
	select p.id, p.name, p.price, p.pack_quantity as packQuantity, p.unit, p.unit_family as unitFamily,
	       p.category_id as categoryId, c.name as categoryName, p.producer_id as producerId, pr.name as producerName,
	       v.name as villageName, r.name as regencyName, p.is_demo as isDemo, p.keywords, p.village_code as villageCode,
	       p.updated_at as updatedAt
	from products p
	join producers pr on pr.id = p.producer_id
	join categories c on c.id = p.category_id
	left join regions v on v.code = p.village_code
	left join regions r on r.code = substr(p.village_code, 1, 5)`;

function toDetail(row: Record<string, unknown>): ProductDetail {
	return { ...(row as unknown as ProductDetail), isDemo: Boolean(row.isDemo) };
}

/**
 * Products matching every word of `query` in their name, keywords, category, producer or village.
 * `scope` is a condition over producers `pr` (see access.ts producerScope): callers acting for a
 * person use listProductsFor, which always passes one.
 */
export function listProducts(
	db: Db,
	opts: { query?: string; page?: number; pageSize?: number; scope?: { sql: string; params: unknown[] } } = {}
): ProductPage {
	const query = (opts.query ?? '').trim().slice(0, 100);
	// Bounded here too: an offset SQLite cannot bind (1e308, 1e20) was a 500.
	const page = Number.isFinite(opts.page) ? Math.min(10_000, Math.max(1, Math.floor(opts.page!))) : 1;
	const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize ?? 20)));
	const words = query
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 8);
	// LIKE with bound parameters: a user's %, _ or quotes are escaped, never interpreted.
	const conditions = words.map(
		() =>
			`lower(p.name || ' ' || p.keywords || ' ' || c.name || ' ' || pr.name || ' ' || coalesce(v.name, '') || ' ' || coalesce(r.name, '')) like ? escape '\\'`
	);
	const params: unknown[] = words.map((w) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
	if (opts.scope) {
		conditions.push(`(${opts.scope.sql})`);
		params.push(...opts.scope.params);
	}
	const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
	const total = (db.$client.prepare(`select count(*) from (${SELECT} ${where})`).pluck().get(...params) as number) ?? 0;
	const rows = db.$client
		.prepare(`${SELECT} ${where} order by p.name, p.id limit ? offset ?`)
		.all(...params, pageSize, (page - 1) * pageSize) as Record<string, unknown>[];
	return { items: rows.map(toDetail), total, page, pageSize, query };
}

export function getProduct(db: Db, id: number): ProductDetail | null {
	const row = db.$client.prepare(`${SELECT} where p.id = ?`).get(id) as Record<string, unknown> | undefined;
	return row ? toDetail(row) : null;
}
