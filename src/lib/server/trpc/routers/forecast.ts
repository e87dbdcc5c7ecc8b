import { z } from 'zod';
import { forecastForCategoryFor, forecastForProductFor } from '../../read/forecasts';
import { authedProcedure, router } from '../init';

const horizon = z.number().int().min(4).max(12).optional();

export const forecastRouter = router({
	// Category forecasts are market-wide; a product's is for those who may see the product.
	forCategory: authedProcedure
		.input(z.object({ categoryId: z.number().int().positive(), horizon }))
		.query(async ({ ctx, input }) => forecastForCategoryFor(ctx.db, ctx.user, input.categoryId, input.horizon ?? 8)),
	forProduct: authedProcedure
		.input(z.object({ productId: z.number().int().positive(), horizon }))
		.query(async ({ ctx, input }) => forecastForProductFor(ctx.db, ctx.user, input.productId, input.horizon ?? 8))
});
