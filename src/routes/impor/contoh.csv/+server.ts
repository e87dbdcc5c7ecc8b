// A sample of the generic listing format (docs/import.md), offered on /impor before any upload:
// the columns the import understands, with rows written to show how prices and counters are read.
import { sampleListingsCsv } from '$lib/server/read/imports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(sampleListingsCsv(), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="contoh-impor.csv"' }
	});
