// Who may see and change which producers and products. Every page load, form action and tRPC
// procedure that touches producer data goes through these functions, so the rule lives once:
// a producer sees their own products, an agent their assigned producers', a co-op its
// members', an admin everything. What an actor may not see does not exist for them (404).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import * as q from '../db/queries/auth/access';
import type { ProducerColumns } from '../db/queries/auth/access';
import { listCoops } from '../db/coop';
import { producers, roles } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from './actor';

/**
 * A typed condition over a producers row (`producers`, or an alias of it) that is true for the
 * producers the actor may see. An account whose link is missing (an agent account without an
 * agent row) sees nothing.
 */
export function producerScopeCondition(actor: Actor, pr?: ProducerColumns): SQL {
	return q.producerScopeCondition(actor, pr);
}

/**
 * The scope for a prepared query: one shape per role (`key`), the id passed at run time as the
 * `scopeId` placeholder, so a request reuses the statement prepared for its role.
 */
export function producerScopePrepared(actor: Actor): { key: string; where: SQL; params: { scopeId: number } } {
	// A role this table does not know gets its own key (and sees nothing: producerScopeOf fails closed).
	const known = (roles as readonly string[]).includes(actor.role);
	return { key: known ? actor.role : 'none', where: q.producerScopeOf(actor.role, producers, sql.placeholder('scopeId')), params: { scopeId: q.scopeOwnerId(actor) } };
}

export async function canSeeProducer(db: Db, actor: Actor, producerId: number): Promise<boolean> {
	return await q.producerInScope(db, actor, producerId);
}

/** Changing products is for the producer, their agent and admin; a co-op only reads. */
export async function canEditProducer(db: Db, actor: Actor, producerId: number): Promise<boolean> {
	return actor.role !== 'koperasi' && (await canSeeProducer(db, actor, producerId));
}

export async function assertProducer(db: Db, actor: Actor, producerId: number): Promise<void> {
	if (!(await canSeeProducer(db, actor, producerId))) throw new NotFoundError('Produsen ini tidak ada.');
}

async function producerOf(db: Db, productId: number): Promise<number | null> {
	return await q.producerOfProduct(db, productId);
}

export async function canSeeProduct(db: Db, actor: Actor, productId: number): Promise<boolean> {
	const producerId = await producerOf(db, productId);
	return producerId !== null && (await canSeeProducer(db, actor, producerId));
}

export async function canEditProduct(db: Db, actor: Actor, productId: number): Promise<boolean> {
	const producerId = await producerOf(db, productId);
	return producerId !== null && (await canEditProducer(db, actor, producerId));
}

const NO_PRODUCT = 'Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.';

/** Throws NotFoundError unless the actor may see the product (a hidden product does not exist for them). */
export async function assertProduct(db: Db, actor: Actor, productId: number): Promise<void> {
	if (!(await canSeeProduct(db, actor, productId))) throw new NotFoundError(NO_PRODUCT);
}

/**
 * Whether the actor may remove listings from (or restore them to) this product's competitor set:
 * an agent of the product's producer, or an admin — not the producer (the agent explains the
 * market), not a co-op (it only reads).
 */
export async function canChangeCompetitors(db: Db, actor: Actor, productId: number): Promise<boolean> {
	return (actor.role === 'agen' || actor.role === 'admin') && (await canSeeProduct(db, actor, productId));
}

/** Throws unless the actor may change the product's competitor set: 404 when hidden, 403 when read-only. */
export async function assertMayChangeCompetitors(db: Db, actor: Actor, productId: number): Promise<void> {
	await assertProduct(db, actor, productId);
	if (!(await canChangeCompetitors(db, actor, productId))) throw new ForbiddenError('Hanya agen produsen ini atau admin yang bisa mengubah daftar pembanding.');
}

/** A co-op account sees only its own co-op; admin every co-op; nobody else any. */
export function mayViewCoop(actor: Actor, cooperativeId: number): boolean {
	if (actor.role === 'admin') return true;
	return actor.role === 'koperasi' && actor.cooperativeId === cooperativeId;
}

const NOT_YOUR_COOP = 'Anda hanya bisa melihat rencana koperasi Anda sendiri.';

/**
 * Which co-op a request of this actor is about, checked once for the plan page, its forms and
 * `plan.coop`: a co-op account its own (asking for another is 403); admin the one asked for, else
 * the first. An unknown co-op is 404; any other role is 403.
 */
export async function coopFor(db: Db, actor: Actor, asked?: number | null): Promise<{ id: number; name: string }> {
	if (actor.role === 'koperasi') {
		if (actor.cooperativeId === null) throw new ForbiddenError('Akun ini belum terhubung ke koperasi.');
		if (asked != null && asked !== actor.cooperativeId) throw new ForbiddenError(NOT_YOUR_COOP);
	} else if (actor.role !== 'admin') throw new ForbiddenError(NOT_YOUR_COOP);
	const coops = await listCoops(db);
	if (coops.length === 0) throw new NotFoundError('Belum ada koperasi.');
	const id = actor.role === 'koperasi' ? actor.cooperativeId! : (asked ?? coops[0].id);
	const coop = coops.find((c) => c.id === id);
	if (!coop) throw new NotFoundError('Koperasi ini tidak ada.');
	if (!mayViewCoop(actor, coop.id)) throw new ForbiddenError(NOT_YOUR_COOP);
	return coop;
}

/** The co-ops an actor may switch between on the plan page: admin all of them, a co-op none. */
export async function coopChoicesFor(db: Db, actor: Actor): Promise<{ id: number; name: string }[]> {
	return actor.role === 'admin' ? (await listCoops(db)) : [];
}
