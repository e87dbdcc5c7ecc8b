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
	pendingListings,
	productsWithoutKind,
	saveKindVersion,
	setListingKindStatement,
	setListingPackStatement,
	setProductKindStatement,
	storedKindVersion
} from '../db/queries/derive/kinds';
import { transaction } from '../db/run';

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
export async function fillMissingKinds(db: Db): Promise<{ listings: number; products: number }> {
	await resetIfRulesChanged(db);
	let listings = 0;
	let after = 0;
	const step = async () =>
		await transaction(db, async (tx) => {
				const setKind = setListingKindStatement(tx);
				const setPack = setListingPackStatement(tx);
				const rows = await pendingListings(tx, CHUNK, after);
				if (rows.length) after = rows[rows.length - 1].id;
				for (const r of rows) {
					const k = kindFields(r.title, r.slug);
					await setKind.add({ id: r.id, kind: k.kind, kindAttrs: k.kindAttrs });
					if (r.batchId !== null && r.packStatus === null) {
						const read = readPackSize(r.title);
						await setPack.add({
							id: r.id,
							packQuantity: read.pack?.quantity ?? 1,
							unit: read.pack?.unit ?? 'pcs',
							unitFamily: read.pack?.family ?? 'count',
							packStatus: read.status
						});
					}
				}
				await setKind.flush();
				await setPack.flush();
				return rows.length;
			});
	for (let n = await step(); n > 0; n = await step()) listings += n;

	const products = await productsWithoutKind(db);
	await transaction(db, async (tx) => {
			const setProduct = setProductKindStatement(tx);
			for (const p of products) {
				const k = productKindFields(p.name, p.keywords, p.slug);
				await setProduct.add({ id: p.id, kind: k.kind, kindAttrs: k.kindAttrs });
			}
			await setProduct.flush();
		});
	return { listings, products: products.length };
}

/** Whether stored kinds were computed by other rules than these (or never): then they are all cleared. */
async function resetIfRulesChanged(db: Db): Promise<void> {
	const stored = await storedKindVersion(db);
	if (stored === String(KIND_VERSION)) return;
	await transaction(db, async (tx) => {
			if (stored !== undefined) await clearAllKinds(tx);
			await saveKindVersion(tx, String(KIND_VERSION), new Date().toISOString());
		});
}

/** Whether any listing or product waits for its kind (a database from before kinds, or new rules). */
export async function kindsPending(db: Db): Promise<boolean> {
	if ((await storedKindVersion(db)) !== String(KIND_VERSION)) return (await anyListing(db)) || (await anyProduct(db));
	return (await anyListingWithoutKind(db)) || (await anyProductWithoutKind(db));
}

/**
 * Whether listings wait for their kind: the rules changed since kinds were stored (every set must
 * be rebuilt), or listings were written without one (an import whose refresh never ran). A
 * product without a kind is not counted: its own refresh fills it.
 */
export async function listingKindsPending(db: Db): Promise<boolean> {
	if ((await storedKindVersion(db)) !== String(KIND_VERSION)) return anyListing(db);
	return anyListingWithoutKind(db);
}
