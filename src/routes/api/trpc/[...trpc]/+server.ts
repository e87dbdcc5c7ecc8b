// tRPC v11 over the fetch adapter, mounted as a SvelteKit route. The caller is the person of
// the session cookie (hooks.server.ts); procedures check their own rules.
import { json } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '$lib/server/trpc/context';
import { appRouter } from '$lib/server/trpc/router';
import { MAX_BATCH, tooManyCalls } from '$lib/server/trpc/limits';
import type { RequestHandler } from './$types';

const handle: RequestHandler = ({ request, locals, params, url }) => {
	// A batch of many calls runs them one after another on the server's one thread, holding up
	// everyone else: refused before any is parsed or run.
	const calls = url.searchParams.get('batch') === '1' ? params.trpc.split(',').length : 1;
	if (calls > MAX_BATCH) return json(tooManyCalls(calls), { status: 400 });
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		maxBatchSize: MAX_BATCH,
		createContext: () => createContext(undefined, locals.user)
	});
};

export const GET = handle;
export const POST = handle;
