// Queries of ingest/categories.ts: finding and creating categories by slug.
import { eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { categories } from '../../schema';

export function categoryIdBySlug(db: Db, slug: string): number | undefined {
	return db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get()?.id;
}

export function insertCategory(db: Db, c: { slug: string; name: string; parentId: number | null; unitFamily: (typeof categories.$inferInsert)['unitFamily'] }): number {
	return db.insert(categories).values(c).returning({ id: categories.id }).get().id;
}
