import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { idParam, requireUser } from '$lib/server/auth/guard';
import { getBatch } from '$lib/server/read/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const batch = getBatch(getDb(), idParam(event.params.batch), { rejections: 50 });
	if (!batch) error(404, 'Batch impor ini tidak ada.');
	return { batch };
};
