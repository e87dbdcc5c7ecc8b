// Complaint and praise themes over many reviews: which aspect, how many different reviews, and one
// short real quote. A theme needs at least `minReviews` different reviews (default 3) so that one
// angry buyer never becomes "what buyers say".
import type { Aspect, ClauseAnalysis, ReviewAnalysis } from './types';
import { CATEGORY_ASPECTS } from './aspects';

export interface ThemeInput {
	reviewId: number;
	text: string;
	analysis: Pick<ReviewAnalysis, 'aspects' | 'clauses'>;
	/** no opinion could be read ("tidak jelas"): counted apart, not in shares (default: from analysis) */
	unclear?: boolean;
}

export interface Theme {
	aspect: Aspect;
	polarity: 'positive' | 'negative';
	/** different reviews behind the theme */
	count: number;
	/** count / number of reviews summarised */
	share: number;
	/** ≤ 100 characters, from one of the reviews behind the theme */
	quote: string;
	/** plain Indonesian, e.g. "pecah saat dikirim" */
	label: string;
}

export interface ThemeSummary {
	complaints: Theme[];
	praises: Theme[];
	/** share of reviews with an opinion that complain (see `negativeShare` below) */
	negativeShare: number;
	/** different reviews summarised, "tidak jelas" ones included */
	n: number;
	/** reviews without an opinion ("tidak jelas"): left out of every share */
	unclear: number;
}

/**
 * Plain-Indonesian theme names, written for a producer reading on a phone. Each must fit every
 * quote the analysis can put under it (tests/fixtures/review-quote-themes.json measures that).
 */
export const ASPECT_LABELS: Record<Aspect, { positive: string; negative: string }> = {
	kualitas: { positive: 'barang bagus', negative: 'barang rusak atau kurang bagus' },
	kemasan: { positive: 'kemasan rapi dan aman', negative: 'kemasan kurang aman' },
	pengiriman: { positive: 'pengiriman cepat dan aman', negative: 'pengiriman lama atau bermasalah' },
	kesesuaian: { positive: 'sesuai foto dan pesanan', negative: 'tidak sesuai foto atau pesanan' },
	harga: { positive: 'harga terjangkau', negative: 'harga terlalu mahal' },
	pelayanan: { positive: 'penjual ramah dan cepat membalas', negative: 'pelayanan penjual mengecewakan' },
	ukuran: { positive: 'ukuran pas', negative: 'ukuran tidak pas' },
	rasa: { positive: 'rasanya enak', negative: 'rasanya kurang enak' },
	pedas: { positive: 'pedasnya mantap', negative: 'pedasnya tidak pas' },
	kesegaran: { positive: 'masih segar', negative: 'basi, asam, atau berjamur' },
	kedaluwarsa: { positive: 'tanggal kedaluwarsa masih lama', negative: 'sudah atau hampir kedaluwarsa' },
	porsi: { positive: 'isinya banyak', negative: 'isinya sedikit' },
	bocor: { positive: 'kemasan rapat, tidak bocor', negative: 'kemasan bocor atau segel rusak' },
	bahan: { positive: 'bahan bagus dan nyaman', negative: 'bahan tipis atau kurang nyaman' },
	warna: { positive: 'warna dan motif sesuai', negative: 'warna atau motif beda, atau luntur' },
	jahitan: { positive: 'jahitan rapi', negative: 'jahitan kurang rapi atau lepas' },
	anyaman: { positive: 'anyaman rapi dan rapat', negative: 'anyaman kurang rapi atau renggang' },
	kekuatan: { positive: 'kuat dan kokoh', negative: 'mudah patah atau rapuh' },
	pecah: { positive: 'sampai utuh, tidak pecah', negative: 'pecah, retak, atau hancur' }
};

const QUOTE_MAX = 100;

/**
 * The clause that stands for one (aspect, polarity) of a review: the clause that carries the
 * aspect with that polarity most strongly. None when no single clause does (the review's call
 * came from several weak ones): a quote that says the opposite of its label is worse than none.
 * Stored per review and aspect (server/derive/review-analysis.ts); a theme's quote is the best of these.
 */
