// A product's competitor set: listings of the same kind of product (analysis/product-kind.ts) in
// the same or a related category, found by one indexed lookup on listings.kind — not every
// listing that shares a word with the product's name. Of those, the set compares the ones whose
// pack size is in the product's unit family (per kg, per liter or per piece); the others are left
// out with a reason the price card names: no size in that family, two sizes that contradict each
// other, another unit, or removed by an agent (competitor_exclusions, kept across refreshes).
// Price outliers are removed later, when the set is read (analysis/prices.ts removeOutliers).
//
// At most COMPETITOR_LIMIT listings are compared: the closest (more attributes in common, the
// same category, seen most recently). competitor_sets keeps how many there were in all.
import { decodeAttrs, isCompetitor, relatedCategories, sharedAttributes, type ProductKind } from '$lib/analysis/product-kind';
import type { Db } from '../db';
import {
	allProductKeys,
	categoryTree,
	competitorSetWriters,
	excludedListingIds,
	listingsOfKind,
	productCategories,
	productKey
} from '../db/queries/derive/competitors';
import { fillMissingKinds, productKindFields } from './kinds';
import { transaction } from '../db/run';

/** How many listings a set compares: enough for stable percentiles, cheap to read. */
export const COMPETITOR_LIMIT = 400;
/** How many left-out listings a set names (all are counted). */
export const LEFT_OUT_LIMIT = 400;

export type LeftOutReason = 'no-size' | 'conflict' | 'other-unit' | 'removed';
export const LEFT_OUT_REASONS: LeftOutReason[] = ['no-size', 'conflict', 'other-unit', 'removed'];

export interface ProductKey {
	id: number;
	categoryId: number;
	unitFamily: string;
	name: string;
	keywords?: string;
	kind?: string | null;
	kindAttrs?: string | null;
}

interface CandidateRow {
	id: number;
	categoryId: number | null;
	kindAttrs: string | null;
	unitFamily: 'mass' | 'volume' | 'count';
	packStatus: 'ok' | 'none' | 'conflict' | null;
	lastSeenAt: string;
}

/** A candidate with its attributes decoded once: every product of the kind reads the same list. */
type Candidate = CandidateRow & { attrs: ProductKind['attrs'] };

export interface CompetitorSet {
	kind: string;
	compared: { listingId: number; rank: number }[];
	leftOut: { listingId: number; reason: LeftOutReason }[];
	/** Listings of the kind in related categories, before any rule. */
	candidates: number;
	leftOutCounts: Record<LeftOutReason, number>;
}

/** What the category tree says once per refresh: slugs and the related categories of each. */
class Categories {
	private related = new Map<number, Set<number>>();
	private constructor(private rows: { id: number; parentId: number | null; slug: string }[]) {}
	static async of(db: Db): Promise<Categories> {
		return new Categories(await categoryTree(db));
	}
	slug(id: number): string | null {
		return this.rows.find((r) => r.id === id)?.slug ?? null;
	}
	relatedTo(id: number): Set<number> {
		let set = this.related.get(id);
		if (!set) this.related.set(id, (set = relatedCategories(this.rows, id)));
		return set;
	}
}

/** Why a listing of the right kind is not compared with a product of this unit family, or null when it is. */
export function leftOutReason(productFamily: string, listing: Pick<CandidateRow, 'unitFamily' | 'packStatus'>, excluded: boolean): LeftOutReason | null {
	if (excluded) return 'removed';
	if (listing.packStatus === 'conflict') return 'conflict';
	if (listing.unitFamily === productFamily) return null;
	// A mass or volume product needs a weight or volume; a listing read as pieces has none.
	if (productFamily !== 'count' && listing.unitFamily === 'count') return 'no-size';
	return 'other-unit';
}

