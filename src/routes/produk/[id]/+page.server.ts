import { fail } from '@sveltejs/kit';
import { parseRupiah } from '$lib/analysis/money';
import { canEditProduct } from '$lib/server/auth/access';
import { dashboardCharts } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, idParam, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { dashboardFor } from '$lib/server/read/dashboard';
import { MAX_PRICE, updatePriceFor } from '$lib/server/write/products';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	const db = getDb();
	// Another person's product answers exactly like a missing one: 404.
	const dashboard = orHttpError(() => dashboardFor(db, user, id));
	return { dashboard, charts: dashboardCharts(dashboard), canEdit: canEditProduct(db, user, id) };
};

export const actions: Actions = {
	harga: async (event) => {
		const user = requireUser(event);
		const id = idParam(event.params.id);
		const raw = String((await event.request.formData()).get('price') ?? '').slice(0, 40);
		const price = parseRupiah(raw);
		if (price === null || !Number.isInteger(price) || price < 1 || price > MAX_PRICE) {
			return fail(422, { price: raw, message: 'Tulis harga dalam Rupiah, misalnya 25000 atau 25rb.' });
		}
		try {
			await writeOrHttpError(() => updatePriceFor(getDb(), user, id, price));
		} catch (e) {
			// The price typed stays in the form: the producer sends it again in a moment.
			if (busyAnswer(e)) return fail(503, { price: raw, message: BUSY_MESSAGE });
			throw e;
		}
		return { saved: true };
	}
};
