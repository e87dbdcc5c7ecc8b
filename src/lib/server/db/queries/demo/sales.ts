// The demo sales books' queries (demo/sales.ts): the market's weekly rate of a set of listings,
// and the rows the seeder writes per co-op, per member product and per recorded week.
import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { statement } from '../../statement';
import { dialectOf } from '../../sql-dialect';
import { coopMemberPlans, coopSettings, listingSnapshots, sales } from '../../schema';
import { exec, firstRow } from '../../run';
import { joined } from '../../join-alias';

/**
 * Units a week the listings sold together, from each one's first and last snapshot counters
 * (a span shorter than a week counts as one week). 0 for no listings or no counters.
 */
export async function weeklyUnitsOfListings(db: Db, listingIds: readonly number[]): Promise<number> {
	if (listingIds.length === 0) return 0;
	const d = dialectOf(db);
	const span = db
		.select({
			listingId: listingSnapshots.listingId,
			first: sql<string>`min(${listingSnapshots.observedAt})`.as('first'),
			last: sql<string>`max(${listingSnapshots.observedAt})`.as('last')
		})
		.from(listingSnapshots)
		.where(inArray(listingSnapshots.listingId, [...listingIds]))
		.groupBy(listingSnapshots.listingId)
		.as('span');
	const s1 = alias(listingSnapshots, 's1');
	const s2 = alias(listingSnapshots, 's2');
	const weeks = sql`(${d.daysBetween(s1.observedAt, s2.observedAt)} / 7)`;
	const row = await firstRow(db, db
        		.select({
        			units: sql<number>`coalesce(sum((${s2.soldCount} - ${s1.soldCount}) * 1.0 / (case when ${weeks} > 1 then ${weeks} else 1 end)), 0)`
        		})
        		.from(span)
        		.innerJoin(joined(db, s1), and(sql`${s1.listingId} = ${span.listingId}`, sql`${s1.observedAt} = ${span.first}`))
        		.innerJoin(joined(db, s2), and(sql`${s2.listingId} = ${span.listingId}`, sql`${s2.observedAt} = ${span.last}`))
        		.where(and(isNotNull(s1.soldCount), isNotNull(s2.soldCount))));
	return row?.units ?? 0;
}

/** The demo co-op's settings unless it has its own: 3 weeks lead time, 2 of 100 sold, 6-week runs, buy 7 days ahead. */
export async function insertDemoCoopSettingsIfMissing(db: Db, cooperativeId: number, updatedAt: string): Promise<void> {
	await exec(db, db.insert(coopSettings)
        		.values({ cooperativeId, leadTimeWeeks: 3, marketSharePct: 2, runWeeks: 6, buyDaysBefore: 7, updatedAt })
        		.onConflictDoNothing());
}

export function prepareInsertMemberCapacity(db: Db) {
	return statement(db, 'demo/sales/prepareInsertMemberCapacity', (d) => d
		.insert(coopMemberPlans)
		.values({
			cooperativeId: sql.placeholder('cooperativeId'),
			productId: sql.placeholder('productId'),
			capacityPerWeek: sql.placeholder('capacityPerWeek'),
			sharePct: null,
			updatedAt: sql.placeholder('updatedAt')
		}));
}

export function prepareInsertDemoSale(db: Db) {
	return statement(db, 'demo/sales/prepareInsertDemoSale', (d) => d
		.insert(sales)
		.values({
			productId: sql.placeholder('productId'),
			weekStart: sql.placeholder('weekStart'),
			units: sql.placeholder('units'),
			source: 'demo',
			recordedAt: sql.placeholder('recordedAt')
		}));
}
