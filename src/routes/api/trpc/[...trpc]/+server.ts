// tRPC v11 over the fetch adapter, mounted as a SvelteKit route. The caller is the person of
// the session cookie (hooks.server.ts); procedures check their own rules.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '$lib/server/trpc/context';
import { appRouter } from '$lib/server/trpc/router';
import type { RequestHandler } from './$types';

const handle: RequestHandler = ({ request, locals }) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () => createContext(undefined, locals.user)
	});

export const GET = handle;
export const POST = handle;
