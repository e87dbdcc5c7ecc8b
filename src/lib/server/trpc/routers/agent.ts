import { z } from 'zod';
import { MAX_PRICE, createProductFor } from '../../write/products';
import { assignProducerFor, createProducerFor } from '../../write/producers';
import { listProducersFor } from '../../read/agents';
import { explainFor } from '../../read/explain';
import { whenWritable } from '../../db/busy';
import { roleProcedure, router } from '../init';

const staff = roleProcedure('agen', 'admin');

// The agent's workspace over the API, for an agent's own tools. Same services as /agen.
export const agentRouter = router({
	producers: staff.query(async ({ ctx }) => listProducersFor(ctx.db, ctx.user)),
	explain: staff.input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
		const { dashboard, points, whatsapp } = await explainFor(ctx.db, ctx.user, input.id);
		// The dashboard's own date and Saran: the same list the page, the print and WhatsApp show.
		const { dataUntil, stale, dataNote, advice } = dashboard;
		return { product: dashboard.product, dataUntil, stale, dataNote, points, advice, whatsapp };
	}),
	createProducer: staff
		.input(
			z.object({
				name: z.string().min(2).max(80),
				villageCode: z.string().max(20).nullish(),
				agentId: z.number().int().positive().nullish(),
				phone: z.string().max(40).nullish(),
				password: z.string().max(200).nullish()
			})
		)
		.mutation(async ({ ctx, input }) => ({ id: await whenWritable(async () => createProducerFor(ctx.db, ctx.user, input)) })),
	createProduct: staff
		.input(
			z.object({
				producerId: z.number().int().positive(),
				name: z.string().min(3).max(120),
				categoryId: z.number().int().positive(),
				price: z.number().int().min(1).max(MAX_PRICE),
				packQuantity: z.number().positive().max(1_000_000),
				unit: z.enum(['g', 'ml', 'pcs']),
				keywords: z.string().max(200).optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			const { producerId, ...product } = input;
			return { id: await whenWritable(async () => createProductFor(ctx.db, ctx.user, producerId, product)) };
		}),
	assignProducer: roleProcedure('admin')
		.input(z.object({ producerId: z.number().int().positive(), agentId: z.number().int().positive().nullable() }))
		.mutation(async ({ ctx, input }) => {
			await whenWritable(async () => assignProducerFor(ctx.db, ctx.user, input.producerId, input.agentId));
			return { ok: true };
		})
});
