// Queries of auth/access.ts: whether a producer is in an actor's scope, and a product's
// producer. Both run on every page that shows a product or producer, so they are prepared once
// per connection, one statement per role (a role's condition is fixed; only the ids vary).
import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../index';
import { memberships, producers, products, type roles } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst } from '../../run';

type Role = (typeof roles)[number];

/** Whom a scope is for: a role and the producer, agent or co-op row their account stands for. */
export interface ScopeOwner {
	role: Role;
	producerId: number | null;
	agentId: number | null;
	cooperativeId: number | null;
}

/** The columns of `producers` a scope needs: the table itself, or an alias of it. */
export interface ProducerColumns {
	id: AnyColumn;
	agentId: AnyColumn;
}

/**
 * The id a role's scope is bound to; -1 (no row has it) when the account's link is missing, so
 * an agent account without an agent row sees nothing.
 */
export function scopeOwnerId(owner: ScopeOwner): number {
	switch (owner.role) {
		case 'produsen':
			return owner.producerId ?? -1;
		case 'agen':
			return owner.agentId ?? -1;
		case 'koperasi':
			return owner.cooperativeId ?? -1;
		default:
			return -1;
	}
}

/** A role's condition over `pr`, bound to `id` (a value, or a placeholder in a prepared query). */
export function producerScopeOf(role: Role, pr: ProducerColumns, id: unknown): SQL {
	switch (role) {
		case 'admin':
			return sql`1 = 1`;
		case 'produsen':
			return sql`${pr.id} = ${id}`;
		case 'agen':
			return sql`${pr.agentId} = ${id}`;
		case 'koperasi':
			return sql`exists (select 1 from ${memberships} where ${memberships.producerId} = ${pr.id} and ${memberships.cooperativeId} = ${id})`;
		default:
			// Fail closed: a role this table does not know sees nothing.
			return sql`1 = 0`;
	}
}

/**
 * A typed condition over a producers row (`producers` or an alias of it) that is true for the
 * producers `owner` may see.
 */
export function producerScopeCondition(owner: ScopeOwner, pr: ProducerColumns = producers): SQL {
	return producerScopeOf(owner.role, pr, scopeOwnerId(owner));
}

/** Whether producer `producerId` exists and is in `owner`'s scope. */
export async function producerInScope(db: Db, owner: ScopeOwner, producerId: number): Promise<boolean> {
	const row = await preparedFirst(db, `auth/access/producerInScope/${owner.role}`, (d) => d
			.select({ id: producers.id })
			.from(producers)
			.where(and(eq(producers.id, sql.placeholder('producerId')), producerScopeOf(owner.role, producers, sql.placeholder('ownerId'))))
			, { producerId, ownerId: scopeOwnerId(owner) });
	return row !== undefined;
}

/** The producer of a product, or null when there is no such product. */
export async function producerOfProduct(db: Db, productId: number): Promise<number | null> {
	const row = await preparedFirst(db, 'auth/access/producerOfProduct', (d) => d
			.select({ producerId: products.producerId })
			.from(products)
			.where(eq(products.id, sql.placeholder('productId')))
			, { productId });
	return row?.producerId ?? null;
}
