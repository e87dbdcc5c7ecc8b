// Queries of write/products.ts: a producer's price and a new product.
import { eq } from 'drizzle-orm';
import { categories, producers, products, type units, type unitFamilies } from '../../schema';
import type { Conn } from './conn';

export function setProductPrice(db: Conn, productId: number, price: number, updatedAt: string): void {
	db.update(products).set({ price, updatedAt }).where(eq(products.id, productId)).run();
}

export function categoryExists(db: Conn, categoryId: number): boolean {
	return db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get() !== undefined;
}

/** The producer's village (a product is placed where its producer lives); null when unknown. */
export function producerVillage(db: Conn, producerId: number): string | null {
	return db.select({ villageCode: producers.villageCode }).from(producers).where(eq(producers.id, producerId)).get()?.villageCode ?? null;
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
export function insertProduct(db: Conn, row: ProductRow): number {
	const { id } = db
		.insert(products)
		.values({ ...row, isDemo: false })
		.returning({ id: products.id })
		.get();
	return id;
}
