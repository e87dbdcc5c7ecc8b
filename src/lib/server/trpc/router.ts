// The API at /api/trpc. Page loads call the same services (or createCaller), never HTTP.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createCallerFactory, router } from './init';
import { productRouter } from './routers/product';
import { reviewsRouter } from './routers/reviews';

export const appRouter = router({
	product: productRouter,
	reviews: reviewsRouter
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
