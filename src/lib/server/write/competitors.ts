// An agent (or admin) removes a listing that is not comparable from a product's competitor set,
// with a reason (kept in competitor_exclusions across refreshes, with who and when), or puts it
// back. The decision is a short write; the set, its weekly demand and the market part are rebuilt
// together in one transaction, so a reader sees the old set with its old part or the new with
// the new.
import type { Actor } from '../auth/actor';
import { assertMayChangeCompetitors } from '../auth/access';
import type { Db } from '../db';
import { refreshCompetitorWeekly } from '../db/weekly-demand';
import { refreshCompetitors } from '../derive/competitors';
import { NotFoundError } from '../errors';
import { refreshProductMarket } from '../read/dashboard';

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

/** Takes a listing out of a product's competitors for good (until restored), with the actor's reason. */
export function removeCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number, reason: string, now = new Date()): void {
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
	rebuild(db, productId);
}

/** Puts a removed listing back (it rejoins the set if it is still of the product's kind). */
export function restoreCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number): void {
	assertMayChangeCompetitors(db, actor, productId);
	const gone = db.$client.prepare('delete from competitor_exclusions where product_id = ? and listing_id = ?').run(productId, listingId).changes;
	if (!gone) throw new NotFoundError('Produk itu tidak ada di daftar yang dikeluarkan.');
	rebuild(db, productId);
}
