// Browser/partner client for /api/trpc. Imports only the router's type, never server code.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/router';

/** The server refuses batches of more calls (src/lib/server/trpc/limits.ts MAX_BATCH). */
const MAX_BATCH = 10;

export function createClient(baseUrl = '') {
	return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, maxItems: MAX_BATCH })] });
}
