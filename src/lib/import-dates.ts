// What the /impor page and the importer share about an import's date (pure, browser-safe):
// the sources a batch's date can come from, their Indonesian names, and the date a file name
// suggests. The rules that choose the date live in $lib/server/ingest/observed-date.ts.

/** Where a batch's date came from; stored with the batch (import_batches.observed_source). */
export type DateSource = 'column' | 'search-id' | 'reviews' | 'shop-activity' | 'cli' | 'form' | 'feed';

/** How pages name each source, after "dari …". */
export const DATE_SOURCE_LABEL: Record<DateSource, string> = {
	column: 'kolom tanggal di berkas',
	'search-id': 'search_id di URL produk',
	reviews: 'tanggal ulasan terbaru di berkas',
	'shop-activity': 'waktu aktif terakhir toko (shops.csv)',
	cli: 'perintah impor (--observed-at)',
	form: 'tanggal yang diisi di formulir',
	// A feed's pull time: the export served at that moment is what the source showed then.
	feed: 'waktu sumber otomatis ditarik'
};

/** A real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A date written in a file name, offered for the user to confirm and never applied by itself:
 * "tokopedia_laptop_2023-02-09.csv" → day 2023-02-09; "shopee_skincare_2022-11.csv" → month
 * 2022-11 (no day); "scrape_20250426.csv" → 2025-04-26. Null when the name holds none.
 */
export function dateInFileName(fileName: string): { day: string | null; month: string } | null {
	const name = fileName.split(/[\\/]/).pop() ?? fileName;
	const day = /(?<!\d)(20\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/.exec(name);
	if (day) {
		const iso = `${day[1]}-${day[2]}-${day[3]}`;
		if (isDay(iso)) return { day: iso, month: iso.slice(0, 7) };
	}
	const month = /(?<!\d)(20\d{2})[-_](\d{2})(?!\d)/.exec(name);
	if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { day: null, month: `${month[1]}-${month[2]}` };
	return null;
}
