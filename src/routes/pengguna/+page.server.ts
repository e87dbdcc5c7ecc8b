import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireUser } from '$lib/server/auth/guard';
import { BUSY_MESSAGE, isBusy, whenWritable } from '$lib/server/db/busy';
import { roles } from '$lib/server/db/schema';
import { ROLE_LABELS, type Role } from '$lib/server/auth/actor';
import { listAccounts, resetPassword, setAccountDisabled, setAccountRole } from '$lib/server/auth/accounts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

// The admin's list of accounts: disable and re-enable, give another role, make a one-time code.
// The hook lets only admins in (auth/rules.ts); the services check the role again.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		accounts: await orHttpError(async () => listAccounts(getDb(), user)),
		me: user.id,
		roles: roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))
	};
};

/** The account an action is about, and a refusal in words instead of an error page. */
async function run<T>(event: Parameters<Actions[string]>[0], fn: (id: number, form: FormData) => T | Promise<T>) {
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	if (!Number.isInteger(id) || id < 1) return fail(404, { id: 0, message: 'Akun ini tidak ada.' });
	try {
		// A write: while an import merges, it waits without blocking the server (db/busy.ts).
		return { id, ...(await whenWritable(() => fn(id, form))) };
	} catch (e) {
		if (isBusy(e)) return fail(503, { id, message: BUSY_MESSAGE });
		if (e instanceof ForbiddenError) return fail(403, { id, message: e.message });
		if (e instanceof NotFoundError || e instanceof InvalidInputError) return fail(422, { id, message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	nonaktifkan: (event) => run(event, async (id) => ((await setAccountDisabled(getDb(), requireUser(event), id, true)), { done: 'Akun dinonaktifkan. Semua perangkatnya sudah dikeluarkan.' })),
	aktifkan: (event) => run(event, async (id) => ((await setAccountDisabled(getDb(), requireUser(event), id, false)), { done: 'Akun aktif lagi.' })),
	peran: (event) =>
		run(event, async (id, form) => {
			await setAccountRole(getDb(), requireUser(event), id, String(form.get('role') ?? '') as Role);
			return { done: 'Peran sudah diganti. Orang ini perlu masuk lagi.' };
		}),
	kode: (event) =>
		run(event, async (id) => {
			const { code, name } = await resetPassword(getDb(), requireUser(event), id);
			return { code, name };
		})
};
