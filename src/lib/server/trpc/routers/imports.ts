// Import batches over the API: the history and one batch with its first rejected rows.
// Uploads go through /impor (a form), not through tRPC.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { getBatch, listBatches } from '../../read/imports';
import { publicProcedure, router } from '../init';

export const importsRouter = router({
	list: publicProcedure
		.input(z.object({ limit: z.number().int().min(1).max(200).optional() }).optional())
		.query(async ({ ctx, input }) => listBatches(ctx.db, { limit: input?.limit })),
	get: publicProcedure
		.input(z.object({ id: z.number().int().positive(), rejections: z.number().int().min(0).max(1000).optional() }))
		.query(async ({ ctx, input }) => {
			const batch = await getBatch(ctx.db, input.id, { rejections: input.rejections });
			if (!batch) throw new TRPCError({ code: 'NOT_FOUND', message: `Batch impor ${input.id} tidak ada` });
			return batch;
		})
});
