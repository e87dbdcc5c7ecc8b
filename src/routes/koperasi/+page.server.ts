import { fail } from '@sveltejs/kit';
import { forecastCharts } from '$lib/server/charts';
import { coopChoicesFor } from '$lib/server/auth/access';
import { BUSY_MESSAGE, busyAnswer, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { InvalidInputError } from '$lib/server/errors';
import { coopPlanFor } from '$lib/server/read/plan';
import { saveBomFor, saveCoopSettingsFor, saveMemberSettingsFor, savePurchaseUnitsFor, saveSeasonPlanFor } from '$lib/server/write/coop';
import { askedCoop, seasonFromUrl, seasonQuery } from './season-param';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const t0 = performance.now();
	const db = getDb();
	const weeks = Number(event.url.searchParams.get('minggu'));
	const horizon = Number.isInteger(weeks) && weeks >= 4 && weeks <= 12 ? weeks : 8;
	const asked = seasonFromUrl(event.url);
	const cooperativeId = askedCoop(event.url.searchParams.get('koperasi'));
	// Which co-op, and whether this person may see it, is decided once, in the service. Own dates
	// that make no season are said above the plan of the next Lebaran.
	let seasonProblem: string | null = null;
	const plan = await orHttpError(async () => {
		try {
			return await coopPlanFor(db, user, { cooperativeId, horizon, season: asked.ask });
		} catch (e) {
			if (!(e instanceof InvalidInputError)) throw e;
			seasonProblem = e.message;
			return coopPlanFor(db, user, { cooperativeId, horizon, season: 'lebaran' });
		}
	});
	const { ms: _ms, ...shown } = plan;
	const charts = forecastCharts(plan.categories);
	// The time goes in a header, not the page: a page that differs on every request can never
	// be answered with "not modified" (hooks.server.ts, ETag).
	event.setHeaders({ 'server-timing': `plan;dur=${Math.round(performance.now() - t0)}` });
	const effective = seasonProblem ? { ...asked, ask: 'lebaran' as const, choice: 'lebaran' as const } : asked;
	return {
		plan: shown,
		charts,
		horizon,
		asked,
		seasonProblem,
		query: seasonQuery(effective, plan.coop.id),
		// Only admins may switch between co-ops.
		coops: await coopChoicesFor(db, user)
	};
};

const coopField = (form: FormData) => askedCoop(String(form.get('koperasi') ?? ''));

export const actions: Actions = {
	pengaturan: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = {
			leadTimeWeeks: String(form.get('leadTimeWeeks') ?? ''),
			marketSharePct: String(form.get('marketSharePct') ?? ''),
			buyDaysBefore: String(form.get('buyDaysBefore') ?? '')
		};
		let saved;
		try {
			saved = await writeOrHttpError(async () => saveCoopSettingsFor(getDb(), user, coopField(form), values));
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
			saved = await writeOrHttpError(async () => saveBomFor(getDb(), user, coopField(form), productId, { materials, quantities, units }));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { form: 'bom' as const, productId, message: BUSY_MESSAGE, rows });
			throw e;
		}
		if (saved.ok) return { form: 'bom' as const, productId, saved: 'Daftar bahan disimpan.' };
		if (saved.notMember) return fail(404, { form: 'bom' as const, productId, message: saved.message });
		return fail(422, { form: 'bom' as const, productId, message: saved.message, rows });
	},
	// Each member product's capacity (units a week) and set share.
	anggota: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = { productIds: form.getAll('productId').map(String), capacities: form.getAll('capacity').map(String), shares: form.getAll('share').map(String) };
		let saved;
		try {
			saved = await writeOrHttpError(async () => saveMemberSettingsFor(getDb(), user, coopField(form), values));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { form: 'anggota' as const, message: BUSY_MESSAGE, values });
			throw e;
		}
		if (!saved.ok) return fail(422, { form: 'anggota' as const, message: saved.message, values });
		return { form: 'anggota' as const, saved: 'Kapasitas dan bagian anggota disimpan.' };
	},
	// How the co-op buys each material (karung of 50 kg).
	beli: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = {
			materials: form.getAll('material').map(String),
			units: form.getAll('unit').map(String),
			purchaseUnits: form.getAll('purchaseUnit').map(String),
			sizes: form.getAll('purchaseSize').map(String)
		};
		let saved;
		try {
			saved = await writeOrHttpError(async () => savePurchaseUnitsFor(getDb(), user, coopField(form), values));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { form: 'beli' as const, message: BUSY_MESSAGE, values });
			throw e;
		}
		if (!saved.ok) return fail(422, { form: 'beli' as const, message: saved.message, values });
		return { form: 'beli' as const, saved: 'Cara beli bahan disimpan.' };
	},
	// The plan as shown now, kept to hold against the recorded sales once the season is over.
	simpan: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const db = getDb();
		const asked = seasonFromUrl(new URL(`http://x/?${new URLSearchParams({ musim: String(form.get('musim') ?? ''), mulai: String(form.get('mulai') ?? ''), sampai: String(form.get('sampai') ?? '') })}`));
		let result;
		try {
			const plan = await orHttpError(async () => coopPlanFor(db, user, { cooperativeId: coopField(form), season: asked.ask }));
			result = plan.preparing
				? null
				: await writeOrHttpError(async () =>
						saveSeasonPlanFor(db, user, plan.coop.id, {
							seasonKey: plan.season.id,
							seasonName: plan.season.name,
							sellStart: plan.season.start,
							sellEnd: plan.season.end,
							lines: plan.lines.map((l) => ({ productId: l.productId, name: l.name, producerName: l.producerName, expected: l.plan.wanted, planned: l.plan.units }))
						})
					);
		} catch (e) {
			if (e instanceof InvalidInputError) return fail(422, { form: 'simpan' as const, message: e.message });
			if (busyAnswer(e)) return fail(503, { form: 'simpan' as const, message: BUSY_MESSAGE });
			throw e;
		}
		if (!result) return fail(409, { form: 'simpan' as const, message: 'Perkiraan masih disiapkan. Simpan lagi sebentar.' });
		return { form: 'simpan' as const, saved: 'Rencana disimpan. Sesudah musim lewat, halaman ini membandingkannya dengan penjualan.' };
	}
};
