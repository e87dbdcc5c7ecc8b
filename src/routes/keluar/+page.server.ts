import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { clearCookieOptions, deleteSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { writeOrHttpError } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a form action): a link or image on another site cannot sign anyone out.
export const load: PageServerLoad = ({ locals }) => ({ signedIn: locals.user !== null });

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		// The session row goes, so the old cookie is worthless even if it was copied.
		const sessionId = locals.sessionId;
		if (sessionId) await writeOrHttpError(async () => deleteSession(getDb(), sessionId));
		cookies.delete(SESSION_COOKIE, clearCookieOptions(url));
		redirect(303, '/masuk');
	}
};
