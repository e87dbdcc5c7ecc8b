// The sales book's queries (schema `sales`): what the form, `sales.record`, the importer and the
// demo write, and what the product page, the agent's list and the co-op plan read. One row per
// product and week (its Monday); writing a week again replaces it.
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from './index';
import { sales, salesSources } from './schema';
import { exec, first, rows } from "./run";

export type SaleSource = (typeof salesSources)[number];

export interface SaleWeek {
	weekStart: string;
	units: number;
}

export interface SaleRow extends SaleWeek {
	source: SaleSource;
	recordedAt: string;
}

export interface NewSale {
	productId: number;
	weekStart: string;
	units: number;
	source: SaleSource;
	userId?: number | null;
	batchId?: number | null;
	recordedAt?: string;
}

/** A product's recorded weeks, oldest first (from a Monday when given). */
export async function salesOf(db: Db, productId: number, from?: string): Promise<SaleRow[]> {
	return await rows(db, db
        		.select({ weekStart: sales.weekStart, units: sales.units, source: sales.source, recordedAt: sales.recordedAt })
        		.from(sales)
        		.where(from ? and(eq(sales.productId, productId), gte(sales.weekStart, from)) : eq(sales.productId, productId))
        		.orderBy(asc(sales.weekStart)));
}

/** Recorded weeks of several products, oldest first (from a Monday when given); every id has an entry. */
export async function salesByProduct(db: Db, productIds: number[], from?: string): Promise<Map<number, SaleWeek[]>> {
	const out = new Map<number, SaleWeek[]>(productIds.map((id) => [id, []]));
	if (productIds.length === 0) return out;
	const found = await rows(db, db
        		.select({ productId: sales.productId, weekStart: sales.weekStart, units: sales.units })
        		.from(sales)
        		.where(from ? and(inArray(sales.productId, productIds), gte(sales.weekStart, from)) : inArray(sales.productId, productIds))
        		.orderBy(asc(sales.productId), asc(sales.weekStart)));
	for (const r of found) out.get(r.productId)!.push({ weekStart: r.weekStart, units: r.units });
	return out;
}

/** What writing a week did: a new week, a changed one, or the same number again. */
export type SaleOutcome = 'inserted' | 'updated' | 'duplicate';

/** Records one week (replacing what was there); says whether it was new, changed or the same. */
export async function upsertSale(db: Db, s: NewSale): Promise<SaleOutcome> {
	const before = await first(db, db
        		.select({ units: sales.units })
        		.from(sales)
        		.where(and(eq(sales.productId, s.productId), eq(sales.weekStart, s.weekStart))));
	if (before && before.units === s.units) return 'duplicate';
	const row = {
		productId: s.productId,
		weekStart: s.weekStart,
		units: s.units,
		source: s.source,
		userId: s.userId ?? null,
		batchId: s.batchId ?? null,
		recordedAt: s.recordedAt ?? new Date().toISOString()
	};
	await exec(db, db.insert(sales)
        		.values(row)
        		.onConflictDoUpdate({
        			target: [sales.productId, sales.weekStart],
        			set: { units: row.units, source: row.source, userId: row.userId, batchId: row.batchId, recordedAt: row.recordedAt }
        		}));
	return before ? 'updated' : 'inserted';
}

/** The newest recorded week of each product that has one. */
export async function lastSaleWeeks(db: Db, productIds: number[]): Promise<Map<number, string>> {
	if (productIds.length === 0) return new Map();
	const found = await rows(db, db
        		.select({ productId: sales.productId, last: sql<string>`max(${sales.weekStart})` })
        		.from(sales)
        		.where(inArray(sales.productId, productIds))
        		.groupBy(sales.productId));
	return new Map(found.map((r) => [r.productId, r.last]));
}
