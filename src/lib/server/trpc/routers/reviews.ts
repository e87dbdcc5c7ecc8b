import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canSeeProduct } from '../../auth/access';
import { productReviewSummary } from '../../read/dashboard';
import { authedProcedure, router } from '../init';

export const reviewsRouter = router({
	summary: authedProcedure.input(z.object({ productId: z.number().int().positive() })).query(({ ctx, input }) => {
		// Another person's product answers like a missing one (access.ts).
		const summary = canSeeProduct(ctx.db, ctx.user, input.productId) ? productReviewSummary(ctx.db, input.productId) : null;
		if (!summary) throw new TRPCError({ code: 'NOT_FOUND', message: `Produk ${input.productId} tidak ditemukan` });
		return summary;
	})
});
