// The product dashboard as the service returns it (tRPC `product.dashboard`) and the page shows it.
// Shared by server and browser code, so it holds types only.
import type { RenderedChart } from '$lib/charts/types';

/** One Saran (analysis/advice.ts): the same list on the dashboard, explain view, WhatsApp, print and tRPC. */
export interface Suggestion {
	/** harga, stok, keluhan, data (old data: ask for new), umum (general advice). */
	kind: 'harga' | 'stok' | 'keluhan' | 'data' | 'umum';
	title: string;
	why: string;
	/** The figures behind it: for price advice the per-unit prices (per kg, liter or buah). */
	basis?: string;
}

export interface ThemeLine {
	aspect: string;
	label: string;
	count: number;
	share: number;
	quote: string;
}

export interface ProductDashboard {
	product: {
		id: number;
		name: string;
		producerName: string;
		villageName: string | null;
		regencyName: string | null;
		categoryId: number;
		categoryName: string;
		price: number;
		packQuantity: number;
		unit: 'g' | 'ml' | 'pcs';
		isDemo: boolean;
	};
	/**
	 * Set while the product's market summary is still being built by the background writer: every
	 * card then says so (dataNote, headlines) and shows no numbers. Absent on a built dashboard.
	 */
	preparing?: true;
	/** Newest observation among the compared listings (YYYY-MM-DD), and whether it is over 4 weeks old. */
	dataUntil: string | null;
	stale: boolean;
	/** "Data per 26 April 2025." (+ "Data sudah lama, lebih dari 4 minggu." when stale): every surface says it. */
	dataNote: string;
	/** The producer's pack as advice speaks of it: "bungkus (3 × 250 gram)", "buah". */
	pack: string;
	price: {
		enough: boolean;
		headline: string[];
		ownUnitPrice: number;
		per: string;
		compared: number;
		removed: number;
		/** Listings of the same kind not compared, per reason (price outliers included), for the card and its list. */
		leftOut?: { reason: 'no-size' | 'conflict' | 'other-unit' | 'removed' | 'outlier'; count: number; label: string }[];
		marketplaces: string[];
		position: { band: 'lebih-murah' | 'sekitar' | 'lebih-mahal'; outOf10: number; cheaperCount: number; pricierCount: number } | null;
		middle: number | null;
		range: { low: number; high: number } | null;
		mostBought: number | null;
		basis: string;
		unitPrices: number[];
		history: { month: string; middle: number; n: number }[];
	};
	demand: {
		/** THE demand call (analysis/demand-call.ts): every surface shows this and its headline. */
		direction: 'naik' | 'turun' | 'stabil' | null;
		headline: string[];
		/** 4-over-4-week change, only when the direction is naik or turun. */
		change: number | null;
		recent: number;
		previous: number;
		/** Whether any week is covered by two snapshots (false: a sold-so-far only, no bars). */
		history: boolean;
		/** The compared listings' latest counters added up. */
		soldSoFar: { count: number; lowerBound: boolean; listings: number } | null;
		/** Up to 26 weeks ending at the last observed one; `observed: false` weeks have no bar. */
		weeks: { weekStart: string; units: number; low: number; high: number; observed: boolean; interpolated: boolean; bucketed: boolean }[];
		category: { weekStart: string; units: number; observed: boolean }[];
		/** The category's call, the same as /tren shows. */
		categoryDirection: 'naik' | 'turun' | 'stabil' | null;
		categorySentence: string;
		nextPeak: { name: string; date: string; weeksAway: number; leadWeeks: number; sentence: string } | null;
		interpolatedWeeks: number;
		basis: string;
	};
	reviews: {
		headline: string[];
		/** the larger of ratings and texts: 0 means nothing at all to show */
		n: number;
		/** star ratings behind the average and the bars (also those without a text) */
		ratings: number;
		/** reviews with a text that were read */
		texts: number;
		/** of those, reviews with no opinion ("tidak jelas"), left out of the themes */
		unclear: number;
		average: number | null;
		starCounts: number[];
		negativeShare: number | null;
		complaints: ThemeLine[];
		praises: ThemeLine[];
		basis: string;
	};
	advice: Suggestion[];
	/** What changed in the last 4 weeks (read/alerts.ts); empty when nothing did or the data is old. */
	alerts?: { kind: 'harga' | 'permintaan' | 'keluhan'; title: string; why: string }[];
}

export interface DashboardCharts {
	priceStrip: RenderedChart | null;
	priceHistory: RenderedChart | null;
	demand: RenderedChart | null;
	stars: RenderedChart | null;
}
