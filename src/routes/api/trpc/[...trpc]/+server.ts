// tRPC v11 over the fetch adapter, mounted as a SvelteKit route.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '$lib/server/trpc/context';
import { appRouter } from '$lib/server/trpc/router';
import type { RequestHandler } from './$types';

const handle: RequestHandler = ({ request }) =>
	fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext: () => createContext() });

export const GET = handle;
export const POST = handle;
