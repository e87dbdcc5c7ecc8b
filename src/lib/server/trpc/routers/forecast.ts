import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canSeeProduct } from '../../auth/access';
import { NotFoundError } from '../../errors';
import { forecastForCategory, forecastForProduct } from '../../read/forecasts';
import { authedProcedure, router } from '../init';

const horizon = z.number().int().min(4).max(12).optional();

export const forecastRouter = router({
	// Category forecasts are market-wide; a product's is for those who may see the product.
	forCategory: authedProcedure
		.input(z.object({ categoryId: z.number().int().positive(), horizon }))
		.query(({ ctx, input }) => {
			const view = forecastForCategory(ctx.db, input.categoryId, input.horizon ?? 8);
			if (!view) throw new TRPCError({ code: 'NOT_FOUND', message: `Kategori ${input.categoryId} tidak ditemukan` });
			return view;
		}),
	forProduct: authedProcedure
		.input(z.object({ productId: z.number().int().positive(), horizon }))
		.query(({ ctx, input }) => {
			const view = canSeeProduct(ctx.db, ctx.user, input.productId) ? forecastForProduct(ctx.db, input.productId, input.horizon ?? 8) : null;
			if (!view) throw new NotFoundError('Produk ini tidak ada. Mungkin alamatnya salah atau produknya sudah dihapus.');
			return view;
		})
});
