import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { homeFor, safeReturnPath } from '$lib/server/auth/rules';
import { DEVICE_COOKIE, deviceCookieOptions } from '$lib/server/auth/rate-limit';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/accounts';
import { BUSY_MESSAGE, busyAnswer, writeOrHttpError } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const back = safeReturnPath(url.searchParams.get('ke'));
	if (locals.user) redirect(303, back ?? homeFor(locals.user));
	return { ke: back ?? '' };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const phone = String(form.get('phone') ?? '').slice(0, 40);
		const password = String(form.get('password') ?? '');
		const back = safeReturnPath(String(form.get('ke') ?? ''));
		let result;
		try {
			// Sign-in state has its own database file (db/auth-db.ts): an import never holds it up.
			result = await writeOrHttpError(async () => signIn(getDb(), { phone, password, address: getClientAddress(), device: cookies.get(DEVICE_COOKIE) }));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { phone, ke: back ?? '', message: BUSY_MESSAGE });
			throw e;
		}
		if (!result.ok) return fail(result.status, { phone, ke: back ?? '', message: result.message });
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		// This browser is now known for this account: its owner is not locked out by others' failures.
		cookies.set(DEVICE_COOKIE, result.deviceToken, deviceCookieOptions(url));
		// Signed in with a one-time code: a password of their own comes first.
		if (result.mustChangePassword) redirect(303, '/akun');
		redirect(303, back ?? homeFor(result.user));
	}
};
