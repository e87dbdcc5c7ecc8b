import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { importUpload } from '$lib/server/write/imports';
import { listBatches, shapeChoices } from '$lib/server/read/imports';
import { formatBytes, readUploadForm, uploadLimitBytes } from '$lib/server/write/imports-upload';
import type { Actions, PageServerLoad } from './$types';

// The route rule (admin only) is applied by hooks.server.ts; requireUser repeats the sign-in check.
export const load: PageServerLoad = (event) => {
	requireUser(event);
	const limit = uploadLimitBytes();
	return {
		batches: listBatches(getDb(), { limit: 30 }),
		shapes: shapeChoices(),
		limitBytes: Number.isFinite(limit) ? limit : null,
		limitText: formatBytes(limit),
		// The date field's default: visible and required, for the user to correct.
		today: new Date().toISOString().slice(0, 10)
	};
};

export const actions: Actions = {
	// Without JavaScript: a plain multipart post; the summary comes back with the page.
	default: async (event) => {
		requireUser(event);
		const upload = await readUploadForm(event.request);
		if (!upload.ok) return fail(upload.status, { message: upload.message });
		const { fileName, bytes, companions, options } = upload.form;
		const summary = await importUpload(getDb(), { fileName, bytes, companions }, options);
		// Nothing loaded: the message, and the summary when there were rows (their rejections can be downloaded).
		if (summary.status === 'failed') return fail(422, { message: summary.message, summary: summary.rows > 0 ? summary : null });
		return { summary };
	}
};
