// The list behind the price card's "dibandingkan dengan …": which listings a product's price is
// compared with, which of its kind were left out and why, and an agent's power to remove a
// listing that is not comparable (kept in competitor_exclusions across refreshes, with the
// reason, who and when) or to put it back. Who may see the list: whoever may see the product.
// Who may change it: an agent of the product's producer, or an admin — not the producer (the
// agent explains the market), not a co-op (it only reads).
import { describeKind, decodeAttrs } from '$lib/analysis/product-kind';
import { leftOutLabel, type LeftOutReason } from '$lib/analysis/narrate-competitors';
import { removeOutliers } from '$lib/analysis/prices';
import { formatPackSize, unitPrice, type Unit } from '$lib/analysis/units';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { canSeeProduct, ForbiddenError, NotFoundError } from './access';
import { refreshCompetitors } from './competitors';
import { refreshProductMarket } from './dashboard';
import { refreshCompetitorWeekly } from './trends-series';

export interface ListedCompetitor {
	listingId: number;
	title: string;
	marketplace: string;
	price: number;
	pack: string;
	unitPrice: number;
	per: string;
}

export interface LeftOutCompetitor extends ListedCompetitor {
	reason: LeftOutReason;
	label: string;
	removal?: { reason: string; by: string | null; at: string };
}

export interface CompetitorList {
	product: { id: number; name: string; kind: string; unitFamily: 'mass' | 'volume' | 'count'; categoryName: string };
	compared: ListedCompetitor[];
	leftOut: LeftOutCompetitor[];
	/** Listings of the kind in related categories, before any rule (more than the list when the set hit its limit). */
	candidates: number;
	canChange: boolean;
}

interface Row {
	listingId: number;
	title: string;
	marketplace: string;
	price: number;
	packQuantity: number;
	unit: Unit;
}

const LISTING = `l.id as listingId, l.title, m.name as marketplace, l.price, l.pack_quantity as packQuantity, l.unit`;

function listed(r: Row): ListedCompetitor {
	const u = unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit });
	return { listingId: r.listingId, title: r.title, marketplace: r.marketplace, price: r.price, pack: formatPackSize({ quantity: r.packQuantity, unit: r.unit }), unitPrice: u.value, per: u.per };
}

/** Whether the actor may remove listings from (or restore them to) this product's set. */
export function canChangeCompetitors(db: Db, actor: Actor, productId: number): boolean {
	return (actor.role === 'agen' || actor.role === 'admin') && canSeeProduct(db, actor, productId);
}

export function competitorListFor(db: Db, actor: Actor, productId: number): CompetitorList {
	if (!canSeeProduct(db, actor, productId)) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	const client = db.$client;
	const product = client
		.prepare(
			`select p.id, p.name, p.kind, p.kind_attrs as kindAttrs, p.unit_family as unitFamily, c.name as categoryName
			 from products p join categories c on c.id = p.category_id where p.id = ?`
		)
		.get(productId) as { id: number; name: string; kind: string | null; kindAttrs: string | null; unitFamily: 'mass' | 'volume' | 'count'; categoryName: string };
	const compared = (
		client
			.prepare(
				`select ${LISTING} from product_competitors pc join listings l on l.id = pc.listing_id join marketplaces m on m.id = l.marketplace_id
				 where pc.product_id = ? order by pc.rank`
			)
			.all(productId) as Row[]
	).map(listed);
	// Price outliers are part of the stored set but not of the comparison: the same rule as the card.
	const { kept, removed } = removeOutliers(compared, (r) => r.unitPrice);
	const leftOut: LeftOutCompetitor[] = [
		...removed.map((r) => ({ ...r, reason: 'outlier' as const, label: leftOutLabel('outlier', product.unitFamily) })),
		...(
			client
				.prepare(
					`select ${LISTING}, o.reason from competitor_left_out o join listings l on l.id = o.listing_id join marketplaces m on m.id = l.marketplace_id
					 where o.product_id = ? and o.reason != 'removed' order by o.reason, l.title`
				)
				.all(productId) as (Row & { reason: LeftOutReason })[]
		).map((r) => ({ ...listed(r), reason: r.reason, label: leftOutLabel(r.reason, product.unitFamily) })),
		// Removals come from the decisions themselves: a removed listing is listed even when it has left the kind since.
		...(
			client
				.prepare(
					`select ${LISTING}, e.reason as why, u.name as byName, e.created_at as at from competitor_exclusions e
					 join listings l on l.id = e.listing_id join marketplaces m on m.id = l.marketplace_id left join users u on u.id = e.user_id
					 where e.product_id = ? order by e.created_at desc`
				)
				.all(productId) as (Row & { why: string; byName: string | null; at: string })[]
		).map((r) => ({ ...listed(r), reason: 'removed' as const, label: leftOutLabel('removed', product.unitFamily), removal: { reason: r.why, by: r.byName, at: r.at } }))
	];
	const candidates = (client.prepare('select candidates from competitor_sets where product_id = ?').pluck().get(productId) as number | undefined) ?? compared.length;
	return {
		product: {
			id: product.id,
			name: product.name,
			kind: product.kind ? describeKind({ head: product.kind, attrs: decodeAttrs(product.kindAttrs) }) : '',
			unitFamily: product.unitFamily,
			categoryName: product.categoryName
		},
		compared: kept,
		leftOut,
		candidates,
		canChange: canChangeCompetitors(db, actor, productId)
	};
}

