// An agent (or admin) removes a listing that is not comparable from a product's competitor set,
// with a reason (kept in competitor_exclusions across refreshes, with who and when), or puts it
// back. The decision is one short write; the background writer then rebuilds the set, its weekly
// demand and the market part together in one transaction (a reader sees the old set with its old
// part or the new with the new), and the returned promise settles when it has, so the page the
// agent comes back to shows the new list.
import type { Actor } from '../auth/actor';
import { assertMayChangeCompetitors } from '../auth/access';
import type { Db } from '../db';
import { derivedDataChanged } from '../derive/notify';
import { NotFoundError } from '../errors';

/** Takes a listing out of a product's competitors for good (until restored), with the actor's reason. */
export function removeCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number, reason: string, now = new Date()): Promise<void> {
	assertMayChangeCompetitors(db, actor, productId);
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
	return derivedDataChanged(db, { productIds: [productId] });
}

/** Puts a removed listing back (it rejoins the set if it is still of the product's kind). */
export function restoreCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number): Promise<void> {
	assertMayChangeCompetitors(db, actor, productId);
	const gone = db.$client.prepare('delete from competitor_exclusions where product_id = ? and listing_id = ?').run(productId, listingId).changes;
	if (!gone) throw new NotFoundError('Produk itu tidak ada di daftar yang dikeluarkan.');
	return derivedDataChanged(db, { productIds: [productId] });
}
