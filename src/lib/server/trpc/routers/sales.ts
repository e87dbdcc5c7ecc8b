import { z } from 'zod';
import { whenWritable } from '../../db/busy';
import { salesListFor } from '../../read/sales';
import { MAX_WEEK_UNITS, recordSaleFor } from '../../write/sales';
import { authedProcedure, router } from '../init';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tulis tanggal seperti 2026-11-23.');

export const salesRouter = router({
	// The producer for herself, her agent for her, admin any product; a co-op only reads (403).
	// Any day of the week names the week; recording it again replaces it.
	record: authedProcedure
		.input(z.object({ productId: z.number().int().positive(), weekStart: day, units: z.number().int().min(0).max(MAX_WEEK_UNITS) }))
		.mutation(({ ctx, input }) => whenWritable(async () => recordSaleFor(ctx.db, ctx.user, { ...input, source: 'api' }))),
	// Whoever sees the product sees its sales book.
	list: authedProcedure.input(z.object({ productId: z.number().int().positive() })).query(async ({ ctx, input }) => salesListFor(ctx.db, ctx.user, input.productId))
});
