// "Kata pembeli" for a set of listings: star counts and complaint/praise themes, read from the
// analysis stored per review (review_aspects) — text is never re-analysed on request.
import { summarizeThemes, type Aspect, type Polarity, type ThemeInput } from '$lib/analysis/reviews';
import type { ProductDashboard, ThemeLine } from '$lib/dashboard-types';
import type { Db } from '../db';

/** The "Kata pembeli" card without its headline sentence (the dashboard writes that). */
export type ReviewSummary = Omit<ProductDashboard['reviews'], 'headline'>;

const MAX_THEMES = 3;

function placeholders(n: number): string {
	return new Array(n).fill('?').join(',');
}

export function reviewSummary(db: Db, listingIds: number[], category?: string): ReviewSummary {
	const empty: ReviewSummary = { n: 0, average: null, starCounts: [0, 0, 0, 0, 0], negativeShare: null, complaints: [], praises: [], basis: 'Belum ada ulasan dari produk serupa.' };
	if (listingIds.length === 0) return empty;
	const ids = placeholders(listingIds.length);
	const stars = db.$client
		.prepare(`select stars, count(*) as n from reviews where listing_id in (${ids}) and stars between 1 and 5 group by stars`)
		.all(...listingIds) as { stars: number; n: number }[];
	const starCounts = [0, 0, 0, 0, 0];
	for (const s of stars) starCounts[s.stars - 1] = s.n;
	const rated = starCounts.reduce((a, b) => a + b, 0);
	const average = rated ? starCounts.reduce((sum, c, i) => sum + c * (i + 1), 0) / rated : null;

	const analysed = db.$client
		.prepare(`select id, has_complaint as hasComplaint from reviews where listing_id in (${ids}) and analyzer_version is not null`)
		.all(...listingIds) as { id: number; hasComplaint: number }[];
	const aspectRows = db.$client
		.prepare(
			`select ra.review_id as reviewId, ra.aspect, ra.polarity, ra.score, ra.clause
			 from review_aspects ra join reviews r on r.id = ra.review_id where r.listing_id in (${ids})`
		)
		.all(...listingIds) as { reviewId: number; aspect: Aspect; polarity: Polarity; score: number; clause: string }[];
	const inputs = new Map<number, ThemeInput>();
	for (const r of analysed) {
		inputs.set(r.id, {
			reviewId: r.id,
			text: '',
			// A complaint with no aspect still counts towards the share of unhappy buyers.
			analysis: { aspects: [], clauses: r.hasComplaint ? [{ text: '', polarity: 'negative', score: -1, aspects: [], words: [] }] : [] }
		});
	}
	for (const a of aspectRows) {
		const input = inputs.get(a.reviewId);
		if (!input) continue;
		input.analysis.aspects.push({ aspect: a.aspect, polarity: a.polarity });
		input.analysis.clauses.push({ text: a.clause, polarity: a.polarity, score: a.score, aspects: [a.aspect], words: [] });
	}
	const themes = summarizeThemes([...inputs.values()], { category });
	const line = (t: (typeof themes.complaints)[number]): ThemeLine => ({ aspect: t.aspect, label: t.label, count: t.count, share: t.share, quote: t.quote });
	const n = Math.max(rated, analysed.length);
	return {
		n,
		average: average === null ? null : Math.round(average * 10) / 10,
		starCounts,
		negativeShare: themes.n ? themes.negativeShare : null,
		complaints: themes.complaints.slice(0, MAX_THEMES).map(line),
		praises: themes.praises.slice(0, MAX_THEMES).map(line),
		basis: `Dari ${n.toLocaleString('id-ID')} ulasan pembeli di ${listingIds.length.toLocaleString('id-ID')} produk serupa. Satu tema baru ditampilkan kalau disebut paling sedikit 3 ulasan berbeda. Kutipan diambil dari ulasan asli, tanpa nama pembeli.`
	};
}
