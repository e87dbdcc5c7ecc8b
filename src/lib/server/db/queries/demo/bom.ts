// The demo bills of materials' queries (demo/bom.ts): whether any co-op has BOMs or purchase
// units yet, the member products that get a default BOM, and the materials their BOMs use.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { billOfMaterials, categories, coopMaterials, memberships, products } from '../../schema';
import { firstRow, allRows } from '../../run';

export async function anyBillOfMaterials(db: Db): Promise<boolean> {
	return (await firstRow(db, db.select({ one: sql`1` }).from(billOfMaterials).limit(1))) !== undefined;
}

export async function anyCoopMaterials(db: Db): Promise<boolean> {
	return (await firstRow(db, db.select({ one: sql`1` }).from(coopMaterials).limit(1))) !== undefined;
}

/** Products of co-op members, with their category's slug and their pack size. */
export async function memberProductsWithCategory(db: Db) {
	return await allRows(db, db
		.select({ id: products.id, slug: categories.slug, packQuantity: products.packQuantity, unit: products.unit })
		.from(products)
		.innerJoin(categories, eq(categories.id, products.categoryId))
		.where(inArray(products.producerId, db.select({ producerId: memberships.producerId }).from(memberships))));
}

/** Each co-op's materials and units, as its members' BOMs name them (once each). */
export async function coopBomMaterials(db: Db) {
	return await allRows(db, db
		.selectDistinct({ coopId: memberships.cooperativeId, material: billOfMaterials.material, unit: billOfMaterials.unit })
		.from(billOfMaterials)
		.innerJoin(products, eq(products.id, billOfMaterials.productId))
		.innerJoin(memberships, eq(memberships.producerId, products.producerId)));
}
