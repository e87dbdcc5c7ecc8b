// Scoring competitor sets (npm run eval:competitors), with the decision the app itself makes:
//   - labelled pairs: for (product title, listing title, listing category), would the listing be
//     in the competitor set of a product with that title? The product's category comes from its
//     title by the import's mapping rules, the listing's from its category and title; then
//     isCompetitor (same kind, related category) — the function derive/competitors.ts applies.
//   - the demo market: regenerated in memory with the generator telling each listing's and
//     product's true kind, the app's refresh stores every product's set, and each stored set is
//     compared with the listings of the product's true kind (in its unit family, without a
//     contradictory size: the listings the set could compare at all).
import { isCompetitor, productKind, relatedCategories } from '$lib/analysis/product-kind';
import { migrateDatabase, openDatabase } from '../db';
import { closeDatabase } from '../db/connection';
import { listingFamilies, prepareStoredCompetitorIds, productFamilies } from '../db/queries/demo/eval/competitors';
import { seedDemoMarket, type SeedOptions } from '../demo/seed';
import { CATEGORY_TREE } from '../category-tree';
import { mapCategory } from '../ingest/categories';
import { COMPETITOR_LIMIT, refreshCompetitors } from '../derive/competitors';

export interface LabelledPair {
	productTitle: string;
	listingTitle: string;
	listingCategory: string;
	comparable: boolean;
}

export interface PairScore {
	n: number;
	tp: number;
	fp: number;
	fn: number;
	tn: number;
	precision: number;
	recall: number;
	f1: number;
}

const ids = new Map(CATEGORY_TREE.map((c, i) => [c.slug, i + 1]));
const tree = CATEGORY_TREE.map((c) => ({ id: ids.get(c.slug)!, parentId: c.parent ? (ids.get(c.parent) ?? null) : null }));

/** Whether the app would keep this listing as a competitor of a product with this title. */
export function decidePair(productTitle: string, listingTitle: string, listingCategory: string | null): boolean {
	const productSlug = mapCategory(null, productTitle);
	const listingSlug = mapCategory(listingCategory || null, listingTitle);
	const productId = productSlug ? (ids.get(productSlug) ?? null) : null;
	const listingId = listingSlug ? (ids.get(listingSlug) ?? null) : null;
	return isCompetitor(
		{ kind: productKind(productTitle, productSlug), categoryId: productId },
		{ kind: productKind(listingTitle, listingSlug), categoryId: listingId },
		productId === null ? null : relatedCategories(tree, productId)
	);
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

export function scorePairs(pairs: LabelledPair[], decide = decidePair): PairScore & { mistakes: (LabelledPair & { decided: boolean })[] } {
	let tp = 0;
	let fp = 0;
	let fn = 0;
	let tn = 0;
	const mistakes: (LabelledPair & { decided: boolean })[] = [];
	for (const p of pairs) {
		const decided = decide(p.productTitle, p.listingTitle, p.listingCategory);
		if (decided && p.comparable) tp++;
		else if (decided) fp++;
		else if (p.comparable) fn++;
		else tn++;
		if (decided !== p.comparable) mistakes.push({ ...p, decided });
	}
	const precision = ratio(tp, tp + fp);
	const recall = ratio(tp, tp + fn);
	const f1 = precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 1000) / 1000;
	return { n: pairs.length, tp, fp, fn, tn, precision, recall, f1, mistakes };
}

export interface DemoScore {
	products: number;
	precision: number;
	recall: number;
	/** Per true kind of product: how its products' sets scored. */
	byKind: { truth: string; products: number; stored: number; right: number; possible: number }[];
	listings: number;
}

/**
 * Regenerates the demo market in memory, stores every product's competitor set with the app's
 * own refresh, and scores the sets against the generator's truth. Precision: of the stored
 * listings, the share of the product's true kind. Recall: of the listings of its true kind the
 * set could compare (same unit family, no contradictory size), the share stored — out of at most
 * COMPETITOR_LIMIT, as a set never holds more.
 */
export async function evaluateDemo(opts: Pick<SeedOptions, 'seed' | 'endDate' | 'listings'> = {}): Promise<DemoScore> {
	const db = openDatabase(':memory:');
	migrateDatabase(db);
	const truth = { listings: new Map<number, string>(), products: new Map<number, string>() };
	await seedDemoMarket(db, { ...opts, now: '2026-01-01T00:00:00.000Z', onTruth: (r) => truth[r.table].set(r.id, r.truth) });
	await refreshCompetitors(db);
	const listings = await listingFamilies(db);
	const comparableByTruth = new Map<string, { id: number; family: string }[]>();
	for (const l of listings) {
		if (l.status === 'conflict') continue;
		const t = truth.listings.get(l.id)!;
		let list = comparableByTruth.get(t);
		if (!list) comparableByTruth.set(t, (list = []));
		list.push(l);
	}
	const products = await productFamilies(db);
	const stored = prepareStoredCompetitorIds(db);
	const kinds = new Map<string, DemoScore['byKind'][number]>();
	let right = 0;
	let total = 0;
	let possible = 0;
	for (const p of products) {
		const t = truth.products.get(p.id)!;
		const set = stored.all({ productId: p.id }).map((r) => r.listingId);
		const hits = set.filter((id) => truth.listings.get(id) === t).length;
		const could = Math.min(COMPETITOR_LIMIT, (comparableByTruth.get(t) ?? []).filter((l) => l.family === p.family).length);
		right += hits;
		total += set.length;
		possible += could;
		let k = kinds.get(t);
		if (!k) kinds.set(t, (k = { truth: t, products: 0, stored: 0, right: 0, possible: 0 }));
		k.products++;
		k.stored += set.length;
		k.right += hits;
		k.possible += could;
	}
	closeDatabase(db);
	return {
		products: products.length,
		precision: ratio(right, total),
		recall: ratio(right, possible),
		byKind: [...kinds.values()].sort((a, b) => a.truth.localeCompare(b.truth)),
		listings: listings.length
	};
}
