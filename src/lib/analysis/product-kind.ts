// The kind of product a listing (or a producer's product) is, read from its title and category,
// so that competitors are listings of the same kind: a sambal bawang is compared with sambal, not
// with bawang goreng or black garlic; a wastafel keramik with wastafel, not with teko keramik.
// Sharing a word is not enough (issue 11).
//
// A kind is a head — the noun that says what the thing is — plus the attributes that split one
// head into products a buyer does not swap: the material of a craft (vas keramik ≠ vas tembaga),
// the technique of batik (tulis ≠ cap), the form of coffee (bubuk ≠ biji). Indonesian titles put
// the head first ("Sambal Bawang Bu Rudy", "Wastafel Keramik Motif Bunga"), so the first strong
// head word wins; a few phrases refine another head wherever they appear ("Sambal Bumbu Pecel"
// is a peanut sauce, "BonCabe Sambal Tabur" chili flakes). Words after "rasa", "untuk", "free",
// "motif" … describe rather than name. Titles without any known noun fall back to a device
// recognised by its model and specs (laptops, phones), then to their first real word, so uncurated
// titles still get a kind — one that matches only titles starting the same way.
//
// The words are in product-kind-lexicon.ts. Pure: no I/O; the same function runs at import, in the
// demo, on product save, and in `npm run eval:competitors`.
import {
	BUNDLE_HEADS,
	BUNDLE_WORDS,
	CATEGORY_ATTRS,
	DESCRIBERS,
	FORMS,
	HEADS,
	MATERIAL_HEADS,
	MATERIALS,
	NOT_HEADS,
	SPELLING,
	SPELLING_PATTERNS,
	TECHNIQUES,
	type Dimension,
	type Group,
	type HeadDef
} from './product-kind-lexicon';
import { readPackSize } from './units';

export type { Dimension } from './product-kind-lexicon';

/** Bumped whenever the rules or words change, so stored kinds are recomputed (see derive step). */
export const KIND_VERSION = 1;

export interface ProductKind {
	/** What the thing is: "sambal", "wastafel", "laptop"; '' for an empty title. */
	head: string;
	/** Attributes that must agree when both sides state them. Values sorted, without duplicates. */
	attrs: Partial<Record<Dimension, string[]>>;
	/** How the head was found: a known noun, a bundle, a material alone, a device's model or specs, or the first word. */
	how: 'noun' | 'bundle' | 'material' | 'device' | 'word' | 'none';
}

interface Token {
	word: string;
	/** Start of a new segment (after / | , ( ) [ ] ; : and " - "): a describer's reach ends there. */
	segment: number;
	/** Right after a "+": a bundled extra ("… Earphone + Silicone Softcase"). */
	plus: boolean;
}

const SEPARATOR = /[/|,()[\]+;:!?•【】「」]|\s-|-\s|\.\s|\.\./;

function canonical(word: string): string {
	const spelled = SPELLING[word];
	if (spelled) return spelled;
	for (const [re, to] of SPELLING_PATTERNS) if (re.test(word)) return to;
	return word;
}

