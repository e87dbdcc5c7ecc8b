import { z } from 'zod';
import { dashboardFor } from '../../read/dashboard';
import { listProductsFor } from '../../read/products';
import { MAX_PRICE, updatePriceFor } from '../../write/products';
import { whenWritable } from '../../db/busy';
import { authedProcedure, router } from '../init';

// Every procedure acts for ctx.user: the access service limits what they see and change.
export const productRouter = router({
	list: authedProcedure
		.input(
			z
				.object({
					query: z.string().max(100).optional(),
					page: z.number().int().min(1).max(10_000).optional(),
					pageSize: z.number().int().min(1).max(100).optional()
				})
				.optional()
		)
		.query(async ({ ctx, input }) => listProductsFor(ctx.db, ctx.user, input ?? {})),
	dashboard: authedProcedure
		.input(z.object({ id: z.number().int().positive() }))
		.query(async ({ ctx, input }) => dashboardFor(ctx.db, ctx.user, input.id)),
	setPrice: authedProcedure
		.input(z.object({ id: z.number().int().positive(), price: z.number().int().min(1).max(MAX_PRICE) }))
		.mutation(async ({ ctx, input }) => {
			// Waits without blocking while an import merges its batch; 503 past the bound.
			await whenWritable(async () => updatePriceFor(ctx.db, ctx.user, input.id, input.price));
			return { id: input.id, price: input.price };
		})
});
