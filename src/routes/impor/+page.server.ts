import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { PAGE_ROUTES } from '$lib/server/auth/rules';
import { importUpload } from '$lib/server/write/imports';
import { listBatches, shapeChoices } from '$lib/server/read/imports';
import { formatBytes, forTheForm, readUploadForm, uploadLimitBytes } from '$lib/server/write/imports-upload';
import { dropUpload, keepUpload } from '$lib/server/write/imports-preview';
import { FIELD_CHOICES, previewImport } from '$lib/server/ingest/preview';
import type { Actions, PageServerLoad } from './$types';

// The route rule (admin only) is applied by hooks.server.ts; requireUser repeats the sign-in check.
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const limit = uploadLimitBytes();
	return {
		batches: await listBatches(getDb(), { limit: 30 }),
		shapes: shapeChoices(),
		limitBytes: Number.isFinite(limit) ? limit : null,
		limitText: formatBytes(limit),
		// The date field's default: visible and required, for the user to correct.
		today: new Date().toISOString().slice(0, 10),
		fields: FIELD_CHOICES,
		// The feeds page (/impor/sumber) is another issue's: linked once it exists in this build.
		hasSources: PAGE_ROUTES.has('/impor/sumber')
	};
};

export const actions: Actions = {
	// Without JavaScript: a plain multipart post; the summary comes back with the page.
	// (Named, not `default`: SvelteKit allows no default beside the named preview action.)
	impor: async (event) => {
		requireUser(event);
		const upload = await readUploadForm(event.request);
		if (!upload.ok) return fail(upload.status, { message: upload.message });
		const { fileName, bytes, companions, options, keptToken } = upload.form;
		const summary = await importUpload(getDb(), { fileName, bytes, companions }, options);
		if (keptToken && summary.status === 'done') dropUpload(keptToken);
		// Nothing loaded: the message, and the summary when there were rows (their rejections can be downloaded).
		summary.message = forTheForm(summary.message);
		if (summary.status === 'failed') return fail(422, { message: summary.message, summary: summary.rows > 0 ? summary : null });
		return { summary };
	},
	// "Lihat dulu": the first rows as the import would read them, nothing written to the
	// database. The upload is kept for an hour so "Impor" loads exactly this file.
	pratinjau: async (event) => {
		requireUser(event);
		const upload = await readUploadForm(event.request);
		if (!upload.ok) return fail(upload.status, { message: upload.message });
		const { fileName, bytes, companions, options, keptToken } = upload.form;
		const preview = await previewImport({ fileName, bytes }, { source: options.source, map: options.map, observedAt: options.observedAt });
		if (preview.problem) preview.problem = forTheForm(preview.problem);
		const token = keptToken ?? keepUpload([{ fileName, bytes }, ...companions]);
		return { preview, token, tanggal: options.observedAt ?? '', bentuk: preview.shape?.id ?? options.source ?? 'auto' };
	}
};
