// "Terjual" counters as marketplaces display them. Tokopedia and Shopee round large counts
// into buckets ("2 rb+", "750+", "1RB+ Terjual/ Bulan"): the true count is at least the
// number shown, so we keep that as a lower bound instead of pretending it is exact.
// Lazada's "113K" and Tokopedia's "54,6 rb" are rounded figures without "+"; they are read as
// the number shown, not flagged as lower bounds.
import { parseIdNumber } from './money';

export interface SoldCount {
	count: number;
	/** The display was bucketed with "+": at least `count` were sold. */
	lowerBound: boolean;
	/** The count covers one month ("/ Bulan"), not the listing's lifetime. */
	perMonth: boolean;
}

const MULTIPLIERS: Record<string, number> = {
	k: 1e3,
	rb: 1e3,
	ribu: 1e3,
	jt: 1e6,
	juta: 1e6,
	m: 1e6
};

const PER_MONTH_RE = /\/\s*(?:bulan|bln|month)\b|\bper\s*(?:bulan|bln|month)\b|\bsebulan\b/;
// Words around the number that carry no count: "Terjual", "sold", "(168 rating)", "ulasan".
const NOISE_RE = /\b(?:terjual|sold|rating|ratings|ulasan|penilaian|reviews?|barang|produk)\b|[()]/g;
const COUNT_RE = /^(\d[\d.,]*)\s*(ribu|rb|k|juta|jt|m)?\s*(\+)?$/;

/** Parses a sold display string or number; null for empty or unreadable text. Never throws. */
export function parseSoldCount(text: string | number | null | undefined): SoldCount | null {
	try {
		if (typeof text === 'number') {
			if (!Number.isFinite(text) || text < 0) return null;
			return { count: Math.round(text), lowerBound: false, perMonth: false };
		}
		if (typeof text !== 'string') return null;
		let s = text.toLowerCase().replace(/[\u00a0\u202f]/g, ' ').trim();
		if (!s) return null;
		const perMonth = PER_MONTH_RE.test(s);
		s = s
			.replace(PER_MONTH_RE, ' ')
			.replace(NOISE_RE, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			// "Terjual 2 rb +" and "2rb+" mean the same thing.
			.replace(/\s+\+$/, '+');
		const m = COUNT_RE.exec(s);
		if (!m) return null;
		const suffix = m[2];
		const n = parseIdNumber(m[1], suffix !== undefined);
		if (n === null) return null;
		const count = Math.round(n * (suffix ? MULTIPLIERS[suffix] : 1));
		if (!Number.isSafeInteger(count)) return null;
		return { count, lowerBound: m[3] === '+', perMonth };
	} catch {
		return null;
	}
}

const scaled = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 6 });
const whole = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/**
 * Indonesian display that parseSoldCount reads back to the same value:
 * "2 rb+ terjual", "1,5 rb+ terjual", "1,2 jt+ terjual", "565 terjual/bulan", "6.227 terjual".
 * Bucketed counts of a thousand or more use "rb" the way marketplaces do; exact counts keep
 * every digit so nothing is lost.
 */
export function formatSoldCount(s: SoldCount): string {
	const count = Math.max(0, Math.round(s.count));
	let number: string;
	// The scaled number stays under 1000, so it never needs a grouping dot that the parser
	// would read as a decimal mark after "rb"/"jt" ("1.200 rb" is ambiguous; "1,2 jt" is not).
	if (s.lowerBound && count >= 1e6 && count < 1e9) {
		number = `${scaled.format(count / 1e6)} jt`;
	} else if (s.lowerBound && count >= 1000 && count < 1e6) {
		number = `${scaled.format(count / 1000)} rb`;
	} else {
		number = whole.format(count);
	}
	return `${number}${s.lowerBound ? '+' : ''} terjual${s.perMonth ? '/bulan' : ''}`;
}

/** The true count behind a displayed counter: at least `low`, at most `high` (both inclusive). */
export interface SoldRange {
	low: number;
	high: number;
}

// Tokopedia's ladder below 1.000: "100+", "250+", "500+", "750+", then "1 rb+".
const TOKOPEDIA_MARKS = [100, 250, 500, 750, 1000];
const FINE_LADDER = new Set(['shopee', 'tiktok']);

/** Place value of the last non-zero digit: 1200 → 100, 30 → 10, 10000 → 10000, 7 → 1. */
function lastDigitStep(n: number): number {
	let step = 1;
	while (n >= step * 10 && n % (step * 10) === 0) step *= 10;
	return step;
}

/**
 * Where the next bucket starts after a bucketed "N+" display, from the marketplace's ladder:
 * - Tokopedia: "30+" … "90+" in tens, "100+" → "250+" → "500+" → "750+" → "1 rb+", then
 *   thousands up to "9 rb+". Above that the ladder is not known to us (files show "10 rb+" and
 *   "50 rb+"), so the display's own precision is used: "10 rb+" means 10.000–19.999.
 * - Shopee and TikTok print one decimal of "RB" ("1,2RB" = 1.200–1.299), whole "RB" from
 *   100 RB and one decimal of "JT" from a million.
 * - Another or unknown marketplace: Tokopedia's marks where the value sits on them (no other
 *   marketplace is known to print "250+"), else the display's own precision.
 */
function nextBucket(count: number, marketplaceId: string | null | undefined): number {
	if (FINE_LADDER.has(marketplaceId ?? '') && count >= 1000) {
		return count + (count < 100_000 ? 100 : count < 1_000_000 ? 1000 : 100_000);
	}
	const mark = TOKOPEDIA_MARKS.indexOf(count);
	if (mark >= 0 && mark < TOKOPEDIA_MARKS.length - 1) return TOKOPEDIA_MARKS[mark + 1];
	if (count < 100 && count % 10 === 0) return count + 10;
	if (count >= 1000 && count < 10_000 && count % 1000 === 0) return count + 1000;
	return count + lastDigitStep(count);
}

/**
 * The range of true counts a stored counter stands for. Exact counters are exact; a bucketed
 * one ("250+") is at least the number shown and less than the next bucket ("500+"). Used to
 * turn counter snapshots into sales intervals (demand.ts); never throws.
 */
export function soldRange(count: number, lowerBound: boolean, marketplaceId?: string | null): SoldRange {
	const low = Math.max(0, Math.round(Number.isFinite(count) ? count : 0));
	if (!lowerBound || low === 0) return { low, high: low };
	return { low, high: nextBucket(low, marketplaceId) - 1 };
}