async function buildSet(db: Db, product: ProductKey, categories: Categories, cache: Map<string, Candidate[]>): Promise<CompetitorSet> {
	const slug = categories.slug(product.categoryId);
	const stored = product.kind ? { head: product.kind, attrs: decodeAttrs(product.kindAttrs) } : null;
	const kind: Pick<ProductKind, 'head' | 'attrs'> = stored ?? (() => {
		const f = productKindFields(product.name, product.keywords, slug);
		return { head: f.kind, attrs: decodeAttrs(f.kindAttrs) };
	})();
	const empty: CompetitorSet = { kind: kind.head, compared: [], leftOut: [], candidates: 0, leftOutCounts: { 'no-size': 0, conflict: 0, 'other-unit': 0, removed: 0 } };
	if (!kind.head) return empty;
	const related = categories.relatedTo(product.categoryId);
	// Listings of the head in related categories (or in none): one index range per category.
	const key = `${kind.head}|${[...related].sort((a, b) => a - b).join(',')}`;
	let rows = cache.get(key);
	if (!rows) {
		rows = (await listingsOfKind(db, kind.head, [...related]))
			.map((r) => Object.assign(r, { attrs: decodeAttrs(r.kindAttrs) }))
			// The tie order (latest seen first, then lowest id) once per list; each product then only
			// groups by its score, keeping this order within a score (the same order as sorting by
			// score, last seen and id, without a sort per product).
			.sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : a.id - b.id));
		cache.set(key, rows);
	}
	const excluded = new Set((await excludedListingIds(db, product.id)));
	const mine = { kind, categoryId: product.categoryId };
	const byScore: Candidate[][] = [];
	let candidates = 0;
	for (const r of rows) {
		if (!isCompetitor(mine, { kind: { head: kind.head, attrs: r.attrs }, categoryId: r.categoryId }, related)) continue;
		const score = 2 * sharedAttributes(kind, r) + (r.categoryId === product.categoryId ? 1 : 0);
		(byScore[score] ??= []).push(r);
		candidates++;
	}
	const scored: Candidate[] = [];
	for (let score = byScore.length - 1; score >= 0; score--) if (byScore[score]) for (const r of byScore[score]) scored.push(r);
	const set = { ...empty, leftOutCounts: { ...empty.leftOutCounts }, candidates };
	for (const r of scored) {
		const reason = leftOutReason(product.unitFamily, r, excluded.has(r.id));
		if (reason) {
			set.leftOutCounts[reason]++;
			if (set.leftOut.length < LEFT_OUT_LIMIT || reason === 'removed') set.leftOut.push({ listingId: r.id, reason });
		} else if (set.compared.length < COMPETITOR_LIMIT) {
			set.compared.push({ listingId: r.id, rank: set.compared.length + 1 });
		}
	}
	return set;
}

/** The competitor set of a product, computed from the stored kinds (reads only). */
export async function findCompetitors(db: Db, product: ProductKey): Promise<{ listingId: number; rank: number }[]> {
	return (await buildSet(db, product, await Categories.of(db), new Map())).compared;
}

/** The full set with what was left out and why (reads only). */
export async function competitorSetOf(db: Db, product: ProductKey): Promise<CompetitorSet> {
	return await buildSet(db, product, await Categories.of(db), new Map());
}

/** Recomputes and stores the competitor sets of the given products (all when omitted). */
export async function refreshCompetitors(db: Db, productIds?: number[]): Promise<number> {
	await fillMissingKinds(db);
	let products: ProductKey[];
	if (productIds) {
		products = [];
		for (const id of productIds) {
			const key = await productKey(db, id);
			if (key) products.push(key);
		}
	} else products = await allProductKeys(db);
	const categories = await Categories.of(db);
	const cache = new Map<string, Candidate[]>();
	let total = 0;
	const at = new Date().toISOString();
	await transaction(db, async (tx) => {
		const write = competitorSetWriters(tx);
			for (const p of products) {
				const set = await buildSet(tx, p, categories, cache);
				await write.clear(p.id);
				for (const c of set.compared) await write.compared(p.id, c.listingId, c.rank);
				for (const l of set.leftOut) await write.leftOut(p.id, l.listingId, l.reason);
				await write.set({ productId: p.id, kind: set.kind, candidates: set.candidates, compared: set.compared.length, leftOut: JSON.stringify(set.leftOutCounts), builtAt: at });
				total += set.compared.length;
			}
			await write.flush();
		});
	return total;
}

/** Products whose competitor sets should be refreshed after listings in these categories changed. */
export async function productsInCategories(db: Db, categoryIds: number[]): Promise<number[]> {
	if (categoryIds.length === 0) return [];
	const touched = new Set(categoryIds);
	const categories = await Categories.of(db);
	// A product compares with listings in its own, child, parent and sibling categories.
	const rows = await productCategories(db);
	return rows.filter((r) => [...categories.relatedTo(r.categoryId)].some((c) => touched.has(c))).map((r) => r.id);
}
