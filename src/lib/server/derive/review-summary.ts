// "Kata pembeli" for a set of listings: star counts and complaint/praise themes, read from the
// analysis stored per review (review_aspects) — text is never re-analysed on request.
// Stars come from two places: the reviews we hold (one star each) and the listing's own star
// bars or average as the marketplace shows them (listings.star_counts, rating, review_count),
// which count every rating, also those without a text. Per listing the larger of the two is used,
// never both, so no rating is counted twice.
import { summarizeThemes, type ThemeInput } from '$lib/analysis/reviews';
import type { ProductDashboard, ThemeLine } from '$lib/dashboard-types';
import { formatNumber } from '$lib/format';
import { ratingSentence } from '$lib/analysis/narrate';
import type { Db } from '../db';
import { analysedReviews, listingStars, reviewAspectRows, reviewStarCounts } from '../db/queries/derive/review-summary';

/** The card's first sentence: the stars when there are any, else how many texts, else nothing yet. */
export function reviewHeadline(r: Pick<ReviewSummary, 'ratings' | 'texts' | 'average'>): string {
	if (r.ratings > 0 && r.average !== null) return ratingSentence(r.average, r.ratings);
	if (r.texts > 0) return `${formatNumber(r.texts)} ulasan dari produk serupa, tanpa bintang.`;
	return 'Belum ada ulasan untuk produk serupa.';
}

/** The "Kata pembeli" card without its headline sentence (the dashboard writes that). */
export type ReviewSummary = Omit<ProductDashboard['reviews'], 'headline'>;

const MAX_THEMES = 3;

interface ListingStars {
	id: number;
	rating: number | null;
	reviewCount: number | null;
	starCounts: string | null;
}

/** Star counts and average over the listings, each listing counted once (see the file comment). */
async function starsOf(db: Db, listingIds: number[]) {
	const stored = await reviewStarCounts(db, listingIds);
	const byListing = new Map<number, number[]>();
	for (const s of stored) {
		if (s.stars === null) continue; // not asked for (stars between 1 and 5): only narrows the type
		let bars = byListing.get(s.listingId);
		if (!bars) byListing.set(s.listingId, (bars = [0, 0, 0, 0, 0]));
		bars[s.stars - 1] += s.n;
	}
	const listings: ListingStars[] = await listingStars(db, listingIds);
	const starCounts = [0, 0, 0, 0, 0];
	let sum = 0;
	let ratings = 0;
	for (const l of listings) {
		const own = byListing.get(l.id) ?? [0, 0, 0, 0, 0];
		const ownN = own.reduce((a, b) => a + b, 0);
		const shown = l.starCounts ? (JSON.parse(l.starCounts) as number[]) : null;
		const shownN = shown ? shown.reduce((a, b) => a + b, 0) : 0;
		let bars = own;
		if (shown && shownN > ownN) bars = shown;
		else if (ownN === 0 && l.rating !== null && l.rating > 0 && (l.reviewCount ?? 0) > 0) {
			// only an average and a count: it counts towards the average, not towards any bar
			sum += l.rating * l.reviewCount!;
			ratings += l.reviewCount!;
			continue;
		}
		for (let i = 0; i < 5; i++) {
			starCounts[i] += bars[i];
			sum += bars[i] * (i + 1);
			ratings += bars[i];
		}
	}
	return { starCounts, ratings, average: ratings ? Math.round((sum / ratings) * 10) / 10 : null };
}

/**
 * The analysed reviews of these listings as the theme summary reads them (analysis/reviews
 * summarizeThemes), from the stored analysis (reviews + review_aspects): every aspect with its
 * clause, a complaint without any aspect kept as an unnamed negative clause (it still counts
 * towards the share of unhappy buyers), and "tidak jelas" reviews (no verdict, no praised or
 * criticised part) marked. `reviewedIn` (from, to]: only reviews written then (the alerts' windows).
 * The one query behind "Kata pembeli" and the new-complaint alert.
 */
export async function themeInputs(db: Db, listingIds: number[], reviewedIn?: { from: string; to: string }): Promise<Map<number, ThemeInput>> {
	const inputs = new Map<number, ThemeInput>();
	if (listingIds.length === 0) return inputs;
	const analysed = await analysedReviews(db, listingIds, reviewedIn);
	const aspectRows = await reviewAspectRows(db, listingIds, reviewedIn);
	for (const r of analysed) {
		inputs.set(r.id, {
			reviewId: r.id,
			text: '',
			analysis: { aspects: [], clauses: r.hasComplaint ? [{ text: '', polarity: 'negative', score: -1, aspects: [], words: [] }] : [] },
			unclear: r.polarity === 'neutral' && !r.hasComplaint
		});
	}
	for (const a of aspectRows) {
		const input = inputs.get(a.reviewId);
		if (!input) continue;
		input.analysis.aspects.push({ aspect: a.aspect, polarity: a.polarity });
		input.analysis.clauses.push({ text: a.clause, polarity: a.polarity, score: a.score, aspects: [a.aspect], words: [] });
		if (a.polarity !== 'neutral') input.unclear = false;
	}
	return inputs;
}

export async function reviewSummary(db: Db, listingIds: number[], category?: string): Promise<ReviewSummary> {
	const empty: ReviewSummary = {
		n: 0,
		ratings: 0,
		texts: 0,
		unclear: 0,
		average: null,
		starCounts: [0, 0, 0, 0, 0],
		negativeShare: null,
		complaints: [],
		praises: [],
		basis: 'Belum ada ulasan atau bintang dari produk serupa.'
	};
	if (listingIds.length === 0) return empty;
	const { starCounts, ratings, average } = await starsOf(db, listingIds);

	const inputs = await themeInputs(db, listingIds);
	const texts = inputs.size;
	const themes = summarizeThemes([...inputs.values()], { category });
	const line = (t: (typeof themes.complaints)[number]): ThemeLine => ({ aspect: t.aspect, label: t.label, count: t.count, share: t.share, quote: t.quote });
	const basis = [
		ratings ? `Bintang dari ${formatNumber(ratings)} penilaian di ${formatNumber(listingIds.length)} produk serupa.` : '',
		texts
			? `Tema dari ${formatNumber(texts - themes.unclear)} ulasan bertulisan.${themes.unclear ? ` ${formatNumber(themes.unclear)} ulasan tidak jelas (tanpa pendapat) tidak dihitung.` : ''}`
			: ratings
				? 'Belum ada ulasan bertulisan, jadi belum ada tema keluhan.'
				: '',
		texts ? 'Satu tema baru ditampilkan kalau disebut paling sedikit 3 ulasan berbeda. Kutipan diambil dari ulasan asli, tanpa nama pembeli.' : ''
	]
		.filter(Boolean)
		.join(' ');
	return {
		n: Math.max(ratings, texts),
		ratings,
		texts,
		unclear: themes.unclear,
		average,
		starCounts,
		negativeShare: themes.n - themes.unclear > 0 ? themes.negativeShare : null,
		complaints: themes.complaints.slice(0, MAX_THEMES).map(line),
		praises: themes.praises.slice(0, MAX_THEMES).map(line),
		basis: basis || empty.basis
	};
}
