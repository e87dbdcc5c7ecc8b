import { z } from 'zod';
import { coopPlanFor } from '../../read/plan';
import { authedProcedure, router } from '../init';

export const planRouter = router({
	// A co-op account reads its own plan (cooperativeId may be left out); admin any co-op's.
	coop: authedProcedure
		.input(z.object({ cooperativeId: z.number().int().positive().optional(), horizon: z.number().int().min(4).max(12).optional() }).optional())
		.query(({ ctx, input }) => coopPlanFor(ctx.db, ctx.user, { cooperativeId: input?.cooperativeId, horizon: input?.horizon }))
});
