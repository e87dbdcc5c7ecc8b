// Display formatting shared by pages, cards and the plain-language sentences: Indonesian
// (id-ID) numbers, Rupiah, percentages, dates and "8 dari 10". Pure; dates are calendar days
// read and shown in UTC so the server render and the browser agree. A leaf: it imports nothing
// of the app (analysis/ formats with it; reading prices is analysis/money.ts).

const numberFormats = new Map<number, Intl.NumberFormat>();

/** "1.234", "4,6". `maxFractionDigits` defaults to 2 and trailing zeros are dropped. */
export function formatNumber(n: number, maxFractionDigits = 2): string {
	if (!Number.isFinite(n)) return '–';
	let f = numberFormats.get(maxFractionDigits);
	if (!f) {
		f = new Intl.NumberFormat('id-ID', { maximumFractionDigits: maxFractionDigits });
		numberFormats.set(maxFractionDigits, f);
	}
	// Avoid "-0" for tiny negatives that round to zero.
	const out = f.format(n);
	return out === '-0' ? '0' : out;
}

/** A fraction as a whole percentage: 0.18 → "18%", -0.07 → "-7%". */
export function formatPercent(fraction: number): string {
	if (!Number.isFinite(fraction)) return '–';
	return `${formatNumber(Math.round(fraction * 100), 0)}%`;
}

/** "8 dari 10" from a share between 0 and 1 (clamped). */
export function outOf10(fraction: number): string {
	const n = Number.isFinite(fraction) ? Math.min(10, Math.max(0, Math.round(fraction * 10))) : 0;
	return `${n} dari 10`;
}

function toUtcDate(iso: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	if (!m) return null;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	if (d.getUTCMonth() !== Number(m[2]) - 1) return null;
	return d;
}

const longMonth = new Intl.DateTimeFormat('id-ID', { month: 'long', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('id-ID', { month: 'short', timeZone: 'UTC' });

interface DayParts {
	day: number;
	month: number;
	year: number;
	long: string;
	short: string;
}

function parts(iso: string): DayParts | null {
	const d = toUtcDate(iso);
	if (!d) return null;
	return {
		day: d.getUTCDate(),
		month: d.getUTCMonth(),
		year: d.getUTCFullYear(),
		long: longMonth.format(d),
		// Some ICU versions end short months with a dot ("Agu."); marketplaces write "Agu".
		short: shortMonth.format(d).replace(/\.$/, '')
	};
}

/** "20 Maret 2026". Returns the input unchanged when it is not a YYYY-MM-DD date. */
export function formatDate(iso: string): string {
	const p = parts(iso);
	return p ? `${p.day} ${p.long} ${p.year}` : iso;
}

/** "20 Maret" — the day and month only, for sentences that already say which year. */
export function formatDayMonth(iso: string): string {
	const p = parts(iso);
	return p ? `${p.day} ${p.long}` : iso;
}

/** "20 Mar". */
export function formatDateShort(iso: string): string {
	const p = parts(iso);
	return p ? `${p.day} ${p.short}` : iso;
}

/**
 * "2–28 November 2026" within one month, "28 Okt–25 Nov 2026" within one year,
 * "28 Des 2025–4 Jan 2026" across years, "20 Maret 2026" for one day.
 */
export function formatDateRange(fromIso: string, toIso: string): string {
	const a = parts(fromIso);
	const b = parts(toIso);
	if (!a || !b) return `${formatDate(fromIso)}–${formatDate(toIso)}`;
	if (a.year === b.year && a.month === b.month) {
		return a.day === b.day ? formatDate(fromIso) : `${a.day}–${b.day} ${b.long} ${b.year}`;
	}
	if (a.year === b.year) return `${a.day} ${a.short}–${b.day} ${b.short} ${b.year}`;
	return `${a.day} ${a.short} ${a.year}–${b.day} ${b.short} ${b.year}`;
}

const groupFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const shortFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/**
 * "Rp25.000". Intl's id-ID currency style writes "Rp 25.000" with a no-break space, which
 * marketplaces never show, so we group the number and prefix "Rp" ourselves.
 */
export function formatRupiah(n: number): string {
	if (!Number.isFinite(n)) return 'Rp–';
	const v = Math.round(n);
	const body = groupFormat.format(Math.abs(v));
	return v < 0 ? `-Rp${body}` : `Rp${body}`;
}

const SCALES: [number, string][] = [
	[1e12, 'triliun'],
	[1e9, 'miliar'],
	[1e6, 'juta']
];

/** "Rp1,5 juta", "Rp2,3 miliar"; below one juta the same as formatRupiah. One decimal at most. */
export function formatRupiahShort(n: number): string {
	if (!Number.isFinite(n)) return 'Rp–';
	const v = Math.round(n);
	const abs = Math.abs(v);
	const sign = v < 0 ? '-' : '';
	for (let i = 0; i < SCALES.length; i++) {
		const [size, word] = SCALES[i];
		if (abs < size) continue;
		const scaled = Math.round((abs / size) * 10) / 10;
		// 999.960.000 rounds to "1.000 juta"; say "1 miliar" instead.
		if (scaled >= 1000 && i > 0) {
			const [upSize, upWord] = SCALES[i - 1];
			return `${sign}Rp${shortFormat.format(Math.round((abs / upSize) * 10) / 10)} ${upWord}`;
		}
		return `${sign}Rp${shortFormat.format(scaled)} ${word}`;
	}
	return formatRupiah(v);
}
