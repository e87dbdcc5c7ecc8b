import { z } from 'zod';
import { coopPlanFor } from '../../read/plan';
import { authedProcedure, router } from '../init';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tulis tanggal seperti 2027-02-01.');

export const planRouter = router({
	// A co-op account reads its own plan (cooperativeId may be left out); admin any co-op's.
	// `season`: the next Lebaran (default), Harbolnas 12.12 or school start, or own dates.
	coop: authedProcedure
		.input(
			z
				.object({
					cooperativeId: z.number().int().positive().optional(),
					season: z.union([z.enum(['lebaran', 'harbolnas', 'sekolah']), z.object({ start: day, end: day })]).optional(),
					horizon: z.number().int().min(4).max(12).optional()
				})
				.optional()
		)
		.query(async ({ ctx, input }) => coopPlanFor(ctx.db, ctx.user, { cooperativeId: input?.cooperativeId, season: input?.season, horizon: input?.horizon }))
});
