// Seller locations → region codes (Kemendagri, from idn-area-data). Sources write a city or
// regency as "Kab. Bogor", "Kota Administrasi Jakarta Pusat", "Kota Jakarta Barat", "jakarta
// barat", "Jakarta Pusat" or just "Kediri"; regions.ts's findRegency reads all of these. A
// province name ("DKI Jakarta", "Jawa Barat", "Jakarta") falls back to the province's code.
// Anything else is unknown: the listing keeps the text as raw_location and the batch reports it.
import type { Db } from '../db';
import { findRegency } from '../db/regions';

const PROVINCE_ALIASES: Record<string, string> = {
	jakarta: 'Daerah Khusus Ibukota Jakarta',
	'dki jakarta': 'Daerah Khusus Ibukota Jakarta',
	'dki': 'Daerah Khusus Ibukota Jakarta',
	jogja: 'Daerah Istimewa Yogyakarta',
	jogjakarta: 'Daerah Istimewa Yogyakarta',
	'di yogyakarta': 'Daerah Istimewa Yogyakarta',
	'diy': 'Daerah Istimewa Yogyakarta'
};

export function cleanLocation(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.replace(/,?\s*(indonesia|id)$/i, '')
		.trim();
}

export class LocationResolver {
	private cache = new Map<string, string | null>();
	/** Text as written → its cleaned form, so a repeated spelling is not cleaned again. */
	private cleaned = new Map<string, string>();
	readonly unknown = new Map<string, number>();
	private province: (name: string) => string | undefined;

	constructor(private db: Db) {
		const stmt = db.$client.prepare("select code from regions where level = 'province' and name = ? collate nocase").pluck();
		this.province = (name) => stmt.get(name) as string | undefined;
	}

	/** Region code of a regency/city (or a province), or null when unknown (then reported). */
	resolve(text: string | null | undefined): string | null {
		if (!text) return null;
		let t = this.cleaned.get(text);
		if (t === undefined) {
			t = cleanLocation(text);
			if (this.cleaned.size >= 100_000) this.cleaned.clear();
			this.cleaned.set(text, t);
		}
		if (!t) return null;
		let code = this.cache.get(t);
		if (code === undefined) {
			code = findRegency(this.db, t) ?? this.province(PROVINCE_ALIASES[t.toLowerCase()] ?? t) ?? null;
			if (this.cache.size < 100_000) this.cache.set(t, code);
		}
		if (code === null) this.unknown.set(t, (this.unknown.get(t) ?? 0) + 1);
		return code;
	}
}
