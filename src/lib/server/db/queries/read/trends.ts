// Queries of read/trends.ts: the /tren filter choices, every category's weekly sums in one
// grouped read, the category tree, and whether a filter value exists.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { categories, categoryWeeklyDemand as cwd, marketplaces, regions } from '../../schema';
import { prepared } from '../../statements';
import { DEMAND_COLUMNS } from '../../weekly-demand';
import { preparedFirst, rows } from "../../run";
import { joined } from '../../join-alias';

export interface FilterOption {
	value: string;
	label: string;
}

/** Every marketplace and province pair the weekly aggregate holds (one pass over it). */
export async function usedMarketsAndProvinces(db: Db): Promise<{ m: string; p: string }[]> {
	return await rows(db, db.selectDistinct({ m: cwd.marketplaceId, p: cwd.provinceCode }).from(cwd));
}

/** These marketplaces as options, by name. */
export async function marketplaceOptions(db: Db, ids: string[]): Promise<FilterOption[]> {
	if (ids.length === 0) return [];
	return await rows(db, db
        		.select({ value: marketplaces.id, label: marketplaces.name })
        		.from(marketplaces)
        		.where(inArray(marketplaces.id, ids))
        		.orderBy(asc(marketplaces.name)));
}

/** These regions as options, by name. */
export async function regionOptions(db: Db, codes: string[]): Promise<FilterOption[]> {
	if (codes.length === 0) return [];
	return await rows(db, db
        		.select({ value: regions.code, label: regions.name })
        		.from(regions)
        		.where(inArray(regions.code, codes))
        		.orderBy(asc(regions.name)));
}

export interface CategoryWeekSum {
	categoryId: number;
	weekStart: string;
	units: number;
	low: number;
	high: number;
	variance: number;
	listings: number;
	/** 0 or 1: any row of the week was shaped by a bucketed counter / interpolated. */
	bucketed: number;
	interpolated: number;
}

/** Weekly sums of every category for one marketplace and/or province (null: all). */
export async function categoryWeekSums(db: Db, marketplaceId: string | null, provinceCode: string | null): Promise<CategoryWeekSum[]> {
	const where: SQL[] = [];
	if (marketplaceId) where.push(eq(cwd.marketplaceId, marketplaceId));
	if (provinceCode) where.push(eq(cwd.provinceCode, provinceCode));
	return await rows(db, db
        		.select({ categoryId: cwd.categoryId, ...DEMAND_COLUMNS })
        		.from(cwd)
        		.where(where.length ? and(...where) : undefined)
        		.groupBy(cwd.categoryId, cwd.weekStart));
}

const parents = alias(categories, 'p');

/** Every category with its parent's id and name. */
export async function categoryTree(db: Db): Promise<{ id: number; parentId: number | null; name: string; parentName: string | null }[]> {
	return await rows(db, db
        		.select({ id: categories.id, parentId: categories.parentId, name: categories.name, parentName: parents.name })
        		.from(categories)
        		.leftJoin(joined(db, parents), eq(parents.id, categories.parentId)));
}

// The filter checks run on every /tren request (before the memoised ranking): prepared.
export async function marketplaceExists(db: Db, id: string): Promise<boolean> {
	return (
		(await preparedFirst(db, 'read/trends/marketplace', (d) => d
        				.select({ one: sql<number>`1` })
        				.from(marketplaces)
        				.where(eq(marketplaces.id, sql.placeholder('id')))
        				, { id })) !== undefined
	);
}

/** Every marketplace id, in order. */
export async function marketplaceIds(db: Db): Promise<string[]> {
	return (await rows(db, db
    		.select({ id: marketplaces.id })
    		.from(marketplaces)
    		.orderBy(asc(marketplaces.id))))
		.map((r) => r.id);
}

export async function provinceExists(db: Db, code: string): Promise<boolean> {
	return (
		(await preparedFirst(db, 'read/trends/province', (d) => d
        				.select({ one: sql<number>`1` })
        				.from(regions)
        				.where(and(eq(regions.code, sql.placeholder('code')), eq(regions.level, 'province')))
        				, { code })) !== undefined
	);
}
