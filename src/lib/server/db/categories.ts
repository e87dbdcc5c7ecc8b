// The category tree: a product is compared with listings in its own category and below it.
import type { Db } from './index';

export interface CategoryRow {
	id: number;
	parentId: number | null;
	slug: string;
	name: string;
	unitFamily: 'mass' | 'volume' | 'count';
}

/** The category and all its descendants' ids. */
export function categorySubtree(db: Db, categoryId: number): number[] {
	const rows = db.$client
		.prepare(
			`with recursive tree(id) as (select ? union all select c.id from categories c join tree on c.parent_id = tree.id)
			 select id from tree`
		)
		.pluck()
		.all(categoryId) as number[];
	return rows;
}

export function listCategories(db: Db): CategoryRow[] {
	return db.$client
		.prepare('select id, parent_id as parentId, slug, name, unit_family as unitFamily from categories order by name')
		.all() as CategoryRow[];
}
