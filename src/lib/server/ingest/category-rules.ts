// The category rules (categories.ts explains them): pure, no database, so that the staging
// worker threads, which map every row, load nothing of the db layer.
import { CATEGORY_NODES as TREE } from '../category-tree';

type Rule = [RegExp, string];

const TITLE_RULES: Rule[] = [
	[/\b(sambal|sambel|bumbu)\b/, 'sambal-bumbu'],
	[/\bkemeja\b.*\bbatik\b|\bbatik\b.*\bkemeja\b/, 'kemeja-batik'],
	[/\bbatik tulis\b/, 'batik-tulis'],
	[/\bbatik cap\b/, 'batik-cap'],
	[/\bbatik\b/, 'batik'],
	[/\b(tenun|songket)\b/, 'tenun'],
	[/\b(kopi|coffee)\b/, 'kopi'],
	[/\b(gerabah|tanah liat|terakota|terracotta)\b/, 'gerabah'],
	[/\b(anyaman|rotan|bambu)\b/, 'anyaman'],
	[/\b(wig|rambut palsu)\b/, 'wig'],
	[/\btembaga\b/, 'kerajinan-tembaga'],
	[/\bkuningan\b/, 'kerajinan-kuningan']
];

const CATEGORY_RULES: Rule[] = [
	[/sambal|sambel|bumbu|saus/, 'sambal-bumbu'],
	[/kopi|coffee/, 'kopi'],
	[/batik/, 'batik'],
	[/^(food|makanan|minuman)|food and drink|makanan & minuman|makanan dan minuman/, 'makanan-minuman'],
	[/fashion|pakaian|busana|baju|kemeja|kaos/, 'pakaian'],
	[/craft|kerajinan/, 'kerajinan']
];

const clean = (s: string | null | undefined) => {
	const lower = (s ?? '').toLowerCase();
	// Plain ASCII (most titles): NFKC changes nothing and the letters and digits are a-z and 0-9,
	// so the cheaper expression gives the same text.
	if (ASCII.test(lower)) return lower.replace(/[^a-z0-9&]+/g, ' ').trim();
	return lower
		.normalize('NFKC')
		.replace(/[^\p{L}\p{N}&]+/gu, ' ')
		.trim();
};
const ASCII = /^[\x00-\x7f]*$/;

// Every word a title rule looks for: a title with none of them skips the rules one by one (most
// real titles, and the bench's, name none; twelve regular expressions a row added up).
const ANY_TITLE_WORD = /\b(sambal|sambel|bumbu|kemeja|batik|tenun|songket|kopi|coffee|gerabah|tanah liat|terakota|terracotta|anyaman|rotan|bambu|wig|rambut palsu|tembaga|kuningan)\b/;

/** The slug a listing belongs to by our rules, or null (unmapped). Pure. */
export function mapCategory(rawCategory: string | null | undefined, title: string): string | null {
	return slugByTitle(title) ?? slugByCategory(rawCategory);
}

/** Rule 1: words of the title. */
function slugByTitle(title: string): string | null {
	const t = clean(title);
	if (ANY_TITLE_WORD.test(t)) for (const [re, slug] of TITLE_RULES) if (re.test(t) && TREE.has(slug)) return slug;
	return null;
}

/** Rule 2: the source's category name. */
function slugByCategory(rawCategory: string | null | undefined): string | null {
	const c = clean(rawCategory);
	if (c) {
		// A category named by one of our own slugs or names maps to itself (the generic format).
		for (const def of TREE.values()) if (c === def.slug.replace(/-/g, ' ') || c === clean(def.name)) return def.slug;
		for (const [re, slug] of CATEGORY_RULES) if (re.test(c) && TREE.has(slug)) return slug;
	}
	return null;
}

/**
 * The tally of what stayed unmapped in a batch. Slugs only: the ids
 * (and any category the batch needs that the database lacks) are settled when the batch is
 * merged (ensureCategory), so this runs without a database, in the importer's worker threads.
 */
export class CategoryResolver {
	readonly unmapped = new Map<string, number>();

	/** Our category slug for a listing, or null (then counted under its raw category in `unmapped`, unless `count` is false). */
	private byCategory = new Map<string | null, string | null>();

	resolve(rawCategory: string | null, title: string, count = true): string | null {
		// The title's rules run for every row (titles are mostly distinct; they skip at once a title
		// naming none of their words); the category's rules once per category name the file uses.
		let slug = slugByTitle(title);
		if (slug === null) {
			slug = this.byCategory.get(rawCategory) ?? null;
			if (!this.byCategory.has(rawCategory)) {
				slug = slugByCategory(rawCategory);
				if (this.byCategory.size < 10_000) this.byCategory.set(rawCategory, slug);
			}
		}
		if (slug === null && count) {
			const k = unmappedKey(rawCategory);
			this.unmapped.set(k, (this.unmapped.get(k) ?? 0) + 1);
		}
		return slug;
	}
}

/** How an unmapped category is named in the batch's report. */
export function unmappedKey(rawCategory: string | null): string {
	return rawCategory?.trim() || '(tanpa kategori)';
}
