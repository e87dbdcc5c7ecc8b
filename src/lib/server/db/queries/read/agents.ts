// Queries of read/agents.ts: producers with their place names for the agent's pages, their
// products, the choices the forms offer, and the version a status line is cached under.
import { asc, eq, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { agents, categories, importBatches, productMarket, producers, products, regions, users } from '../../schema';
import { prepared } from '../../statements';
import type { ProducerScope } from './scope';
import { preparedFirst, preparedRows } from "../../run";
import { joined } from '../../join-alias';

const villages = alias(regions, 'v');
const regencies = alias(regions, 'r');

/**
 * What a product's status depends on: the product row, its stored market part and the import
 * batches (newest id, last finish, count). Null for an unknown product. Read for every product
 * of an agent's list: prepared once per connection.
 */
export async function statusVersion(db: Db, productId: number): Promise<string | null> {
	const row = await preparedFirst(db, 'read/agents/status-version', (d) => d
        			.select({
        				version: sql<string>`${products.updatedAt} || '|' ||
					coalesce((select ${productMarket.builtAt} from ${productMarket} where ${productMarket.productId} = ${products.id}), '') || '|' ||
					(select coalesce(max(${importBatches.id}), 0) || ':' || coalesce(max(${importBatches.finishedAt}), '') || ':' || count(*) from ${importBatches})`
        			})
        			.from(products)
        			.where(eq(products.id, sql.placeholder('productId')))
        			, { productId });
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
		.leftJoin(joined(db, villages), eq(villages.code, producers.villageCode))
		.leftJoin(joined(db, regencies), eq(regencies.code, sql`substr(${producers.villageCode}, 1, 5)`))
		.leftJoin(agents, eq(agents.id, producers.agentId));
}

export type ProducerSummaryRow = ReturnType<typeof producerSummaries>['_']['result'][number];

/** The producers `scope` (access.ts producerScopePrepared) allows, by name. */
export async function producersIn(db: Db, scope: ProducerScope): Promise<ProducerSummaryRow[]> {
	return await preparedRows(db, `read/agents/producers/${scope.key}`, (d) => producerSummaries(d).where(scope.where).orderBy(asc(producers.name), asc(producers.id)), scope.params);
}

export async function producerById(db: Db, producerId: number): Promise<ProducerSummaryRow | undefined> {
	return await preparedFirst(db, 'read/agents/producer', (d) => producerSummaries(d)
        			.where(eq(producers.id, sql.placeholder('producerId')))
        			, { producerId });
}

/** A producer's product ids by name (run once per producer of a list: prepared per connection). */
export async function productIdsOf(db: Db, producerId: number): Promise<number[]> {
	return (await preparedRows(db, 'read/agents/product-ids', (d) => d
    			.select({ id: products.id })
    			.from(products)
    			.where(eq(products.producerId, sql.placeholder('producerId')))
    			.orderBy(asc(products.name), asc(products.id))
    			, { producerId }))
		.map((r) => r.id);
}

/** A producer's products with their pack and category name, by name. */
export async function productsOfProducer(db: Db, producerId: number) {
	return await preparedRows(db, 'read/agents/products', (d) => d
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
        			.where(eq(products.producerId, sql.placeholder('producerId')))
        			.orderBy(asc(products.name), asc(products.id))
        			, { producerId });
}

const parents = alias(categories, 'p');
const children = alias(categories, 'k');

/** Leaf categories (no child) with their parent's name, by parent (or own) name, then name. */
export async function leafCategories(db: Db): Promise<{ id: number; name: string; parent: string | null }[]> {
	return await preparedRows(db, 'read/agents/leaf-categories', (d) => d
        			.select({ id: categories.id, name: categories.name, parent: parents.name })
        			.from(categories)
        			.leftJoin(joined(d, parents), eq(parents.id, categories.parentId))
        			.where(notExists(d.select({ one: sql`1` }).from(children).where(eq(children.parentId, categories.id))))
        			.orderBy(sql`coalesce(${parents.name}, ${categories.name})`, asc(categories.name))
        			);
}

/** Villages where the producers `scope` allows live, with their regency, by regency then name. */
export async function villagesOfProducers(db: Db, scope: ProducerScope): Promise<{ code: string; name: string; regency: string | null }[]> {
	return await preparedRows(db, `read/agents/villages/${scope.key}`, (d) => d
        			.selectDistinct({ code: villages.code, name: villages.name, regency: regencies.name })
        			.from(producers)
        			.innerJoin(joined(d, villages), eq(villages.code, producers.villageCode))
        			.leftJoin(joined(d, regencies), eq(regencies.code, sql`substr(${villages.code}, 1, 5)`))
        			.where(scope.where)
        			.orderBy(asc(regencies.name), asc(villages.name))
        			, scope.params);
}

export async function agentsByName(db: Db): Promise<{ id: number; name: string }[]> {
	return await preparedRows(db, 'read/agents/agents', (d) => d.select({ id: agents.id, name: agents.name }).from(agents).orderBy(asc(agents.name)));
}