/** Rebuilds one product's set with what the dashboard reads from it, in one transaction. */
function rebuild(db: Db, productId: number): void {
	db.$client
		.transaction(() => {
			refreshCompetitors(db, [productId]);
			refreshCompetitorWeekly(db, [productId]);
			refreshProductMarket(db, [productId]);
		})
		.immediate();
}

function assertMayChange(db: Db, actor: Actor, productId: number): void {
	if (!canSeeProduct(db, actor, productId)) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
	if (!canChangeCompetitors(db, actor, productId)) throw new ForbiddenError('Hanya agen produsen ini atau admin yang bisa mengubah daftar pembanding.');
}

/** Takes a listing out of a product's competitors for good (until restored), with the actor's reason. */
export function removeCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number, reason: string, now = new Date()): void {
	// One transaction with the rebuild: a request that finds the database locked tries again whole (db/busy.ts).
	db.$client.transaction(() => removeCompetitor(db, actor, productId, listingId, reason, now)).immediate();
}

function removeCompetitor(db: Db, actor: Actor, productId: number, listingId: number, reason: string, now: Date): void {
	assertMayChange(db, actor, productId);
	const why = reason.trim().replace(/\s+/g, ' ');
	if (why.length < 3 || why.length > 200) throw new RangeError('Tulis alasannya (3–200 huruf), misalnya "ini wastafel, bukan teko".');
	const inSet = db.$client
		.prepare('select 1 from product_competitors where product_id = ? and listing_id = ? union all select 1 from competitor_left_out where product_id = ? and listing_id = ?')
		.get(productId, listingId, productId, listingId);
	if (!inSet) throw new NotFoundError('Produk itu tidak ada di daftar pembanding.');
	db.$client
		.prepare(
			`insert into competitor_exclusions (product_id, listing_id, reason, user_id, created_at) values (?, ?, ?, ?, ?)
			 on conflict(product_id, listing_id) do update set reason = excluded.reason, user_id = excluded.user_id, created_at = excluded.created_at`
		)
		.run(productId, listingId, why, actor.id, now.toISOString());
	rebuild(db, productId);
}

/** Puts a removed listing back (it rejoins the set if it is still of the product's kind). */
export function restoreCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number): void {
	// One transaction with the rebuild: a retry after a locked database finds the exclusion still there.
	db.$client
		.transaction(() => {
			assertMayChange(db, actor, productId);
			const gone = db.$client.prepare('delete from competitor_exclusions where product_id = ? and listing_id = ?').run(productId, listingId).changes;
			if (!gone) throw new NotFoundError('Produk itu tidak ada di daftar yang dikeluarkan.');
			rebuild(db, productId);
		})
		.immediate();
}
