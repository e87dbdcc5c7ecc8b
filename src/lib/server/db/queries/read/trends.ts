// Queries of read/trends.ts: the /tren filter choices, every category's weekly sums in one
// grouped read, the category tree, and whether a filter value exists.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../index';
import { categories, categoryWeeklyDemand as cwd, marketplaces, regions } from '../../schema';
import { prepared } from '../../statements';
import { DEMAND_COLUMNS } from '../../weekly-demand';

export interface FilterOption {
	value: string;
	label: string;
}

/** Every marketplace and province pair the weekly aggregate holds (one pass over it). */
export function usedMarketsAndProvinces(db: Db): { m: string; p: string }[] {
	return db.selectDistinct({ m: cwd.marketplaceId, p: cwd.provinceCode }).from(cwd).all();
}

/** These marketplaces as options, by name. */
export function marketplaceOptions(db: Db, ids: string[]): FilterOption[] {
	if (ids.length === 0) return [];
	return db
		.select({ value: marketplaces.id, label: marketplaces.name })
		.from(marketplaces)
		.where(inArray(marketplaces.id, ids))
		.orderBy(asc(marketplaces.name))
		.all();
}

/** These regions as options, by name. */
export function regionOptions(db: Db, codes: string[]): FilterOption[] {
	if (codes.length === 0) return [];
	return db
		.select({ value: regions.code, label: regions.name })
		.from(regions)
		.where(inArray(regions.code, codes))
		.orderBy(asc(regions.name))
		.all();
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
export function categoryWeekSums(db: Db, marketplaceId: string | null, provinceCode: string | null): CategoryWeekSum[] {
	const where: SQL[] = [];
	if (marketplaceId) where.push(eq(cwd.marketplaceId, marketplaceId));
	if (provinceCode) where.push(eq(cwd.provinceCode, provinceCode));
	return db
		.select({ categoryId: cwd.categoryId, ...DEMAND_COLUMNS })
		.from(cwd)
		.where(where.length ? and(...where) : undefined)
		.groupBy(cwd.categoryId, cwd.weekStart)
		.all();
}

const parents = alias(categories, 'p');

/** Every category with its parent's id and name. */
export function categoryTree(db: Db): { id: number; parentId: number | null; name: string; parentName: string | null }[] {
	return db
		.select({ id: categories.id, parentId: categories.parentId, name: categories.name, parentName: parents.name })
		.from(categories)
		.leftJoin(parents, eq(parents.id, categories.parentId))
		.all();
}

// The filter checks run on every /tren request (before the memoised ranking): prepared.
export function marketplaceExists(db: Db, id: string): boolean {
	return (
		prepared(db, 'read/trends/marketplace', (d) =>
			d
				.select({ one: sql<number>`1` })
				.from(marketplaces)
				.where(eq(marketplaces.id, sql.placeholder('id')))
				.prepare()
		).get({ id }) !== undefined
	);
}

/** Every marketplace id, in order. */
export function marketplaceIds(db: Db): string[] {
	return db
		.select({ id: marketplaces.id })
		.from(marketplaces)
		.orderBy(asc(marketplaces.id))
		.all()
		.map((r) => r.id);
}

export function provinceExists(db: Db, code: string): boolean {
	return (
		prepared(db, 'read/trends/province', (d) =>
			d
				.select({ one: sql<number>`1` })
				.from(regions)
				.where(and(eq(regions.code, sql.placeholder('code')), eq(regions.level, 'province')))
				.prepare()
		).get({ code }) !== undefined
	);
}