/** Lower-case words with their segment numbers; accents, apostrophes and emoji dropped. */
export function tokenize(title: string): Token[] {
	const text = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/['’`´]/g, '')
		// "2 in 1", "3in1" → one word, like the sellers mean it.
		.replace(/\b(\d)\s*in\s*(\d)\b/g, '$1in$2');
	const tokens: Token[] = [];
	let segment = 0;
	let last = 0;
	for (const m of text.matchAll(/[a-z0-9]+/g)) {
		const gap = text.slice(last, m.index);
		if (tokens.length && SEPARATOR.test(gap)) segment++;
		// "Serum + Toner" joins two things; "16+", "4GB+4GB", "5.3+TWS" are numbers.
		const plus = gap.includes('+') && tokens.length > 0 && !/\d$/.test(tokens[tokens.length - 1].word);
		tokens.push({ word: canonical(m[0]), segment, plus });
		last = (m.index ?? 0) + m[0].length;
	}
	return tokens;
}

interface Match {
	def: HeadDef;
	start: number;
	end: number;
	/** Describes rather than names (after "rasa", "untuk", "free", "motif"…) or follows a "+". */
	extra: boolean;
	plus: boolean;
}

const PHRASES = new Map<string, [string[], HeadDef][]>();
for (const [phrase, def] of Object.entries(HEADS)) {
	const words = phrase.split(' ');
	let list = PHRASES.get(words[0]);
	if (!list) PHRASES.set(words[0], (list = []));
	list.push([words, def]);
}
for (const list of PHRASES.values()) list.sort((a, b) => b[0].length - a[0].length);

const MATERIAL_PHRASES = Object.entries(MATERIALS).map(([p, m]) => [p.split(' '), m] as const).sort((a, b) => b[0].length - a[0].length);
const FORM_PHRASES = Object.entries(FORMS).map(([p, m]) => [p.split(' '), m] as const).sort((a, b) => b[0].length - a[0].length);

const startsWith = (tokens: Token[], at: number, words: readonly string[]) =>
	words.every((w, k) => tokens[at + k]?.word === w);

function headMatches(tokens: Token[]): Match[] {
	const out: Match[] = [];
	for (let i = 0; i < tokens.length; i++) {
		for (const [words, def] of PHRASES.get(tokens[i].word) ?? []) {
			if (startsWith(tokens, i, words)) {
				out.push({ def, start: i, end: i + words.length, extra: false, plus: false });
				i += words.length - 1;
				break;
			}
		}
	}
	return out;
}

/**
 * Token positions that describe rather than name: up to four words after a describer, within its
 * segment; and the segment after a "+" (a bundled extra), kept apart because a bundle counts it.
 */
function describedPositions(tokens: Token[], heads: Match[]): { described: Set<number>; plus: Set<number> } {
	const inHead = new Set(heads.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
	const described = new Set<number>();
	for (let i = 0; i < tokens.length; i++) {
		if (!DESCRIBERS.has(tokens[i].word) || inHead.has(i)) continue;
		for (let k = i + 1; k < tokens.length && k <= i + 4 && tokens[k].segment === tokens[i].segment; k++) described.add(k);
	}
	const plus = new Set<number>();
	for (let i = 0; i < tokens.length; i++) {
		if (!tokens[i].plus) continue;
		for (let k = i; k < tokens.length && tokens[k].segment === tokens[i].segment; k++) plus.add(k);
	}
	return { described, plus };
}

// Devices named only by model and specs ("ASUS Vivobook 14 i3-1115G4 8GB 512SSD W11",
// "Oppo A18 4/128GB"): a weakest-level head, used when no noun names the thing.
const LAPTOP_MODEL =
	/\b(?:macbook|vivobook|zenbook|expertbook|ideapad|thinkpad|thinkbook|legion|aspire|extensa|nitro|predator|latitude|vostro|inspiron|elitebook|probook|victus|pavilion|envy|omen|chromebook|redmibook|redmi book|matebook|inbook|inboox|tuf (?:gaming|dash|[fa]\d{2}|f[xa]\d+))\b/;
const LAPTOP_CPU =
	/\b(?:core ?i[3579]|ci[3579]|i[3579][- ]?\d{4,5}[a-z0-9]*|i[3579] (?:gen|\d{4,5})|ryzen|r[3579][- ]?\d{4}[a-z]*|celeron|athlon|pentium|n4020|n4500|n5100|n6000|m[123] (?:pro )?chip|apple m[123])\b/;
const LAPTOP_SPEC = /(?:\d+ ?ssd|ssd|hdd|nvme|emmc|\bw1[01]|win ?1[01]|windows|\bohs\b|\bfhd\b|geforce|rtx ?\d|gtx ?\d|\bmx ?\d{3}\b|uhd graphics|iris)/;
const PHONE_MODEL =
	/\b(?:iphone|galaxy [asmjz]\d|galaxy note|redmi (?:note )?\d+[a-z]?|redmi a\d|poco [a-z]?\d|oppo [a-z]?\d|oppo reno|reno ?\d|vivo [a-z]?\d|realme [a-z]?\d|realme note|infinix (?:hot|note|smart|zero)|itel|tecno|infinix|nokia \d|pixel \d)\b/;
const PHONE_SPEC = /\b\d{1,2}\s*(?:\+\s*\d{1,2})?\s*\/\s*(?:16|32|64|128|256|512)\s*(?:gb)?\b|\bram \d{1,2}\b/;

function deviceOf(text: string): 'laptop' | 'smartphone' | null {
	if (LAPTOP_MODEL.test(text) || (LAPTOP_CPU.test(text) && LAPTOP_SPEC.test(text))) return 'laptop';
	if (PHONE_MODEL.test(text) || PHONE_SPEC.test(text)) return 'smartphone';
	return null;
}

const GROUP_OF = new Map<string, Group>();
for (const def of Object.values(HEADS)) if (!GROUP_OF.has(def.head)) GROUP_OF.set(def.head, def.group);
for (const head of Object.values(MATERIAL_HEADS)) if (!GROUP_OF.has(head)) GROUP_OF.set(head, 'kerajinan');

/** The group a head belongs to ('lain' for words the lexicon does not know). */
export function groupOf(head: string): Group {
	return GROUP_OF.get(head) ?? 'lain';
}

const MATERIAL_GROUPS: ReadonlySet<Group> = new Set(['kerajinan', 'fashion']);

function collect(tokens: Token[], skip: Set<number>, phrases: readonly (readonly [readonly string[], string])[]): string[] {
	const found: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		if (skip.has(i)) continue;
		for (const [words, value] of phrases) {
			if (startsWith(tokens, i, words)) {
				found.push(value);
				i += words.length - 1;
				break;
			}
		}
	}
	return [...new Set(found)].sort();
}

function chooseHead(tokens: Token[], matches: Match[], text: string, variantStart: number | null): { head: string; how: ProductKind['how']; def: HeadDef | null } {
	// Phrases that refine another head remove it wherever it appears ("saus sambal" is no sambal).
	// A bundled extra names the thing only when nothing before the "+" did ("Niacinamide + … Serum").
	let named = matches.filter((m) => !m.extra);
	if (!named.some((m) => m.def.level >= 2)) named = [...named, ...matches.filter((m) => m.plus)].sort((a, b) => a.start - b.start);
	const overridden = new Set(named.flatMap((m) => m.def.overrides ?? []));
	let live = named.filter((m) => !overridden.has(m.def.head));
	// Sellers stuff "headphone" and "earphone" into one title: an explicit over/on-ear decides,
	// otherwise an in-ear word (not the vague "headset") means earphones.
	if (live.some((m) => m.def.head === 'headphone') && live.some((m) => m.def.head === 'earphone' && !m.def.vague)) {
		const over = live.some((m) => m.def.head === 'headphone' && m.def.decisive);
		live = live.filter((m) => m.def.head !== (over ? 'earphone' : 'headphone'));
	}
	// "hp" is the brand of a laptop when the title reads like one ("HP 14S … Athlon 3050 … 512SSD").
	const device = deviceOf(text);
	if (device === 'laptop') live = live.filter((m) => !(m.def.head === 'smartphone' && m.def.level === 1));

	// Bundles of different things are their own kind where buyers shop for them as bundles.
	const bundleAt = tokens.findIndex((t) => BUNDLE_WORDS.has(t.word));
	if (bundleAt >= 0) {
		for (const [group, head] of Object.entries(BUNDLE_HEADS) as [Group, string][]) {
			const items = matches.filter((m) => m.def.group === group && m.def.level >= 2 && (!m.extra || m.plus));
			const distinct = new Set(items.map((m) => m.def.head));
			const generic = matches.some((m) => m.def.group === group && m.def.head === head);
			const firstItem = items.length ? Math.min(...items.map((m) => m.start)) : Infinity;
			if (distinct.size >= 2 || (generic && bundleAt < firstItem)) return { head, how: 'bundle', def: null };
		}
	}
	if (live.length) {
		let best = live.reduce((a, b) => (b.def.level > a.def.level ? b : a));
		// "Aneka sambal … - abon klotok": a range of products; the variant after the last " - " is the one sold.
		if (tokens[best.start - 1]?.word === 'aneka' && variantStart !== null) {
			const chosen = live.find((m) => m.start >= variantStart && m.def.level >= 2);
			if (chosen) best = chosen;
		}
		return { head: best.def.head, how: 'noun', def: best.def };
	}
	return { head: '', how: 'none', def: null };
}

/** The first token of the part after a title's last " - " (Tokopedia's "Name - Variant"), or null. */
function variantStart(title: string, tokens: Token[]): number | null {
	const cut = title.lastIndexOf(' - ');
	if (cut < 0) return null;
	const before = tokenize(title.slice(0, cut)).length;
	return before < tokens.length ? before : null;
}

/**
 * The kind of product a title names, with what its category says when the title does not (the
 * category's slug, e.g. 'kopi-bubuk'; unknown slugs add nothing). Never throws.
 */
export function productKind(title: string, categorySlug?: string | null): ProductKind {
	if (typeof title !== 'string' || !title.trim()) return { head: '', attrs: {}, how: 'none' };
	const tokens = tokenize(title);
	// Model names and specs keep their punctuation ("4/128GB", "i3-1115G4"); words are matched on tokens.
	const text = title.toLowerCase().replace(/\s+/g, ' ');
	const matches = headMatches(tokens);
	const { described, plus } = describedPositions(tokens, matches);
	for (const m of matches) {
		m.plus = plus.has(m.start) && !described.has(m.start);
		// "Semi on-ear": the words after "semi" do not say the kind of fit.
		m.extra = described.has(m.start) || plus.has(m.start) || (Boolean(m.def.decisive) && tokens[m.start - 1]?.word === 'semi');
	}

	let { head, how, def } = chooseHead(tokens, matches, text, variantStart(title, tokens));
	// Sambal sold by the millilitre is a pourable chili sauce ("88-sambal cabe rawit 350 ml").
	if (head === 'sambal' && readPackSize(title).pack?.family === 'volume') [head, def] = ['saus sambal', HEADS['saus sambal']];
	const materials = collect(tokens, new Set([...described, ...plus]), MATERIAL_PHRASES);
	if (!head && materials.length) {
		const first = materials.map((m) => MATERIAL_HEADS[m]).find(Boolean);
		if (first) [head, how] = [first, 'material'];
	}
	if (!head) {
		const device = deviceOf(text);
		if (device) [head, how] = [device, 'device'];
	}
	if (!head) {
		const word = tokens.find((t, i) => !described.has(i) && t.word.length >= 3 && !/^\d/.test(t.word) && !NOT_HEADS.has(t.word) && !DESCRIBERS.has(t.word));
		if (word) [head, how] = [word.word, 'word'];
	}

	const attrs: ProductKind['attrs'] = {};
	const group = def?.group ?? groupOf(head);
	if (MATERIAL_GROUPS.has(group) && materials.length) attrs.material = materials;
	if (def?.attrs?.material) attrs.material = [...new Set([...(attrs.material ?? []), def.attrs.material])].sort();
	if (attrs.material?.includes('batik') || categorySlug?.startsWith('batik')) {
		const techniques = collect(tokens, described, Object.entries(TECHNIQUES).map(([p, v]) => [[p], v] as const));
		if (techniques.length) attrs.teknik = techniques.includes('kombinasi') ? ['kombinasi'] : techniques;
	}
	if (head === 'kopi') {
		const forms = def?.attrs?.bentuk ? [def.attrs.bentuk] : collect(tokens, described, FORM_PHRASES);
		if (forms.length) attrs.bentuk = [...new Set(forms)].sort();
	}
	// What the category says, for dimensions the title leaves open.
	const implied = categorySlug ? CATEGORY_ATTRS[categorySlug] : undefined;
	if (implied && head) {
		for (const [dim, values] of Object.entries(implied) as [Dimension, string[]][]) {
			if (attrs[dim]) continue;
			if (dim === 'material' && !MATERIAL_GROUPS.has(group)) continue;
			if (dim === 'bentuk' && head !== 'kopi') continue;
			attrs[dim] = [...values].sort();
		}
	}
	return { head, attrs, how };
}

/** Two kinds are the same product when their heads agree and no stated attribute disagrees. */
export function sameKind(a: Pick<ProductKind, 'head' | 'attrs'>, b: Pick<ProductKind, 'head' | 'attrs'>): boolean {
	if (!a.head || a.head !== b.head) return false;
	for (const dim of Object.keys(a.attrs) as Dimension[]) {
		const x = a.attrs[dim];
		const y = b.attrs[dim];
		if (x?.length && y?.length && !x.some((v) => y.includes(v))) return false;
	}
	return true;
}

/** How many stated attribute values two kinds share: a closer competitor ranks first. */
export function sharedAttributes(a: Pick<ProductKind, 'attrs'>, b: Pick<ProductKind, 'attrs'>): number {
	let n = 0;
	for (const dim of Object.keys(a.attrs) as Dimension[]) n += (a.attrs[dim] ?? []).filter((v) => b.attrs[dim]?.includes(v)).length;
	return n;
}

/** "material=keramik;teknik=tulis" — the attributes as stored beside the head. */
export function encodeAttrs(attrs: ProductKind['attrs']): string {
	return (Object.keys(attrs) as Dimension[])
		.filter((d) => attrs[d]?.length)
		.sort()
		.map((d) => `${d}=${attrs[d]!.join('|')}`)
		.join(';');
}

export function decodeAttrs(text: string | null | undefined): ProductKind['attrs'] {
	const attrs: ProductKind['attrs'] = {};
	for (const part of (text ?? '').split(';')) {
		const [dim, values] = part.split('=');
		if (dim && values) attrs[dim as Dimension] = values.split('|');
	}
	return attrs;
}

/** "vas (keramik)", "kain (batik, tulis)", "kopi (bubuk)": the kind in words a producer reads. */
export function describeKind(kind: Pick<ProductKind, 'head' | 'attrs'>): string {
	const details = (['material', 'teknik', 'bentuk'] as Dimension[]).flatMap((d) => kind.attrs[d] ?? []);
	return details.length ? `${kind.head} (${details.join(', ')})` : kind.head;
}

/**
 * The categories whose listings may compete with a product in `categoryId`: the category, every
 * category below it, every category above it (a listing filed only under "Batik" may be a batik
 * tulis), and its sibling leaves (kopi bubuk beside kopi biji: the attributes keep them apart).
 */
export function relatedCategories(categories: { id: number; parentId: number | null }[], categoryId: number): Set<number> {
	const children = new Map<number | null, number[]>();
	const parent = new Map<number, number | null>();
	for (const c of categories) {
		parent.set(c.id, c.parentId);
		let list = children.get(c.parentId);
		if (!list) children.set(c.parentId, (list = []));
		list.push(c.id);
	}
	const out = new Set<number>();
	const down = (id: number) => {
		out.add(id);
		for (const c of children.get(id) ?? []) down(c);
	};
	down(categoryId);
	for (let p = parent.get(categoryId) ?? null; p !== null; p = parent.get(p) ?? null) out.add(p);
	const up = parent.get(categoryId) ?? null;
	if (up !== null) for (const sibling of children.get(up) ?? []) if (!(children.get(sibling)?.length)) out.add(sibling);
	return out;
}

/**
 * Whether a listing competes with a product: the same kind, found in a related category — or in
 * none (a listing no rule could file is judged by its kind alone). The one decision the app's
 * competitor sets and `npm run eval:competitors` share.
 */
export function isCompetitor(
	product: { kind: Pick<ProductKind, 'head' | 'attrs'>; categoryId: number | null },
	listing: { kind: Pick<ProductKind, 'head' | 'attrs'>; categoryId: number | null },
	related: ReadonlySet<number> | null
): boolean {
	if (!sameKind(product.kind, listing.kind)) return false;
	if (product.categoryId === null || listing.categoryId === null || related === null) return true;
	return related.has(listing.categoryId);
}
