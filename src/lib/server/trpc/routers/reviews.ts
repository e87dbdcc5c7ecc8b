import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { productReviewSummary } from '../../services/dashboard';
import { publicProcedure, router } from '../init';

export const reviewsRouter = router({
	summary: publicProcedure.input(z.object({ productId: z.number().int().positive() })).query(({ ctx, input }) => {
		const summary = productReviewSummary(ctx.db, input.productId);
		if (!summary) throw new TRPCError({ code: 'NOT_FOUND', message: `Produk ${input.productId} tidak ditemukan` });
		return summary;
	})
});
