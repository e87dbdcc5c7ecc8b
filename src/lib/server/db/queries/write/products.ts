// Queries of write/products.ts: a producer's price and a new product.
import { eq } from 'drizzle-orm';
import { categories, producers, products, type units, type unitFamilies } from '../../schema';
import type { Conn } from './conn';
import { exec, firstRow, oneRow } from '../../run';

export async function setProductPrice(db: Conn, productId: number, price: number, updatedAt: string): Promise<void> {
	await exec(db, db.update(products).set({ price, updatedAt }).where(eq(products.id, productId)));
}

export async function categoryExists(db: Conn, categoryId: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)))) !== undefined;
}

/** The producer's village (a product is placed where its producer lives); null when unknown. */
export async function producerVillage(db: Conn, producerId: number): Promise<string | null> {
	return (await firstRow(db, db.select({ villageCode: producers.villageCode }).from(producers).where(eq(producers.id, producerId))))?.villageCode ?? null;
}

export interface ProductRow {
	producerId: number;
	name: string;
	categoryId: number;
	price: number;
	packQuantity: number;
	unit: (typeof units)[number];
	unitFamily: (typeof unitFamilies)[number];
	keywords: string;
	villageCode: string | null;
	createdAt: string;
	updatedAt: string;
}

/** A producer's own product (never demo data); its id. */
export async function insertProduct(db: Conn, row: ProductRow): Promise<number> {
	const { id } = await oneRow(db, db
		.insert(products)
		.values({ ...row, isDemo: false })
		.returning({ id: products.id }));
	return id;
}
