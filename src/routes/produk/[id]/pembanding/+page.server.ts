import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, idParam, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { competitorListFor } from '$lib/server/read/competitor-list';
import { removeCompetitorFor, restoreCompetitorFor } from '$lib/server/write/competitors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	return { list: await orHttpError(async () => competitorListFor(getDb(), user, id)) };
};

function listingId(form: FormData): number | null {
	const v = String(form.get('listingId') ?? '');
	return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

export const actions: Actions = {
	// An agent (or admin) removes a listing that is not comparable, saying why.
	keluarkan: async (event) => {
		const user = requireUser(event);
		const id = idParam(event.params.id);
		const form = await event.request.formData();
		const listing = listingId(form);
		const reason = String(form.get('reason') ?? '').slice(0, 400);
		if (listing === null) return fail(422, { reason, message: 'Pilih dulu produk yang mau dikeluarkan.' });
		try {
			await writeOrHttpError(async () => removeCompetitorFor(getDb(), user, id, listing, reason));
		} catch (e) {
			if (e instanceof RangeError) return fail(422, { reason, message: e.message });
			if (busyAnswer(e)) return fail(503, { reason, message: BUSY_MESSAGE });
			throw e;
		}
		return { removed: true };
	},
	kembalikan: async (event) => {
		const user = requireUser(event);
		const id = idParam(event.params.id);
		const listing = listingId(await event.request.formData());
		if (listing === null) return fail(422, { message: 'Pilih dulu produk yang mau dikembalikan.' });
		await writeOrHttpError(async () => restoreCompetitorFor(getDb(), user, id, listing));
		return { restored: true };
	}
};
