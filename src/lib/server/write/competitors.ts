// An agent (or admin) removes a listing that is not comparable from a product's competitor set,
// with a reason (kept in competitor_exclusions across refreshes, with who and when), or puts it
// back. The decision is one short write; the background writer then rebuilds the set, its weekly
// demand and the market part together in one transaction (a reader sees the old set with its old
// part or the new with the new), and the returned promise settles when it has, so the page the
// agent comes back to shows the new list.
import type { Actor } from '../auth/actor';
import { assertMayChangeCompetitors } from '../auth/access';
import type { Db } from '../db';
import { deleteCompetitorExclusion, isCompetitorOrLeftOut, upsertCompetitorExclusion } from '../db/queries/write/competitors';
import { derivedDataChanged } from '../derive/notify';
import { NotFoundError } from '../errors';

/** Takes a listing out of a product's competitors for good (until restored), with the actor's reason. */
export async function removeCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number, reason: string, now = new Date()): Promise<void> {
	await assertMayChangeCompetitors(db, actor, productId);
	const why = reason.trim().replace(/\s+/g, ' ');
	if (why.length < 3 || why.length > 200) throw new RangeError('Tulis alasannya (3–200 huruf), misalnya "ini wastafel, bukan teko".');
	const inSet = await isCompetitorOrLeftOut(db, productId, listingId);
	if (!inSet) throw new NotFoundError('Produk itu tidak ada di daftar pembanding.');
	await upsertCompetitorExclusion(db, { productId, listingId, reason: why, userId: actor.id, createdAt: now.toISOString() });
	return derivedDataChanged(db, { productIds: [productId] });
}

/** Puts a removed listing back (it rejoins the set if it is still of the product's kind). */
export async function restoreCompetitorFor(db: Db, actor: Actor, productId: number, listingId: number): Promise<void> {
	await assertMayChangeCompetitors(db, actor, productId);
	const gone = await deleteCompetitorExclusion(db, productId, listingId);
	if (!gone) throw new NotFoundError('Produk itu tidak ada di daftar yang dikeluarkan.');
	return derivedDataChanged(db, { productIds: [productId] });
}
