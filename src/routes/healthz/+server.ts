// GET /healthz: 200 when the server can serve (the database answers), 503 otherwise, with the
// checks as JSON (src/lib/server/health.ts). Public and cheap: no personal data, two indexed reads.
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { logInternalError } from '$lib/server/errors';
import { health } from '$lib/server/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	let result: Awaited<ReturnType<typeof health>>;
	try {
		result = await health(getDb());
	} catch (e) {
		result = { ok: false, checks: { database: { ok: false, detail: `Database tidak bisa dibuka (kode ${logInternalError(e, 'healthz')}).` } } };
	}
	return json(result, { status: result.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
