// The list behind the price card's "dibandingkan dengan …": which listings a product's price is
// compared with, which of its kind were left out and why, and an agent's power to remove a
// listing that is not comparable (kept in competitor_exclusions across refreshes, with the
// reason, who and when) or to put it back (write/competitors.ts). Who may see the list: whoever
// may see the product; who may change it: auth/access.ts canChangeCompetitors.
import { describeKind, decodeAttrs } from '$lib/analysis/product-kind';
import { leftOutLabel, type LeftOutReason } from '$lib/analysis/narrate-competitors';
import { removeOutliers } from '$lib/analysis/prices';
import { formatPackSize, unitPrice, type Unit } from '$lib/analysis/units';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { assertProduct, canChangeCompetitors } from '../auth/access';
import { requestDerived } from '../derive/notify';
import { builtCandidates, comparedListings, competitorListProduct, leftOutListings, removedListings } from '../db/queries/read/competitor-list';

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
	/** No set built yet (a new product): the background writer is building it. */
	preparing: boolean;
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

function listed(r: Row): ListedCompetitor {
	const u = unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit });
	return { listingId: r.listingId, title: r.title, marketplace: r.marketplace, price: r.price, pack: formatPackSize({ quantity: r.packQuantity, unit: r.unit }), unitPrice: u.value, per: u.per };
}

export async function competitorListFor(db: Db, actor: Actor, productId: number): Promise<CompetitorList> {
	await assertProduct(db, actor, productId);
	// assertProduct has just found it.
	const product = (await competitorListProduct(db, productId))!;
	const compared = (await comparedListings(db, productId)).map(listed);
	// Price outliers are part of the stored set but not of the comparison: the same rule as the card.
	const { kept, removed } = removeOutliers(compared, (r) => r.unitPrice);
	const leftOut: LeftOutCompetitor[] = [
		...removed.map((r) => ({ ...r, reason: 'outlier' as const, label: leftOutLabel('outlier', product.unitFamily) })),
		...(await leftOutListings(db, productId)).map((r) => ({ ...listed(r), reason: r.reason, label: leftOutLabel(r.reason, product.unitFamily) })),
		// Removals come from the decisions themselves: a removed listing is listed even when it has left the kind since.
		...(await removedListings(db, productId)).map((r) => ({
			...listed(r),
			reason: 'removed' as const,
			label: leftOutLabel('removed', product.unitFamily),
			removal: { reason: r.why, by: r.byName, at: r.at }
		}))
	];
	const built = await builtCandidates(db, productId);
	// A set not built yet is asked for, never computed here (the writer builds and stores it).
	if (built === undefined) await requestDerived({ productIds: [productId] });
	const candidates = built ?? compared.length;
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
		preparing: built === undefined,
		canChange: await canChangeCompetitors(db, actor, productId)
	};
}
