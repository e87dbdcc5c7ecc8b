import { error, fail } from '@sveltejs/kit';
import { buildForecastChart } from '$lib/charts/options/forecast';
import { renderChart } from '$lib/server/charts';
import { getDb, type Db } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, writeOrHttpError } from '$lib/server/auth/guard';
import { parseBomRows, saveBom } from '$lib/server/services/bom';
import { coopPlan, listCoops, mayViewCoop, parseSettings, saveCoopSettings, type PlanViewer } from '$lib/server/services/plan';
import type { Actions, PageServerLoad } from './$types';

const NOT_YOURS = 'Anda hanya bisa melihat rencana koperasi Anda sendiri.';

/**
 * Which co-op this request is about. A co-op account: its own (asking for another is 403).
 * Admin, or no sign-in layer: the one asked for, else the first.
 */
function resolveCoop(db: Db, viewer: PlanViewer | null, asked: string | null): number {
	const askedId = asked && /^\d{1,9}$/.test(asked) ? Number(asked) : null;
	if (viewer?.role === 'koperasi') {
		if (viewer.cooperativeId === null) error(403, 'Akun ini belum terhubung ke koperasi.');
		if (askedId !== null && askedId !== viewer.cooperativeId) error(403, NOT_YOURS);
		return viewer.cooperativeId;
	}
	const coops = listCoops(db);
	if (coops.length === 0) error(404, 'Belum ada koperasi.');
	const id = askedId ?? coops[0].id;
	if (!coops.some((c) => c.id === id)) error(404, 'Koperasi ini tidak ada.');
	if (!mayViewCoop(viewer, id)) error(403, NOT_YOURS);
	return id;
}

const viewerOf = (locals: App.Locals): PlanViewer | null => locals.user ?? null;

export const load: PageServerLoad = ({ url, locals, setHeaders }) => {
	const t0 = performance.now();
	const db = getDb();
	const viewer = viewerOf(locals);
	const coopId = resolveCoop(db, viewer, url.searchParams.get('koperasi'));
	const weeks = Number(url.searchParams.get('minggu'));
	const horizon = Number.isInteger(weeks) && weeks >= 4 && weeks <= 12 ? weeks : 8;
	const plan = coopPlan(db, coopId, { horizon })!;
	const charts = plan.categories.map((c) =>
		renderChart(buildForecastChart({ name: c.name, history: c.forecast.history, points: c.forecast.points }))
	);
	// The time goes in a header, not the page: a page that differs on every request can never
	// be answered with "not modified" (hooks.server.ts, ETag).
	setHeaders({ 'server-timing': `plan;dur=${Math.round(performance.now() - t0)}` });
	const { ms: _ms, ...planData } = plan;
	return {
		plan: planData,
		charts,
		horizon,
		// Only admins (or everyone before sign-in exists) may switch between co-ops.
		coops: viewer?.role === 'koperasi' ? [] : listCoops(db)
	};
};

export const actions: Actions = {
	pengaturan: async ({ request, locals }) => {
		const db = getDb();
		const form = await request.formData();
		const coopId = resolveCoop(db, viewerOf(locals), String(form.get('koperasi') ?? ''));
		const values = {
			leadTimeWeeks: String(form.get('leadTimeWeeks') ?? ''),
			marketSharePct: String(form.get('marketSharePct') ?? ''),
			runWeeks: String(form.get('runWeeks') ?? ''),
			buyDaysBefore: String(form.get('buyDaysBefore') ?? '')
		};
		const parsed = parseSettings(values);
		if (!parsed.ok) return fail(422, { form: 'pengaturan' as const, message: parsed.message, values });
		try {
			await writeOrHttpError(() => saveCoopSettings(db, coopId, parsed.settings));
		} catch (e) {
			if (busyAnswer(e)) return fail(503, { form: 'pengaturan' as const, message: BUSY_MESSAGE, values });
			throw e;
		}
		return { form: 'pengaturan' as const, saved: 'Pengaturan disimpan. Rencana sudah dihitung ulang.' };
	},
	bom: async ({ request, locals }) => {
		const db = getDb();
		const form = await request.formData();
		const coopId = resolveCoop(db, viewerOf(locals), String(form.get('koperasi') ?? ''));
		const productId = Number(form.get('productId'));
		const member = db.$client
			.prepare(
				`select 1 from products p join memberships m on m.producer_id = p.producer_id where p.id = ? and m.cooperative_id = ?`
			)
			.get(productId, coopId);
		if (!Number.isInteger(productId) || !member) return fail(404, { form: 'bom' as const, productId, message: 'Produk ini bukan milik anggota koperasi.' });
		const materials = form.getAll('material').map(String);
		const quantities = form.getAll('quantity').map(String);
		const units = form.getAll('unit').map(String);
		const parsed = parseBomRows(materials, quantities, units);
		if (!parsed.ok) {
			return fail(422, {
				form: 'bom' as const,
				productId,
				message: parsed.message,
				rows: materials.map((material, i) => ({ material, quantity: quantities[i] ?? '', unit: units[i] ?? '' }))
			});
		}
		try {
			await writeOrHttpError(() => saveBom(db, productId, parsed.rows));
		} catch (e) {
			if (!busyAnswer(e)) throw e;
			return fail(503, {
				form: 'bom' as const,
				productId,
				message: BUSY_MESSAGE,
				rows: materials.map((material, i) => ({ material, quantity: quantities[i] ?? '', unit: units[i] ?? '' }))
			});
		}
		return { form: 'bom' as const, productId, saved: 'Daftar bahan disimpan.' };
	}
};
