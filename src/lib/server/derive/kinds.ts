// Product kinds of listings and products, stored beside them (listings.kind, products.kind) so a
// competitor set is one indexed lookup instead of a search over every title. Computed where rows
// are written (demo seed, product save) and, for rows written without one (imports, older
// databases, test factories), by fillMissingKinds before any competitor set is built. When the
// rules change (KIND_VERSION), every stored kind is recomputed once.
import { encodeAttrs, KIND_VERSION, productKind } from '$lib/analysis/product-kind';
import { readPackSize } from '$lib/analysis/units';
import type { Db } from '../db';

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
	const client = db.$client;
	resetIfRulesChanged(db);
	const pending = client.prepare(
		`select l.id, l.title, c.slug, l.batch_id as batchId, l.pack_status as packStatus from listings l
		 left join categories c on c.id = l.category_id where l.kind is null order by l.id limit ${CHUNK}`
	);
	const setKind = client.prepare('update listings set kind = ?, kind_attrs = ? where id = ?');
	const setPack = client.prepare('update listings set pack_quantity = ?, unit = ?, unit_family = ?, pack_status = ? where id = ?');
	let listings = 0;
	const step = client.transaction(() => {
		const rows = pending.all() as { id: number; title: string; slug: string | null; batchId: number | null; packStatus: string | null }[];
		for (const r of rows) {
			const k = kindFields(r.title, r.slug);
			setKind.run(k.kind, k.kindAttrs, r.id);
			if (r.batchId !== null && r.packStatus === null) {
				const read = readPackSize(r.title);
				setPack.run(read.pack?.quantity ?? 1, read.pack?.unit ?? 'pcs', read.pack?.family ?? 'count', read.status, r.id);
			}
		}
		return rows.length;
	});
	for (let n = step.immediate(); n > 0; n = step.immediate()) listings += n;

	const products = client
		.prepare('select p.id, p.name, p.keywords, c.slug from products p join categories c on c.id = p.category_id where p.kind is null')
		.all() as { id: number; name: string; keywords: string; slug: string }[];
	const setProduct = client.prepare('update products set kind = ?, kind_attrs = ? where id = ?');
	client.transaction(() => {
		for (const p of products) {
			const k = productKindFields(p.name, p.keywords, p.slug);
			setProduct.run(k.kind, k.kindAttrs, p.id);
		}
	}).immediate();
	return { listings, products: products.length };
}

/** Whether stored kinds were computed by other rules than these (or never): then they are all cleared. */
function resetIfRulesChanged(db: Db): void {
	const client = db.$client;
	const stored = client.prepare("select value from meta where key = 'kind_version'").pluck().get() as string | undefined;
	if (stored === String(KIND_VERSION)) return;
	client.transaction(() => {
		if (stored !== undefined) {
			client.prepare('update listings set kind = null where kind is not null').run();
			client.prepare('update products set kind = null where kind is not null').run();
		}
		client
			.prepare(
				`insert into meta (key, value, updated_at) values ('kind_version', ?, ?)
				 on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`
			)
			.run(String(KIND_VERSION), new Date().toISOString());
	}).immediate();
}

/** Whether any listing or product waits for its kind (a database from before kinds, or new rules). */
export function kindsPending(db: Db): boolean {
	const stored = db.$client.prepare("select value from meta where key = 'kind_version'").pluck().get() as string | undefined;
	if (stored !== String(KIND_VERSION)) return (db.$client.prepare('select exists (select 1 from listings) or exists (select 1 from products)').pluck().get() as number) === 1;
	return (db.$client.prepare('select exists (select 1 from listings where kind is null) or exists (select 1 from products where kind is null)').pluck().get() as number) === 1;
}

/**
 * Whether listings wait for their kind: the rules changed since kinds were stored (every set must
 * be rebuilt), or listings were written without one (an import whose refresh never ran). A
 * product without a kind is not counted: its own refresh fills it.
 */
export function listingKindsPending(db: Db): boolean {
	const stored = db.$client.prepare("select value from meta where key = 'kind_version'").pluck().get() as string | undefined;
	if (stored !== String(KIND_VERSION)) return (db.$client.prepare('select exists (select 1 from listings)').pluck().get() as number) === 1;
	return (db.$client.prepare('select exists (select 1 from listings where kind is null)').pluck().get() as number) === 1;
}
