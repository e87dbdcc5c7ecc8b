import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { ROLE_LABELS } from '$lib/server/auth/actor';
import { AccountError, changePassword } from '$lib/server/auth/accounts';
import { BUSY_MESSAGE, isBusy, whenWritable } from '$lib/server/db/busy';
import { clearCookieOptions, deleteOwnSession, deleteUserSessions, listSessions, SESSION_COOKIE } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// A person's own account: change the password (or choose one after a one-time code), see the
// phones and browsers signed in, end one or all of them. Every action acts on the signed-in
// person only, so no other account can be reached from here.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	return {
		name: user.name,
		roleLabel: ROLE_LABELS[user.role],
		mustChangePassword: event.locals.mustChangePassword ?? false,
		sessions: await listSessions(db, user.id, event.locals.sessionId),
		ended: event.url.searchParams.get('selesai')
	};
};

export const actions: Actions = {
	sandi: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const field = (k: string) => String(form.get(k) ?? '').slice(0, 300);
		try {
			const { endedSessions } = await whenWritable(async () =>
				changePassword(getDb(), user, {
					current: field('current'),
					next: field('next'),
					repeat: field('repeat'),
					keepSessionId: event.locals.sessionId
				})
			);
			return { form: 'sandi', saved: true, endedSessions };
		} catch (e) {
			if (e instanceof AccountError) return fail(422, { form: 'sandi', message: e.message });
			if (isBusy(e)) return fail(503, { form: 'sandi', message: BUSY_MESSAGE });
			throw e;
		}
	},
	akhiri: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('sesi') ?? '').slice(0, 100);
		if (id === event.locals.sessionId) return fail(422, { form: 'sesi', message: 'Ini sesi yang sedang Anda pakai. Pakai tombol Keluar untuk mengakhirinya.' });
		if (!(await deleteOwnSession(getDb(), user.id, id))) return fail(404, { form: 'sesi', message: 'Sesi ini sudah berakhir.' });
		return { form: 'sesi', ended: 1 };
	},
	lainnya: async (event) => {
		const user = requireUser(event);
		const ended = await deleteUserSessions(getDb(), user.id, event.locals.sessionId);
		return { form: 'sesi', ended };
	},
	semua: async (event) => {
		const user = requireUser(event);
		await deleteUserSessions(getDb(), user.id);
		event.cookies.delete(SESSION_COOKIE, clearCookieOptions(event.url));
		redirect(303, '/masuk');
	}
};
