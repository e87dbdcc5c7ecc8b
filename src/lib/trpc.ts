// Browser/partner client for /api/trpc. Imports only the router's type, never server code.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/router';

export function createClient(baseUrl = '') {
	return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/api/trpc` })] });
}
