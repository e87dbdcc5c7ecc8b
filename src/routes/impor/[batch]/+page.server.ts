import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { idParam, requireUser } from '$lib/server/auth/guard';
import { getBatch, shapeChoices } from '$lib/server/read/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const batch = await getBatch(getDb(), idParam(event.params.batch), { rejections: 50 });
	if (!batch) error(404, 'Impor ini tidak ada. Mungkin alamatnya salah.');
	// The shape's name in words, never its id ("generic-listings"); a failed file that was never recognised says so.
	const sourceLabel = shapeChoices().find((s) => s.id === batch.source)?.label ?? 'tidak dikenali';
	return { batch, sourceLabel };
};
