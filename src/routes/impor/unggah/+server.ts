// With JavaScript: the same upload, answered as a stream of JSON lines — progress while the
// rows are read, then the summary — so the page can show a live progress bar.
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { importUpload } from '$lib/server/write/imports';
import { forTheForm, readUploadForm } from '$lib/server/write/imports-upload';
import { dropUpload } from '$lib/server/write/imports-preview';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	requireUser(event);
	const upload = await readUploadForm(event.request);
	if (!upload.ok) return json({ type: 'error', message: upload.message }, { status: upload.status });
	const { fileName, bytes, companions, options } = upload.form;
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (obj: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
			try {
				const summary = await importUpload(getDb(), { fileName, bytes, companions }, {
					...options,
					onProgress: (p) => send({ type: 'progress', ...p })
				});
				summary.message = forTheForm(summary.message);
				if (upload.form.keptToken && summary.status === 'done') dropUpload(upload.form.keptToken);
				send({ type: 'summary', summary });
			} catch (e) {
				send({ type: 'error', message: `Impor gagal: ${(e as Error).message}` });
			}
			controller.close();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
};
