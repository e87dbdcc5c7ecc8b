// Rupiah parsing and display. Rupiah is always an integer: marketplaces show no sen, and
// integer arithmetic keeps sums and comparisons exact.
//
// Scraped price text comes in many notations, often several in one file:
// "Rp13.399.000", "Rp 25.000,00", "Rp14,9jt", "156.640", "469300.0", "25rb", "1.5 juta",
// and ranges "Rp6,54jt - Rp8,39jt". The parser below never throws: anything it cannot read
// with confidence is null, so callers count it as missing instead of guessing.

const MULTIPLIERS: Record<string, number> = {
	k: 1e3,
	rb: 1e3,
	ribu: 1e3,
	jt: 1e6,
	juta: 1e6,
	m: 1e9,
	miliar: 1e9,
	milyar: 1e9,
	t: 1e12,
	triliun: 1e12
};

// Longest words first so "ribu" is not read as "rb" plus junk.
const SUFFIX = '(ribu|rb|k|juta|jt|miliar|milyar|m|triliun|t)';
const AMOUNT_RE = new RegExp(`^(\\d[\\d.,]*)\\s*${SUFFIX}?$`);

// A range needs a separator with something on both sides; a lone "-" or "-5000" is not one.
const RANGE_RE = /^(.+?)\s*(?:[-–—~]|s\/d|sampai|hingga)\s*(.+)$/;

/**
 * Reads a number written the Indonesian way or the programmer's way.
 * - Both "." and "," present: the last one is the decimal mark ("25.000,00", "1,234.5").
 * - Several of the same mark: grouping ("13.399.000").
 * - One mark followed by exactly three digits: grouping ("156.640", "25,000") — unless
 *   `decimalFirst`, used after a multiplier word, where "1,500 jt" is 1.5 juta.
 * - Otherwise one mark is the decimal mark ("1,5", "469300.0").
 * Returns null when the text is not a plain non-negative number.
 */
export function parseIdNumber(text: string, decimalFirst = false): number | null {
	const s = text.trim();
	if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s) || /[.,]{2}/.test(s)) return null;
	const dots = (s.match(/\./g) ?? []).length;
	const commas = (s.match(/,/g) ?? []).length;
	let normal: string;
	if (dots > 0 && commas > 0) {
		const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
		const group = decimal === '.' ? ',' : '.';
		// The decimal mark may appear only once, after every grouping mark.
		if (s.split(decimal).length !== 2) return null;
		normal = s.split(group).join('').replace(decimal, '.');
	} else if (dots + commas === 0) {
		normal = s;
	} else if (dots + commas > 1) {
		// Grouping marks must split the number into groups of exactly three digits.
		const parts = s.split(dots > 0 ? '.' : ',');
		if (parts.slice(1).some((p) => p.length !== 3) || parts[0].length > 3) return null;
		normal = parts.join('');
	} else {
		const [head, tail] = s.split(/[.,]/);
		const grouping = !decimalFirst && tail.length === 3 && head.length <= 3 && head !== '0';
		normal = grouping ? head + tail : `${head}.${tail}`;
	}
	const n = Number(normal);
	return Number.isFinite(n) && n >= 0 ? n : null;
}

function normalise(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[\u00a0\u202f]/g, ' ')
			.trim()
			// "Rp25.000,-" and "Rp25.000.-" are common ways of saying "no sen".
			.replace(/[.,]-$/, '')
			.replace(/^(rp|idr)\.?\s*/, '')
			.trim()
	);
}

function parseSingle(text: string, rangeSuffix?: string): number | null {
	const s = normalise(text);
	const m = AMOUNT_RE.exec(s);
	if (!m) return null;
	const suffix = m[2] ?? rangeSuffix;
	const n = parseIdNumber(m[1], suffix !== undefined);
	if (n === null) return null;
	const value = Math.round(n * (suffix ? MULTIPLIERS[suffix] : 1));
	return Number.isSafeInteger(value) ? value : null;
}

function suffixOf(text: string): string | undefined {
	return AMOUNT_RE.exec(normalise(text))?.[2];
}

/**
 * A price range "Rp6,54jt - Rp8,39jt" as { min, max }; a single price gives min = max.
 * "1,5 - 2 jt" borrows the multiplier of the right side for a bare small left number.
 */
export function parsePriceRange(
	text: string | number | null | undefined
): { min: number; max: number } | null {
	if (typeof text === 'number') {
		const v = parseRupiah(text);
		return v === null ? null : { min: v, max: v };
	}
	if (typeof text !== 'string') return null;
	const single = parseSingle(text);
	if (single !== null) return { min: single, max: single };
	const m = RANGE_RE.exec(normalise(text));
	if (!m) return null;
	const right = parseSingle(m[2]);
	if (right === null) return null;
	let left = parseSingle(m[1]);
	const rightSuffix = suffixOf(m[2]);
	if (left !== null && rightSuffix && !suffixOf(m[1]) && left < 1000) {
		left = parseSingle(m[1], rightSuffix);
	}
	if (left === null) return null;
	return { min: Math.min(left, right), max: Math.max(left, right) };
}

/**
 * Integer Rupiah from any price notation seen in the listing sets, or null.
 * A range gives its lower end (what a buyer pays at least). Negative values are null.
 * "0" parses to 0; several sources use 0 for "no discount price", and callers treat 0 as missing.
 */
export function parseRupiah(text: string | number | null | undefined): number | null {
	try {
		if (typeof text === 'number') {
			if (!Number.isFinite(text) || text < 0) return null;
			const v = Math.round(text);
			return Number.isSafeInteger(v) ? v : null;
		}
		if (typeof text !== 'string') return null;
		return parsePriceRange(text)?.min ?? null;
	} catch {
		// The regexes above cannot throw, but a price cell must never take a page down.
		return null;
	}
}
