// Queries of write/coop.ts: which products belong to a co-op's members, and their names for
// the form's messages. The co-op's own tables are read and written in db/coop.ts.
import { and, eq, inArray } from 'drizzle-orm';
import { memberships, products } from '../../schema';
import type { Conn } from './conn';
import { firstRow, allRows } from '../../run';

/** True when the product is made by a member of the co-op. */
export async function isMemberProduct(db: Conn, cooperativeId: number, productId: number): Promise<boolean> {
	const row = await firstRow(db, db
		.select({ id: products.id })
		.from(products)
		.innerJoin(memberships, eq(memberships.producerId, products.producerId))
		.where(and(eq(products.id, productId), eq(memberships.cooperativeId, cooperativeId))));
	return row !== undefined;
}

/** Names of these products (those that exist), by id. */
export async function productNames(db: Conn, productIds: number[]): Promise<Map<number, string>> {
	if (productIds.length === 0) return new Map();
	const rows = await allRows(db, db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, productIds)));
	return new Map(rows.map((r) => [r.id, r.name]));
}
