import type { ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { getDb } from '$lib/server/db';
import { prepareDatabase } from '$lib/server/startup';

// Runs once at server start, before the first request is answered (not during `vite build`).
export const init: ServerInit = () => {
	if (!building) prepareDatabase(getDb());
};
