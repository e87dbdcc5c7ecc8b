// Product kinds of listings and products, stored beside them (listings.kind, products.kind) so a
// competitor set is one indexed lookup instead of a search over every title. Computed where rows
// are written (demo seed, product save) and, for rows written without one (imports, older
// databases, test factories), by fillMissingKinds before any competitor set is built. When the
// rules change (KIND_VERSION), every stored kind is recomputed once.
import { encodeAttrs, KIND_VERSION, productKind } from '$lib/analysis/product-kind';
import { readPackSize } from '$lib/analysis/units';
import type { Db } from '../db';
import {
	anyListing,
	anyListingWithoutKind,
	anyProduct,
	anyProductWithoutKind,
	clearAllKinds,
	pendingListingsQuery,
	productsWithoutKind,
	saveKindVersion,
	setListingKindQuery,
	setListingPackQuery,
	setProductKindQuery,
	storedKindVersion
} from '../db/queries/derive/kinds';

export interface KindFields {
	kind: string;
	kindAttrs: string;
}

/** The stored form of a title's kind. */
export function kindFields(title: string, categorySlug: string | null): KindFields {
	const k = productKind(title, categorySlug);
	return { kind: k.head, kindAttrs: encodeAttrs(k.attrs) };
}

/**
 * A producer's product: its name says what it is; when the name has no word we know ("Kripik
 * Mbok Darmi"), the search words the agent gave ("keripik singkong") may.
 */
export function productKindFields(name: string, keywords: string | null | undefined, categorySlug: string | null): KindFields {
	const k = productKind(name, categorySlug);
	if ((k.how === 'word' || k.how === 'none') && keywords?.trim()) {
		const byWords = productKind(keywords, categorySlug);
		if (byWords.how !== 'word' && byWords.how !== 'none') return { kind: byWords.head, kindAttrs: encodeAttrs(byWords.attrs) };
	}
	return { kind: k.head, kindAttrs: encodeAttrs(k.attrs) };
}

const CHUNK = 2000;

/**
 * Computes the kind of every listing and product that has none, a chunk per transaction (an
 * import's readers are never blocked for long). Listings written by an import or the seed
 * (batch_id set) without a recorded pack reading also get their pack size re-read from the title,
 * so a database from before readPackSize compares "Sachet 18gr (Isi 10 Pcs)" as 180 g.
 * Returns how many rows got a kind.
 */
export function fillMissingKinds(db: Db): { listings: number; products: number } {
	resetIfRulesChanged(db);
	const pending = pendingListingsQuery(db, CHUNK);
	const setKind = setListingKindQuery(db);
	const setPack = setListingPackQuery(db);
	let listings = 0;
	const step = () =>
		db.transaction(
			() => {
				const rows = pending.all();
				for (const r of rows) {
					const k = kindFields(r.title, r.slug);
					setKind.run({ id: r.id, kind: k.kind, kindAttrs: k.kindAttrs });
					if (r.batchId !== null && r.packStatus === null) {
						const read = readPackSize(r.title);
						setPack.run({
							id: r.id,
							packQuantity: read.pack?.quantity ?? 1,
							unit: read.pack?.unit ?? 'pcs',
							unitFamily: read.pack?.family ?? 'count',
							packStatus: read.status
						});
					}
				}
				return rows.length;
			},
			{ behavior: 'immediate' }
		);
	for (let n = step(); n > 0; n = step()) listings += n;

	const products = productsWithoutKind(db);
	const setProduct = setProductKindQuery(db);
	db.transaction(
		() => {
			for (const p of products) {
				const k = productKindFields(p.name, p.keywords, p.slug);
				setProduct.run({ id: p.id, kind: k.kind, kindAttrs: k.kindAttrs });
			}
		},
		{ behavior: 'immediate' }
	);
	return { listings, products: products.length };
}

/** Whether stored kinds were computed by other rules than these (or never): then they are all cleared. */
function resetIfRulesChanged(db: Db): void {
	const stored = storedKindVersion(db);
	if (stored === String(KIND_VERSION)) return;
	db.transaction(
		() => {
			if (stored !== undefined) clearAllKinds(db);
			saveKindVersion(db, String(KIND_VERSION), new Date().toISOString());
		},
		{ behavior: 'immediate' }
	);
}

/** Whether any listing or product waits for its kind (a database from before kinds, or new rules). */
export function kindsPending(db: Db): boolean {
	if (storedKindVersion(db) !== String(KIND_VERSION)) return anyListing(db) || anyProduct(db);
	return anyListingWithoutKind(db) || anyProductWithoutKind(db);
}

/**
 * Whether listings wait for their kind: the rules changed since kinds were stored (every set must
 * be rebuilt), or listings were written without one (an import whose refresh never ran). A
 * product without a kind is not counted: its own refresh fills it.
 */
export function listingKindsPending(db: Db): boolean {
	if (storedKindVersion(db) !== String(KIND_VERSION)) return anyListing(db);
	return anyListingWithoutKind(db);
}
