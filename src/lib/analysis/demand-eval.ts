// The demand pipeline on a file of sold-counter snapshots, as `npm run eval:demand` runs it: the
// same steps as the app (sold.ts parses the display, demand.ts turns each listing's counters into
// weekly sales with their uncertainty, sumWeekly adds the listings up, demand-call.ts makes the
// call), and for every week the call the app would have made at the end of that week, from the
// snapshots it had by then (a call never sees the future). Pure: rows in, weeks and counts out.
import { demandCall, type DemandCall } from './demand-call';
import { addWeeks, sumWeekly, weekRange, weekStart, weeklyDemand, type SoldSnapshot, type WeekPoint } from './demand';
import { parseSoldCount } from './sold';

export interface CounterRow {
	listing: string;
	/** YYYY-MM-DD */
	date: string;
	/** As the marketplace printed it ("Terjual 1 rb+", "750+ terjual", "28") or a number. */
	sold: string | number;
	/** Picks the bucket ladder (sold.ts soldRange); absent: derived from the value shown. */
	marketplaceId?: string | null;
}

export interface EvaluatedWeek {
	weekStart: string;
	/** The week's total with every snapshot of the file (null: no listing covers the week). */
	total: WeekPoint | null;
	/** The call at the end of this week, from the snapshots up to then. */
	call: DemandCall;
}

export interface DemandEvaluation {
	listings: number;
	/** Listings with two or more snapshots on different days. */
	listingsWithHistory: number;
	rowsUsed: number;
	/** Rows left out, by reason. */
	skipped: { listing: number; date: number; sold: number; perMonth: number };
	weeks: EvaluatedWeek[];
	summary: { weeks: number; naik: number; turun: number; stabil: number; none: number };
}

interface Listing {
	marketplaceId: string | null;
	snapshots: SoldSnapshot[];
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** Sum of every listing's weekly demand over `weeks`, using only snapshots on or before `until`. */
function totals(listings: Listing[], weeks: string[], until: string | null): WeekPoint[] {
	const series: WeekPoint[][] = [];
	for (const l of listings) {
		const snaps = until === null ? l.snapshots : l.snapshots.filter((s) => s.observedAt <= until);
		if (snaps.length > 1) series.push(weeklyDemand(snaps, weeks, { marketplaceId: l.marketplaceId }));
	}
	const summed = new Map(sumWeekly(series).map((p) => [p.weekStart, p]));
	return weeks.map(
		(w) => summed.get(w) ?? { weekStart: w, units: 0, low: 0, high: 0, variance: 0, bucketed: false, interpolated: false, observed: false, listings: 0 }
	);
}

export function evaluateDemand(rows: CounterRow[]): DemandEvaluation {
	const skipped = { listing: 0, date: 0, sold: 0, perMonth: 0 };
	const byListing = new Map<string, Listing>();
	let rowsUsed = 0;
	for (const r of rows) {
		const key = String(r.listing ?? '').trim();
		if (!key) {
			skipped.listing++;
			continue;
		}
		if (!isDate(r.date)) {
			skipped.date++;
			continue;
		}
		const sold = parseSoldCount(r.sold);
		if (!sold) {
			skipped.sold++;
			continue;
		}
		// "565 terjual/bulan" counts one month, not the listing's lifetime: not a counter.
		if (sold.perMonth) {
			skipped.perMonth++;
			continue;
		}
		let listing = byListing.get(key);
		if (!listing) byListing.set(key, (listing = { marketplaceId: r.marketplaceId ?? null, snapshots: [] }));
		listing.snapshots.push({ observedAt: r.date, sold: sold.count, lowerBound: sold.lowerBound });
		rowsUsed++;
	}
	const listings = [...byListing.values()];
	for (const l of listings) l.snapshots.sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0));
	const days = listings.flatMap((l) => l.snapshots.map((s) => s.observedAt)).sort();
	const summary = { weeks: 0, naik: 0, turun: 0, stabil: 0, none: 0 };
	const base = { listings: listings.length, rowsUsed, skipped, listingsWithHistory: listings.filter((l) => new Set(l.snapshots.map((s) => s.observedAt)).size > 1).length };
	if (days.length === 0) return { ...base, weeks: [], summary };

	// Weeks a total can exist for: up to the last week that ended by the last snapshot. With one
	// snapshot date there is none, and the file's one week gets the honest "no history".
	const first = days[0];
	const last = days[days.length - 1];
	const lastComplete = weekStart(new Date(Date.parse(last) - 7 * 86_400_000).toISOString().slice(0, 10));
	const weeks = lastComplete >= weekStart(first) ? weekRange(first, lastComplete) : [weekStart(first)];
	const final = totals(listings, weeks, null);
	const out: EvaluatedWeek[] = weeks.map((w, i) => {
		// At the end of week w the snapshots taken up to its last day and the next Monday exist.
		const call = demandCall(totals(listings, weeks.slice(0, i + 1), addWeeks(w, 1)));
		const key = call.direction ?? 'none';
		summary[key]++;
		return { weekStart: w, total: final[i].observed === false ? null : final[i], call };
	});
	summary.weeks = out.length;
	return { ...base, weeks: out, summary };
}
