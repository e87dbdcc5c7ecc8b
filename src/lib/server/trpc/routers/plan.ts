import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../errors';
import { coopPlan, mayViewCoop } from '../../read/plan';
import { authedProcedure, router } from '../init';

export const planRouter = router({
	// A co-op account reads its own plan (cooperativeId may be left out); admin any co-op's.
	coop: authedProcedure
		.input(z.object({ cooperativeId: z.number().int().positive().optional(), horizon: z.number().int().min(4).max(12).optional() }).optional())
		.query(({ ctx, input }) => {
			const id = input?.cooperativeId ?? ctx.user.cooperativeId;
			if (!id) throw new NotFoundError('Sebutkan koperasinya (cooperativeId).');
			if (!mayViewCoop(ctx.user, id)) throw new ForbiddenError('Anda hanya bisa melihat rencana koperasi Anda sendiri.');
			const plan = coopPlan(ctx.db, id, { horizon: input?.horizon });
			if (!plan) throw new NotFoundError('Koperasi ini tidak ada.');
			return plan;
		})
});
