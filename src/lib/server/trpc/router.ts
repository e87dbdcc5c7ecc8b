// The API at /api/trpc. Page loads call the same services (or createCaller), never HTTP.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createCallerFactory, router } from './init';
import { agentRouter } from './routers/agent';
import { alertsRouter } from './routers/alerts';
import { authRouter } from './routers/auth';
import { forecastRouter } from './routers/forecast';
import { importsRouter } from './routers/imports';
import { planRouter } from './routers/plan';
import { productRouter } from './routers/product';
import { reviewsRouter } from './routers/reviews';
import { salesRouter } from './routers/sales';
import { trendsRouter } from './routers/trends';

export const appRouter = router({
	auth: authRouter,
	product: productRouter,
	reviews: reviewsRouter,
	agent: agentRouter,
	trends: trendsRouter,
	forecast: forecastRouter,
	plan: planRouter,
	alerts: alertsRouter,
	imports: importsRouter,
	sales: salesRouter
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
