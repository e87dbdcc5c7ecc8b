import { fail } from '@sveltejs/kit';
import { forecastCharts } from '$lib/server/charts';
import { coopChoicesFor } from '$lib/server/auth/access';
import { BUSY_MESSAGE, busyAnswer, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { coopPlanFor } from '$lib/server/read/plan';
import { saveBomFor, saveCoopSettingsFor } from '$lib/server/write/coop';
import type { Actions, PageServerLoad } from './$types';

/** ?koperasi= or the form's koperasi field: a co-op id, or null (the actor's own, or the first). */
function askedCoop(raw: string | null): number | null {
	return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const t0 = performance.now();
	const db = getDb();
	const weeks = Number(event.url.searchParams.get('minggu'));
	const horizon = Number.isInteger(weeks) && weeks >= 4 && weeks <= 12 ? weeks : 8;
	// Which co-op, and whether this person may see it, is decided once, in the service.
	const { ms: _ms, ...plan } = orHttpError(() => coopPlanFor(db, user, { cooperativeId: askedCoop(event.url.searchParams.get('koperasi')), horizon }));
	const charts = forecastCharts(plan.categories);
	// The time goes in a header, not the page: a page that differs on every request can never
	// be answered with "not modified" (hooks.server.ts, ETag).
	event.setHeaders({ 'server-timing': `plan;dur=${Math.round(performance.now() - t0)}` });
	// Only admins may switch between co-ops.
	return { plan, charts, horizon, coops: coopChoicesFor(db, user) };
};

export const actions: Actions = {
	pengaturan: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = {
			leadTimeWeeks: String(form.get('leadTimeWeeks') ?? ''),
			marketSharePct: String(form.get('marketSharePct') ?? ''),
			runWeeks: String(form.get('runWeeks') ?? ''),
			buyDaysBefore: String(form.get('buyDaysBefore') ?? '')
		};
		let saved;
		try {
			saved = await writeOrHttpError(() => saveCoopSettingsFor(getDb(), user, askedCoop(String(form.get('koperasi') ?? '')), values));
		} catch (e) {
			// Locked by an import: the values stay in the form, to send again in a moment.
			if (busyAnswer(e)) return fail(503, { form: 'pengaturan' as const, message: BUSY_MESSAGE, values });
			throw e;
		}
		if (!saved.ok) return fail(422, { form: 'pengaturan' as const, message: saved.message, values });
		return { form: 'pengaturan' as const, saved: 'Pengaturan disimpan. Rencana sudah dihitung ulang.' };
	},
	bom: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const productId = Number(form.get('productId'));
		const materials = form.getAll('material').map(String);
		const quantities = form.getAll('quantity').map(String);
		const units = form.getAll('unit').map(String);
		const rows = materials.map((material, i) => ({ material, quantity: quantities[i] ?? '', unit: units[i] ?? '' }));
		let saved;
		try {
			saved = await writeOrHttpError(() => saveBomFor(getDb(), user, askedCoop(String(form.get('koperasi') ?? '')), productId, { materials, quantities, units }));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { form: 'bom' as const, productId, message: BUSY_MESSAGE, rows });
			throw e;
		}
		if (saved.ok) return { form: 'bom' as const, productId, saved: 'Daftar bahan disimpan.' };
		if (saved.notMember) return fail(404, { form: 'bom' as const, productId, message: saved.message });
		return fail(422, { form: 'bom' as const, productId, message: saved.message, rows });
	}
};
