// "Kata pembeli" for a set of listings: star counts and complaint/praise themes, read from the
// analysis stored per review (review_aspects) — text is never re-analysed on request.
// Stars come from two places: the reviews we hold (one star each) and the listing's own star
// bars or average as the marketplace shows them (listings.star_counts, rating, review_count),
// which count every rating, also those without a text. Per listing the larger of the two is used,
// never both, so no rating is counted twice.
import { summarizeThemes, type Aspect, type Polarity, type ThemeInput } from '$lib/analysis/reviews';
import type { ProductDashboard, ThemeLine } from '$lib/dashboard-types';
import { formatNumber } from '$lib/format';
import { ratingSentence } from '$lib/analysis/narrate';
import type { Db } from '../db';

/** The card's first sentence: the stars when there are any, else how many texts, else nothing yet. */
export function reviewHeadline(r: Pick<ReviewSummary, 'ratings' | 'texts' | 'average'>): string {
	if (r.ratings > 0 && r.average !== null) return ratingSentence(r.average, r.ratings);
	if (r.texts > 0) return `${formatNumber(r.texts)} ulasan dari produk serupa, tanpa bintang.`;
	return 'Belum ada ulasan untuk produk serupa.';
}

/** The "Kata pembeli" card without its headline sentence (the dashboard writes that). */
export type ReviewSummary = Omit<ProductDashboard['reviews'], 'headline'>;

const MAX_THEMES = 3;

function placeholders(n: number): string {
	return new Array(n).fill('?').join(',');
}

interface ListingStars {
	id: number;
	rating: number | null;
	reviewCount: number | null;
	starCounts: string | null;
}

/** Star counts and average over the listings, each listing counted once (see the file comment). */
function starsOf(db: Db, listingIds: number[], ids: string) {
	const stored = db.$client
		.prepare(`select listing_id as listingId, stars, count(*) as n from reviews where listing_id in (${ids}) and stars between 1 and 5 group by listing_id, stars`)
		.all(...listingIds) as { listingId: number; stars: number; n: number }[];
	const byListing = new Map<number, number[]>();
	for (const s of stored) {
		let bars = byListing.get(s.listingId);
		if (!bars) byListing.set(s.listingId, (bars = [0, 0, 0, 0, 0]));
		bars[s.stars - 1] += s.n;
	}
	const listings = db.$client
		.prepare(`select id, rating, review_count as reviewCount, star_counts as starCounts from listings where id in (${ids})`)
		.all(...listingIds) as ListingStars[];
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
export function themeInputs(db: Db, listingIds: number[], reviewedIn?: { from: string; to: string }): Map<number, ThemeInput> {
	const inputs = new Map<number, ThemeInput>();
	if (listingIds.length === 0) return inputs;
	const ids = placeholders(listingIds.length);
	const window = reviewedIn ? ' and r.reviewed_at > ? and r.reviewed_at <= ?' : '';
	const params = reviewedIn ? [...listingIds, reviewedIn.from, reviewedIn.to] : listingIds;
	const analysed = db.$client
		.prepare(
			`select r.id, r.has_complaint as hasComplaint, r.polarity from reviews r
			 where r.listing_id in (${ids}) and r.analyzer_version is not null${window}`
		)
		.all(...params) as { id: number; hasComplaint: number; polarity: Polarity | null }[];
	const aspectRows = db.$client
		.prepare(
			`select ra.review_id as reviewId, ra.aspect, ra.polarity, ra.score, ra.clause
			 from review_aspects ra join reviews r on r.id = ra.review_id where r.listing_id in (${ids})${window}`
		)
		.all(...params) as { reviewId: number; aspect: Aspect; polarity: Polarity; score: number; clause: string }[];
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

export function reviewSummary(db: Db, listingIds: number[], category?: string): ReviewSummary {
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
	const ids = placeholders(listingIds.length);
	const { starCounts, ratings, average } = starsOf(db, listingIds, ids);

	const inputs = themeInputs(db, listingIds);
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
