import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { productDashboard } from '../../services/dashboard';
import { listProducts } from '../../services/products';
import { publicProcedure, router } from '../init';

export const productRouter = router({
	list: publicProcedure
		.input(
			z
				.object({
					query: z.string().max(100).optional(),
					page: z.number().int().min(1).max(10_000).optional(),
					pageSize: z.number().int().min(1).max(100).optional()
				})
				.optional()
		)
		.query(({ ctx, input }) => listProducts(ctx.db, input ?? {})),
	dashboard: publicProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
		const dashboard = productDashboard(ctx.db, input.id);
		if (!dashboard) throw new TRPCError({ code: 'NOT_FOUND', message: `Produk ${input.id} tidak ditemukan` });
		return dashboard;
	})
});
