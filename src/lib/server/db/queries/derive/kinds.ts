// Queries of derive/kinds.ts: the rows that wait for their product kind, and the rule version
// (meta 'kind_version') the stored kinds were computed by.
import { and, eq, gt, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { categories, listings, meta, products } from '../../schema';
import { allRows, exec, firstRow, preparedRows } from '../../run';
import { batchedUpdate } from '../../row-batch';

const KIND_VERSION_KEY = 'kind_version';

/** The kind rules' version stored with the kinds, if any. */
export async function storedKindVersion(db: Db): Promise<string | undefined> {
	return (await firstRow(db, db.select({ value: meta.value }).from(meta).where(eq(meta.key, KIND_VERSION_KEY))))?.value;
}

/** Whether the table has any row (matching `where`): one indexed probe, the same on every engine. */
async function anyRow(db: Db, table: SQLiteTable, where?: SQL): Promise<boolean> {
	return (await firstRow(db, db.select({ one: sql<number>`1` }).from(table).where(where).limit(1))) !== undefined;
}

export const anyListing = async (db: Db) => anyRow(db, listings);
export const anyProduct = async (db: Db) => anyRow(db, products);
export const anyListingWithoutKind = async (db: Db) => anyRow(db, listings, isNull(listings.kind));
export const anyProductWithoutKind = async (db: Db) => anyRow(db, products, isNull(products.kind));

/**
 * Listings without a kind, the next `limit` by id after `after`, with their category's slug. By id
 * from where the last chunk ended: from the start each time, PostgreSQL sorted every listing still
 * without a kind per chunk (0.8 s a chunk, 500 chunks, after a 1M-row import).
 */
export async function pendingListings(db: Db, limit: number, after = 0) {
	return await preparedRows(
		db,
		'derive/kinds/pendingListings',
		(d) =>
			d
				.select({ id: listings.id, title: listings.title, slug: categories.slug, batchId: listings.batchId, packStatus: listings.packStatus })
				.from(listings)
				.leftJoin(categories, eq(categories.id, listings.categoryId))
				.where(and(isNull(listings.kind), gt(listings.id, sql.placeholder('after'))))
				.orderBy(listings.id)
				.limit(sql.placeholder('limit')),
		{ limit, after }
	);
}

/** Sets listings' kinds: `add({ id, kind, kindAttrs })`, then flush() (row-batch.ts). */
export function setListingKindStatement(db: Db) {
	return batchedUpdate(db, 'derive/kinds/setListingKind', listings, 'id', ['kind', 'kindAttrs']);
}

/** Sets listings' pack readings: `add({ id, packQuantity, unit, unitFamily, packStatus })`, then flush(). */
export function setListingPackStatement(db: Db) {
	return batchedUpdate(db, 'derive/kinds/setListingPack', listings, 'id', ['packQuantity', 'unit', 'unitFamily', 'packStatus']);
}

/** Products without a kind, with the words their kind is read from. */
export async function productsWithoutKind(db: Db) {
	return await allRows(db, db
		.select({ id: products.id, name: products.name, keywords: products.keywords, slug: categories.slug })
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.where(isNull(products.kind)));
}

/** Sets products' kinds: `add({ id, kind, kindAttrs })`, then flush() (row-batch.ts). */
export function setProductKindStatement(db: Db) {
	return batchedUpdate(db, 'derive/kinds/setProductKind', products, 'id', ['kind', 'kindAttrs']);
}

/** Forgets every stored kind (the rules changed). */
export async function clearAllKinds(db: Db): Promise<void> {
	await exec(db, db.update(listings).set({ kind: null }).where(isNotNull(listings.kind)));
	await exec(db, db.update(products).set({ kind: null }).where(isNotNull(products.kind)));
}

/** Records the rules' version the kinds are (about to be) computed by. */
export async function saveKindVersion(db: Db, version: string, at: string): Promise<void> {
	await exec(db, db.insert(meta)
		.values({ key: KIND_VERSION_KEY, value: version, updatedAt: at })
		.onConflictDoUpdate({ target: meta.key, set: { value: version, updatedAt: at } }));
}
