// The API at /api/trpc. Page loads call the same services (or createCaller), never HTTP.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createCallerFactory, router } from './init';
import { agentRouter } from './routers/agent';
import { authRouter } from './routers/auth';
import { productRouter } from './routers/product';
import { reviewsRouter } from './routers/reviews';

export const appRouter = router({
	auth: authRouter,
	product: productRouter,
	reviews: reviewsRouter,
	agent: agentRouter
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
