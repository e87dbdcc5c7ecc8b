// Queries of write/coop.ts: which products belong to a co-op's members, and their names for
// the form's messages. The co-op's own tables are read and written in db/coop.ts.
import { and, eq, inArray } from 'drizzle-orm';
import { memberships, products } from '../../schema';
import type { Conn } from './conn';

/** True when the product is made by a member of the co-op. */
export function isMemberProduct(db: Conn, cooperativeId: number, productId: number): boolean {
	const row = db
		.select({ id: products.id })
		.from(products)
		.innerJoin(memberships, eq(memberships.producerId, products.producerId))
		.where(and(eq(products.id, productId), eq(memberships.cooperativeId, cooperativeId)))
		.get();
	return row !== undefined;
}

/** Names of these products (those that exist), by id. */
export function productNames(db: Conn, productIds: number[]): Map<number, string> {
	if (productIds.length === 0) return new Map();
	const rows = db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, productIds)).all();
	return new Map(rows.map((r) => [r.id, r.name]));
}
