// Query values people (and scripts) put in addresses: checked and bounded before any service
// sees them. A value that cannot be right is a 400 with a plain message, never a 500 from a
// number SQLite cannot bind (`?hal=1e308`) and never a query for page 10^20.
import { error } from '@sveltejs/kit';

/** Pages of a list; the tRPC product.list bound is the same. */
export const MAX_PAGE = 10_000;

/** `?hal=` as a page number: missing or empty is 1; anything but a whole number 1…MAX_PAGE is a 400. */
export function pageParam(url: URL, name = 'hal'): number {
	const raw = url.searchParams.get(name);
	if (raw === null || raw.trim() === '') return 1;
	if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
		error(400, `Nomor halaman harus angka bulat 1 sampai ${MAX_PAGE.toLocaleString('id-ID')}.`);
	}
	return Number(raw);
}
