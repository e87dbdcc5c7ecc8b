import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { idParam, requireUser } from '$lib/server/auth/guard';
import { getBatch, rejectedRowsCsv } from '$lib/server/read/imports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireUser(event);
	const id = idParam(event.params.batch);
	if (!(await getBatch(getDb(), id, { rejections: 0 }))) error(404, 'Impor ini tidak ada. Mungkin alamatnya salah.');
	// A BOM so spreadsheet programs read the Indonesian text as UTF-8.
	return new Response(`\uFEFF${(await rejectedRowsCsv(getDb(), id))}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="impor-${id}-baris-ditolak.csv"`
		}
	});
};
