import { z } from 'zod';
import { alertsFor } from '../../read/alerts';
import { authedProcedure, router } from '../init';

export const alertsRouter = router({
	// Alerts for the producers the caller may see (an agent: their own), optionally narrowed to some.
	list: authedProcedure
		.input(z.object({ producerIds: z.array(z.number().int().positive()).max(500).optional() }).optional())
		.query(async ({ ctx, input }) => alertsFor(ctx.db, ctx.user, input?.producerIds))
});
