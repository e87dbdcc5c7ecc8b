// Seller locations → region codes (Kemendagri, from idn-area-data). Sources write a city or
// regency as "Kab. Bogor", "Kota Administrasi Jakarta Pusat", "Kota Jakarta Barat", "jakarta
// barat", "Jakarta Pusat" or just "Kediri"; regions.ts's regencyCandidates reads all of these. A
// province name ("DKI Jakarta", "Jawa Barat", "Jakarta") falls back to the province's code.
// Anything else is unknown: the listing keeps the text as raw_location and the batch reports it.
// The names come straight from the package (the same rows loadRegions puts in `regions`), so
// the importer's worker threads resolve locations without a database connection. Matching is
// case-insensitive for ASCII letters only, as SQLite's `collate nocase` was.
import { readProvincesAndRegencies, regencyCandidates } from '../db/regions';

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

/** ASCII letters folded, as `collate nocase` does; every other character as it is. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

let names: { regencies: Map<string, string>; provinces: Map<string, string> } | undefined;

function regionNames() {
	if (!names) {
		const regencies = new Map<string, string>();
		const provinces = new Map<string, string>();
		for (const r of readProvincesAndRegencies()) {
			const map = r.level === 'regency' ? regencies : provinces;
			const key = nocase(r.name);
			// `order by code limit 1`: the smallest code of a name wins.
			const seen = map.get(key);
			if (seen === undefined || r.code < seen) map.set(key, r.code);
		}
		names = { regencies, provinces };
	}
	return names;
}

/** The region code of a cleaned location text, or null. Pure. */
export function regionOf(cleaned: string): string | null {
	const { regencies, provinces } = regionNames();
	for (const c of regencyCandidates(cleaned)) {
		const code = regencies.get(nocase(c));
		if (code !== undefined) return code;
	}
	return provinces.get(nocase(PROVINCE_ALIASES[cleaned.toLowerCase()] ?? cleaned)) ?? null;
}

/** Per-batch cache of location lookups, and the tally of what stayed unknown. */
export class LocationResolver {
	private cache = new Map<string, string | null>();
	/** Text as written → its cleaned form, so a repeated spelling is not cleaned again. */
	private cleaned = new Map<string, string>();
	readonly unknown = new Map<string, number>();

	/** Region code of a regency/city (or a province), or null when unknown (then counted, unless `count` is false). */
	resolve(text: string | null | undefined, count = true): string | null {
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
			code = regionOf(t);
			if (this.cache.size < 100_000) this.cache.set(t, code);
		}
		if (code === null && count) this.unknown.set(t, (this.unknown.get(t) ?? 0) + 1);
		return code;
	}
}
