// Recording the sales book from a request: the product page's short form ("Minggu ini terjual:
// __") and `sales.record`. The producer writes her own; her agent writes for her; admin any;
// a co-op only reads (403), and a product the actor cannot see does not exist (404). The checks
// are the importer's too (ingest/sales.ts), so a file and a form refuse the same things with the
// same words (analysis/sales-book.ts).
import { checkSale } from '$lib/analysis/sales-book';
import type { Actor } from '../auth/actor';
import { assertProduct, canEditProduct } from '../auth/access';
import type { Db } from '../db';
import { upsertSale, type SaleOutcome, type SaleSource } from '../db/sales';
import { FieldError, ForbiddenError } from '../errors';

export interface RecordedSale {
	productId: number;
	weekStart: string;
	units: number;
	outcome: SaleOutcome;
}

/**
 * Records a product's sales for a week, for an actor who may edit the product. Throws
 * NotFoundError (not theirs to see), ForbiddenError (a co-op) or FieldError (a bad week or number).
 */
export async function recordSaleFor(
	db: Db,
	actor: Actor,
	input: { productId: number; weekStart: string; units: number; source: Extract<SaleSource, 'form' | 'api'> },
	today = new Date().toISOString().slice(0, 10)
): Promise<RecordedSale> {
	await assertProduct(db, actor, input.productId);
	if (!(await canEditProduct(db, actor, input.productId))) throw new ForbiddenError('Koperasi hanya bisa melihat penjualan anggota, tidak mengisinya.');
	const checked = checkSale(input.weekStart, input.units, today);
	if (!checked.ok) throw new FieldError(checked.field, checked.message);
	const outcome = await upsertSale(db, { productId: input.productId, weekStart: checked.weekStart, units: checked.units, source: input.source, userId: actor.id });
	return { productId: input.productId, weekStart: checked.weekStart, units: checked.units, outcome };
}

export { MAX_WEEK_UNITS, parseUnits } from '$lib/analysis/sales-book';
