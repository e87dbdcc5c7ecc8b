import { fail } from '@sveltejs/kit';
import { parseRupiah } from '$lib/analysis/money';
import { canEditProduct } from '$lib/server/auth/access';
import { dashboardCharts, salesChart } from '$lib/server/charts';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, idParam, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { dashboardFor } from '$lib/server/read/dashboard';
import { salesBookFor } from '$lib/server/read/sales';
import { MAX_PRICE, updatePriceFor } from '$lib/server/write/products';
import { parseUnits, recordSaleFor } from '$lib/server/write/sales';
import { formatDateRange, formatNumber } from '$lib/format';
import { FieldError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	const db = getDb();
	// Another person's product answers exactly like a missing one: 404.
	const dashboard = await orHttpError(async () => dashboardFor(db, user, id));
	const sales = await salesBookFor(db, user, id);
	return { dashboard, charts: dashboardCharts(dashboard), canEdit: await canEditProduct(db, user, id), sales, salesChart: salesChart(sales) };
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
			await writeOrHttpError(async () => updatePriceFor(getDb(), user, id, price));
		} catch (e) {
			// The price typed stays in the form: the producer sends it again in a moment.
			if (busyAnswer(e)) return fail(503, { price: raw, message: BUSY_MESSAGE });
			throw e;
		}
		return { saved: true };
	},
	// The sales book's short form: a week (its Monday, from the select) and the units sold.
	penjualan: async (event) => {
		const user = requireUser(event);
		const id = idParam(event.params.id);
		const form = await event.request.formData();
		const values = { minggu: String(form.get('minggu') ?? '').slice(0, 10), terjual: String(form.get('terjual') ?? '').slice(0, 40) };
		const units = parseUnits(values.terjual);
		if (units === null) return fail(422, { sales: { values, message: 'Tulis jumlah terjual sebagai angka, misalnya 25.' } });
		try {
			const saved = await writeOrHttpError(async () => recordSaleFor(getDb(), user, { productId: id, weekStart: values.minggu, units, source: 'form' }));
			const week = formatDateRange(saved.weekStart, new Date(Date.parse(saved.weekStart) + 6 * 86_400_000).toISOString().slice(0, 10));
			return { sales: { saved: `Tersimpan: ${formatNumber(saved.units)} terjual, minggu ${week}.` } };
		} catch (e) {
			if (e instanceof FieldError) return fail(422, { sales: { values, message: e.message } });
			// Locked by an import: the week and units stay in the form, to send again in a moment.
			if (busyAnswer(e)) return fail(503, { sales: { values, message: BUSY_MESSAGE } });
			throw e;
		}
	}
};
