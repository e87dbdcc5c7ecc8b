import { z } from 'zod';
import { producerScope } from '../../auth/access';
import { alertsForProducers } from '../../read/alerts';
import { authedProcedure, router } from '../init';

export const alertsRouter = router({
	// Alerts for the producers the caller may see (an agent: their own), optionally narrowed to some.
	list: authedProcedure
		.input(z.object({ producerIds: z.array(z.number().int().positive()).max(500).optional() }).optional())
		.query(({ ctx, input }) => {
			const scope = producerScope(ctx.user);
			const visible = ctx.db.$client.prepare(`select pr.id from producers pr where ${scope.sql}`).pluck().all(...scope.params) as number[];
			const wanted = input?.producerIds ? visible.filter((id) => input.producerIds!.includes(id)) : visible;
			return alertsForProducers(ctx.db, wanted);
		})
});
