import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { trendFilterProblem, trendingCategories } from '../../read/trends';
import { authedProcedure, router } from '../init';

// Market-wide category trends: no producer data, so any signed-in person may read them.
export const trendsRouter = router({
	categories: authedProcedure
		.input(
			z
				.object({
					marketplaceId: z.string().min(1).max(40).optional(),
					provinceCode: z.string().regex(/^\d{2}$/, 'kode provinsi dua angka, mis. 33').optional()
				})
				.optional()
		)
		.query(async ({ ctx, input }) => {
			const filter = { marketplaceId: input?.marketplaceId, provinceCode: input?.provinceCode };
			// Unknown values are refused, not computed as "all" (each would cost a full ranking).
			const problem = await trendFilterProblem(ctx.db, filter);
			if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
			return trendingCategories(ctx.db, filter);
		})
});
