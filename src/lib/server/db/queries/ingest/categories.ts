// Queries of ingest/categories.ts: finding and creating categories by slug.
import { eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories } from '../../schema';
import { firstRow, oneRow } from '../../run';

export async function categoryIdBySlug(db: Db, slug: string): Promise<number | undefined> {
	return (await firstRow(db, db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug))))?.id;
}

export async function insertCategory(db: Db, c: { slug: string; name: string; parentId: number | null; unitFamily: (typeof categories.$inferInsert)['unitFamily'] }): Promise<number> {
	return (await oneRow(db, db.insert(categories).values(c).returning({ id: categories.id }))).id;
}
