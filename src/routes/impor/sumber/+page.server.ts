import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { FieldError, ForbiddenError, NotFoundError } from '$lib/server/errors';
import { sourcesPage } from '$lib/server/read/feeds';
import { addFeedFor, pullFeedNowFor, removeFeedFor } from '$lib/server/write/feeds';
import type { Actions, PageServerLoad } from './$types';

// Feeds and the inbox (issue 18). The route rule (admin only) is applied by hooks.server.ts;
// the services check the role again. Plain form actions: the page works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return await orHttpError(async () => sourcesPage(getDb(), user));
};

/** The feed a button names (`id`), or a 400-style answer. */
function feedId(form: FormData): number | null {
	const raw = String(form.get('id') ?? '');
	return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export const actions: Actions = {
	tambah: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const text = (k: string, max = 200) => String(form.get(k) ?? '').slice(0, max);
		const values = { nama: text('nama'), alamat: text('alamat', 2100), jadwal: text('jadwal'), bentuk: text('bentuk'), peta: text('peta', 1000), lokal: form.get('lokal') === 'ya' };
		try {
			const feed = await writeOrHttpError(async () =>
				addFeedFor(getDb(), user, {
					name: values.nama,
					url: values.alamat,
					every: values.jadwal,
					source: values.bentuk,
					map: values.peta,
					allowPrivate: values.lokal
				})
			);
			return { added: feed.name };
		} catch (e) {
			if (e instanceof FieldError) return fail(422, { values, field: e.field, message: e.message });
			if (busyAnswer(e)) return fail(503, { values, field: null, message: BUSY_MESSAGE });
			throw e;
		}
	},
	tarik: async (event) => {
		const user = requireUser(event);
		const id = feedId(await event.request.formData());
		if (id === null) return fail(400, { message: 'Sumber tidak dikenal. Muat ulang halaman.' });
		try {
			return { pulled: await pullFeedNowFor(getDb(), user, id) };
		} catch (e) {
			// Removed meanwhile (another admin's tab): said on the page, not a 500.
			if (e instanceof NotFoundError || e instanceof ForbiddenError) return fail(e instanceof NotFoundError ? 404 : 403, { message: e.message });
			throw e;
		}
	},
	hapus: async (event) => {
		const user = requireUser(event);
		const id = feedId(await event.request.formData());
		if (id === null) return fail(400, { message: 'Sumber tidak dikenal. Muat ulang halaman.' });
		return { removed: await writeOrHttpError(async () => removeFeedFor(getDb(), user, id)) };
	}
};
