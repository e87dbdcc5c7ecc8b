import { z } from 'zod';
import { reviewSummaryFor } from '../../read/dashboard';
import { authedProcedure, router } from '../init';

export const reviewsRouter = router({
	// "Kata pembeli" as the product's dashboard shows it; another person's product answers 404.
	summary: authedProcedure
		.input(z.object({ productId: z.number().int().positive() }))
		.query(async ({ ctx, input }) => reviewSummaryFor(ctx.db, ctx.user, input.productId))
});
