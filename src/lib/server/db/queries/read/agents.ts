// Queries of read/agents.ts: producers with their place names for the agent's pages, their
// products, the choices the forms offer, and the version a status line is cached under.
import { asc, eq, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { agents, categories, importBatches, productMarket, producers, products, regions, users } from '../../schema';
import { prepared } from '../../statements';

const villages = alias(regions, 'v');
const regencies = alias(regions, 'r');

/**
 * What a product's status depends on: the product row, its stored market part and the import
 * batches (newest id, last finish, count). Null for an unknown product.
 */
export function statusVersion(db: Db, productId: number): string | null {
	const row = db.get<{ version: string | null }>(
		sql`select (select ${products.updatedAt} from ${products} where ${products.id} = ${productId}) || '|' ||
		        coalesce((select ${productMarket.builtAt} from ${productMarket} where ${productMarket.productId} = ${productId}), '') || '|' ||
		        (select coalesce(max(${importBatches.id}), 0) || ':' || coalesce(max(${importBatches.finishedAt}), '') || ':' || count(*) from ${importBatches}) as version`
	);
	return row?.version ?? null;
}

/** Producers with their village, regency, agent and whether they have an account. */
function producerSummaries(db: Db) {
	return db
		.select({
			id: producers.id,
			name: producers.name,
			villageName: villages.name,
			regencyName: regencies.name,
			agentName: agents.name,
			hasAccount: sql<number>`exists (select 1 from ${users} where ${users.producerId} = ${producers.id})`
		})
		.from(producers)
		.leftJoin(villages, eq(villages.code, producers.villageCode))
		.leftJoin(regencies, eq(regencies.code, sql`substr(${producers.villageCode}, 1, 5)`))
		.leftJoin(agents, eq(agents.id, producers.agentId));
}

export type ProducerSummaryRow = ReturnType<typeof producerSummaries>['_']['result'][number];

/** The producers `scope` (access.ts producerScopeWhere) allows, by name. */
export function producersIn(db: Db, scope: SQL): ProducerSummaryRow[] {
	return producerSummaries(db).where(scope).orderBy(asc(producers.name), asc(producers.id)).all();
}

export function producerById(db: Db, producerId: number): ProducerSummaryRow | undefined {
	return producerSummaries(db).where(eq(producers.id, producerId)).get();
}

/** A producer's product ids by name (run once per producer of a list: prepared per connection). */
export function productIdsOf(db: Db, producerId: number): number[] {
	return prepared(db, 'read/agents/product-ids', (d) =>
		d
			.select({ id: products.id })
			.from(products)
			.where(eq(products.producerId, sql.placeholder('producerId')))
			.orderBy(asc(products.name), asc(products.id))
			.prepare()
	)
		.all({ producerId })
		.map((r) => r.id);
}

/** A producer's products with their pack and category name, by name. */
export function productsOfProducer(db: Db, producerId: number) {
	return db
		.select({
			id: products.id,
			name: products.name,
			price: products.price,
			packQuantity: products.packQuantity,
			unit: products.unit,
			categoryName: categories.name
		})
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.where(eq(products.producerId, producerId))
		.orderBy(asc(products.name), asc(products.id))
		.all();
}

const parents = alias(categories, 'p');
const children = alias(categories, 'k');

/** Leaf categories (no child) with their parent's name, by parent (or own) name, then name. */
export function leafCategories(db: Db): { id: number; name: string; parent: string | null }[] {
	return db
		.select({ id: categories.id, name: categories.name, parent: parents.name })
		.from(categories)
		.leftJoin(parents, eq(parents.id, categories.parentId))
		.where(notExists(db.select({ one: sql`1` }).from(children).where(eq(children.parentId, categories.id))))
		.orderBy(sql`coalesce(${parents.name}, ${categories.name})`, asc(categories.name))
		.all();
}

/** Villages where the producers `scope` allows live, with their regency, by regency then name. */
export function villagesOfProducers(db: Db, scope: SQL): { code: string; name: string; regency: string | null }[] {
	return db
		.selectDistinct({ code: villages.code, name: villages.name, regency: regencies.name })
		.from(producers)
		.innerJoin(villages, eq(villages.code, producers.villageCode))
		.leftJoin(regencies, eq(regencies.code, sql`substr(${villages.code}, 1, 5)`))
		.where(scope)
		.orderBy(asc(regencies.name), asc(villages.name))
		.all();
}

export function agentsByName(db: Db): { id: number; name: string }[] {
	return db.select({ id: agents.id, name: agents.name }).from(agents).orderBy(asc(agents.name)).all();
}
