// The category tree: a product is compared with listings in its own category and below it.
import { asc, sql } from 'drizzle-orm';
import type { Db } from './index';
import { categories } from './schema';
import { allRows } from './run';

export interface CategoryRow {
	id: number;
	parentId: number | null;
	slug: string;
	name: string;
	unitFamily: 'mass' | 'volume' | 'count';
}

/** The category and all its descendants' ids. */
export async function categorySubtree(db: Db, categoryId: number): Promise<number[]> {
	// A recursive CTE: the builder cannot say it. The cast gives the seed row a type on every engine.
	return (await allRows<{ id: number }>(db, sql`with recursive tree(id) as (select cast(${categoryId} as integer) union all select ${categories.id} from ${categories} join tree on ${categories.parentId} = tree.id)
			 select id from tree`))
		.map((r) => r.id);
}

export async function listCategories(db: Db): Promise<CategoryRow[]> {
	return await allRows(db, db
		.select({ id: categories.id, parentId: categories.parentId, slug: categories.slug, name: categories.name, unitFamily: categories.unitFamily })
		.from(categories)
		.orderBy(asc(categories.name)));
}
