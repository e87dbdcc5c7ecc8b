// Queries of derive/forecasts.ts: stored forecasts by series key and horizon, co-op members'
// products, and pruning forecasts of what no longer exists.
import { and, eq, inArray, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories, forecasts, memberships, products } from '../../schema';
import { dialectOf } from '../../sql-dialect';
import { prepared } from '../../statements';
import { excluded } from '../../excluded';
import { exec, preparedExec, preparedFirst, allRows } from '../../run';

/** The stored forecast of a key at a horizon (prepared once per connection: read on page requests). */
export async function forecastRow(db: Db, seriesKey: string, horizon: number) {
	return await preparedFirst(db, 'derive/forecasts/forecastRow', (d) => d
			.select({ inputHash: forecasts.inputHash, result: forecasts.result, ms: forecasts.ms })
			.from(forecasts)
			.where(and(eq(forecasts.seriesKey, sql.placeholder('seriesKey')), eq(forecasts.horizon, sql.placeholder('horizon'))))
			, { seriesKey, horizon });
}

/** Stores (or replaces) the forecast of a key at a horizon. */
export async function saveForecast(db: Db, row: typeof forecasts.$inferInsert): Promise<void> {
	await preparedExec(db, 'derive/forecasts/saveForecast', (d) => d
			.insert(forecasts)
			.values({
				seriesKey: sql.placeholder('seriesKey'),
				horizon: sql.placeholder('horizon'),
				inputHash: sql.placeholder('inputHash'),
				result: sql.placeholder('result'),
				ms: sql.placeholder('ms'),
				computedAt: sql.placeholder('computedAt')
			})
			.onConflictDoUpdate({
				target: [forecasts.seriesKey, forecasts.horizon],
				set: {
					inputHash: excluded(forecasts.inputHash),
					result: excluded(forecasts.result),
					ms: excluded(forecasts.ms),
					computedAt: excluded(forecasts.computedAt)
				}
			})
			, row);
}

/** Products whose producer is a member of a co-op, in id order. */
export async function memberProductIds(db: Db): Promise<number[]> {
	return (await allRows(db, db
		.select({ id: products.id })
		.from(products)
		.where(inArray(products.producerId, db.select({ producerId: memberships.producerId }).from(memberships)))
		.orderBy(products.id)))
		.map((r) => r.id);
}

/** Deletes forecasts whose category or product (the id after the key's prefix) no longer exists; returns how many. */
export async function deleteOrphanForecasts(db: Db): Promise<number> {
	const idAfter = (prefix: string): SQL<number> => dialectOf(db).textToInteger(sql`substr(${forecasts.seriesKey}, ${prefix.length + 1})`);
	const categoryIds = db.select({ id: categories.id }).from(categories);
	const productIds = db.select({ id: products.id }).from(products);
	return (await exec(db, db
		.delete(forecasts)
		.where(
			or(
				and(like(forecasts.seriesKey, 'category:%'), notInArray(idAfter('category:'), categoryIds)),
				and(like(forecasts.seriesKey, 'product:%'), notInArray(idAfter('product:'), productIds)),
				and(like(forecasts.seriesKey, 'season:%'), notInArray(idAfter('season:'), productIds))
			)
		))).changes;
}