export function quoteClause(analysis: Pick<ReviewAnalysis, 'clauses'>, aspect: Aspect, polarity: string): ClauseAnalysis | undefined {
	let best: ClauseAnalysis | undefined;
	// the clearest clause: the one that says it most strongly, the first of equals
	for (const c of analysis.clauses) if (c.aspects.includes(aspect) && c.polarity === polarity && (!best || Math.abs(c.score) > Math.abs(best.score))) best = c;
	return best;
}

/** Trims to ≤ 100 characters at a word boundary, with "…". */
export function trimQuote(text: string, max = QUOTE_MAX): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '') + '…';
}

/** Whether a review says anything for or against: a verdict, or a praised or criticised part. */
export function hasOpinion(a: Pick<ReviewAnalysis, 'aspects' | 'clauses'> & { polarity?: ReviewAnalysis['polarity'] }): boolean {
	return (a.polarity !== undefined && a.polarity !== 'neutral') || a.clauses.some((c) => c.polarity !== 'neutral') || a.aspects.some((x) => x.polarity !== 'neutral');
}

/** Whether an aspect makes sense for the category (e.g. no "rasa" theme for pottery); exported for the DuckDB cross-check. */
export function aspectAllowed(aspect: Aspect, category: string | undefined): boolean {
	const rule = CATEGORY_ASPECTS[aspect];
	return !category || !rule || rule(category);
}

/**
 * Groups analysed reviews into complaint and praise themes, most frequent first.
 * negativeShare is the share of reviews with at least one negative aspect or clause — what a
 * producer means by "how many buyers complained", even when the review also praises something.
 */
export function summarizeThemes(reviews: ThemeInput[], opts: { minReviews?: number; category?: string } = {}): ThemeSummary {
	const minReviews = opts.minReviews ?? 3;
	const groups = new Map<string, { aspect: Aspect; polarity: 'positive' | 'negative'; ids: Set<number>; quote: { text: string; rank: number } | null }>();
	const seen = new Set<number>();
	const negative = new Set<number>();
	const unclear = new Set<number>();
	for (const r of reviews) {
		seen.add(r.reviewId);
		if (r.unclear ?? !hasOpinion(r.analysis)) unclear.add(r.reviewId);
		if (r.analysis.clauses.some((c) => c.polarity === 'negative') || r.analysis.aspects.some((a) => a.polarity === 'negative')) negative.add(r.reviewId);
		for (const { aspect, polarity } of r.analysis.aspects) {
			if (polarity === 'neutral' || !aspectAllowed(aspect, opts.category)) continue;
			const key = aspect + ':' + polarity;
			let g = groups.get(key);
			if (!g) groups.set(key, (g = { aspect, polarity, ids: new Set(), quote: null }));
			g.ids.add(r.reviewId);
			for (const c of r.analysis.clauses) {
				if (c.polarity !== polarity || !c.aspects.includes(aspect) || !c.text) continue;
				const rank = quoteRank(c.text, c.score);
				if (!g.quote || rank > g.quote.rank) g.quote = { text: c.text, rank };
			}
		}
	}
	const n = seen.size;
	const withOpinion = n - unclear.size;
	const themes: Theme[] = [];
	for (const g of groups.values()) {
		if (g.ids.size < minReviews || !g.quote) continue;
		themes.push({
			aspect: g.aspect,
			polarity: g.polarity,
			count: g.ids.size,
			share: withOpinion ? g.ids.size / withOpinion : 0,
			quote: trimQuote(g.quote.text),
			label: ASPECT_LABELS[g.aspect][g.polarity]
		});
	}
	const order = (a: Theme, b: Theme) => b.count - a.count || a.aspect.localeCompare(b.aspect);
	return {
		complaints: themes.filter((t) => t.polarity === 'negative').sort(order),
		praises: themes.filter((t) => t.polarity === 'positive').sort(order),
		negativeShare: withOpinion ? negative.size / withOpinion : 0,
		n,
		unclear: unclear.size
	};
}

// A good quote says something (a clear score) in a few words: prefer 15–80 characters, then the
// strongest clause. Deterministic, so the same reviews always give the same quote.
function quoteRank(text: string, score: number): number {
	const len = text.length;
	const fit = len < 8 ? 0 : len < 15 ? 1 : len <= 80 ? 3 : 2;
	return fit * 100 + Math.min(Math.abs(score), 5) * 10 - len / 100;
}
