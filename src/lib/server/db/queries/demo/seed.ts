// The demo seeder's queries (demo/seed.ts). The inserts run in loops over thousands of rows,
// so those are prepared statements (db/statement.ts) the seeder makes once per seed and runs per row.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { statement } from '../../statement';
import { excluded } from '../../excluded';
import { dialectOf } from '../../sql-dialect';
import {
	agents,
	categories,
	cooperatives,
	importBatches,
	listings,
	marketplaces,
	memberships,
	meta,
	producers,
	products,
	regions,
	shops
} from '../../schema';
import { allRows, exec, firstRow, oneRow } from '../../run';

export async function insertMarketplaceIfMissing(db: Db, id: string, name: string): Promise<void> {
	await exec(db, db.insert(marketplaces).values({ id, name }).onConflictDoNothing());
}

export function prepareInsertCategory(db: Db) {
	return statement(db, 'demo/seed/prepareInsertCategory', (d) => d
		.insert(categories)
		.values({
			parentId: sql.placeholder('parentId'),
			slug: sql.placeholder('slug'),
			name: sql.placeholder('name'),
			unitFamily: sql.placeholder('unitFamily')
		})
		.returning({ id: categories.id }));
}

/** A district's code by its regency and name, compared as SQLite's NOCASE does (ASCII letters only). */
export async function districtCode(db: Db, regencyCode: string, name: string): Promise<string | undefined> {
	return (await firstRow(db, db
		.select({ code: regions.code })
		.from(regions)
		.where(and(eq(regions.level, 'district'), eq(regions.parentCode, regencyCode), sql`lower(${regions.name}) = lower(${name})`))))?.code;
}

/**
 * The regions whose code starts with `prefix` + '.', by code. A range on the primary key
 * ('32.14.04.' ≤ code < '32.14.04/'): the caller keeps the villages, so the planner is never
 * tempted by the index on level, which would walk every village in the country.
 */
export async function regionsUnder(db: Db, prefix: string) {
	return await allRows(db, db
		.select({ code: regions.code, name: regions.name, level: regions.level })
		.from(regions)
		.where(sql`${regions.code} >= ${`${prefix}.`} and ${regions.code} < ${`${prefix}/`}`)
		.orderBy(regions.code));
}

export async function insertDemoImportBatch(db: Db, startedAt: string, observedAt: string): Promise<number> {
	const row = await oneRow(db, db
		.insert(importBatches)
		.values({ source: 'demo', filename: null, status: 'running', startedAt, observedAt })
		.returning({ id: importBatches.id }));
	return row.id;
}

export function prepareInsertShop(db: Db) {
	return statement(db, 'demo/seed/prepareInsertShop', (d) => d
		.insert(shops)
		.values({
			marketplaceId: sql.placeholder('marketplaceId'),
			externalId: sql.placeholder('externalId'),
			name: sql.placeholder('name'),
			regionCode: sql.placeholder('regionCode'),
			rating: null
		})
		.returning({ id: shops.id }));
}

/** Each shop's rating: the mean of its rated listings' ratings, to one decimal (null when none is rated). */
export async function setShopRatingsFromListings(db: Db): Promise<void> {
	const mean = dialectOf(db).roundTo(sql`avg(${listings.rating})`, 1);
	await exec(db, db.update(shops)
		.set({ rating: sql`(select ${mean} from ${listings} where ${listings.shopId} = ${shops.id} and ${listings.rating} is not null)` }));
}

export function prepareUpsertMeta(db: Db) {
	return statement(db, 'demo/seed/prepareUpsertMeta', (d) => d
		.insert(meta)
		.values({ key: sql.placeholder('key'), value: sql.placeholder('value'), updatedAt: sql.placeholder('updatedAt') })
		.onConflictDoUpdate({ target: meta.key, set: { value: excluded(meta.value), updatedAt: excluded(meta.updatedAt) } }));
}

export async function finishImportBatch(db: Db, id: number, finishedAt: string, rows: number, message: string): Promise<void> {
	await exec(db, db.update(importBatches).set({ status: 'done', finishedAt, rows, inserted: rows, message }).where(eq(importBatches.id, id)));
}

export async function insertAgent(db: Db, name: string, phone: string, regionCode: string | null): Promise<number> {
	return (await oneRow(db, db.insert(agents).values({ name, phone, regionCode }).returning({ id: agents.id }))).id;
}

export function prepareInsertProducer(db: Db) {
	return statement(db, 'demo/seed/prepareInsertProducer', (d) => d
		.insert(producers)
		.values({
			name: sql.placeholder('name'),
			phone: sql.placeholder('phone'),
			villageCode: sql.placeholder('villageCode'),
			agentId: sql.placeholder('agentId'),
			createdAt: sql.placeholder('createdAt')
		})
		.returning({ id: producers.id }));
}

export function prepareInsertProduct(db: Db) {
	return statement(db, 'demo/seed/prepareInsertProduct', (d) => d
		.insert(products)
		.values({
			producerId: sql.placeholder('producerId'),
			name: sql.placeholder('name'),
			categoryId: sql.placeholder('categoryId'),
			price: sql.placeholder('price'),
			packQuantity: sql.placeholder('packQuantity'),
			unit: sql.placeholder('unit'),
			unitFamily: sql.placeholder('unitFamily'),
			keywords: sql.placeholder('keywords'),
			kind: sql.placeholder('kind'),
			kindAttrs: sql.placeholder('kindAttrs'),
			villageCode: sql.placeholder('villageCode'),
			isDemo: true,
			createdAt: sql.placeholder('createdAt'),
			updatedAt: sql.placeholder('updatedAt')
		})
		.returning({ id: products.id }));
}

export async function insertCooperative(db: Db, name: string, regionCode: string): Promise<number> {
	return (await oneRow(db, db.insert(cooperatives).values({ name, regionCode }).returning({ id: cooperatives.id }))).id;
}

export function prepareInsertMembership(db: Db) {
	return statement(db, 'demo/seed/prepareInsertMembership', (d) => d
		.insert(memberships)
		.values({ cooperativeId: sql.placeholder('cooperativeId'), producerId: sql.placeholder('producerId'), joinedAt: sql.placeholder('joinedAt') }));
}

export async function listingCountInCategory(db: Db, categoryId: number): Promise<number> {
	return (await firstRow(db, db.select({ n: count() }).from(listings).where(eq(listings.categoryId, categoryId))))?.n ?? 0;
}

export function prepareListingUnitPrice(db: Db) {
	return statement(db, 'demo/seed/prepareListingUnitPrice', (d) => d
		.select({ price: listings.price, packQuantity: listings.packQuantity, unit: listings.unit })
		.from(listings)
		.where(eq(listings.id, sql.placeholder('id'))));
}
