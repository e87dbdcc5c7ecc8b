// Marketplace categories → our category tree. The tree is built for rural products (the demo
// market's OVOP clusters); real exports mostly sell other things (laptops, phones, earphones,
// skincare, oximeters). So the mapping is a short, ordered list of rules, and whatever no rule
// matches is kept as the listing's raw_category, left without a category (it then never enters
// a rural product's competitor set) and reported in the batch's `unmapped`.
//
// Rules, first match wins (docs/import.md lists them):
//   1. title words that name a rural product: sambal/sambel/bumbu, kemeja batik, batik tulis/cap,
//      batik, tenun/songket, kopi, gerabah/tanah liat/terakota, anyaman/rotan/bambu, wig,
//      tembaga, kuningan;
//   2. the source's category name: "Aneka Sambal"/bumbu/saus, kopi, batik, food/makanan/minuman,
//      fashion/pakaian/busana, craft/kerajinan.
// A slug the database lacks is created, with its parents, by ensureCategory(), with the names of
// the one category tree (category-tree.ts; Sambal & Bumbu among its leaves, Pakaian under Fashion
// & Kain and Makanan Lainnya for imports only). The importer never loads the demo catalogue.
import { CATEGORY_NODES as TREE } from '../category-tree';
import type { Db } from '../db';
import { categoryIdBySlug, insertCategory } from '../db/queries/ingest/categories';

// The rules themselves live in category-rules.ts (no database: the staging threads use them).
export { CategoryResolver, mapCategory, unmappedKey } from './category-rules';

/**
 * The id of a category by slug, creating it and any missing parents from the known tree.
 * The one place imports add categories; a slug outside the tree is an error in the rules.
 */
export async function ensureCategory(db: Db, slug: string): Promise<number> {
	const existing = await categoryIdBySlug(db, slug);
	if (existing !== undefined) return existing;
	const def = TREE.get(slug);
	if (!def) throw new Error(`unknown category slug ${slug}`);
	const parentId = def.parent ? (await ensureCategory(db, def.parent)) : null;
	return await insertCategory(db, { slug: def.slug, name: def.name, parentId, unitFamily: def.unitFamily });
}
