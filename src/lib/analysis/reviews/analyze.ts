// Clause-level sentiment and aspects of one review, from text alone.
// Method (every step traceable): tokens in standard form → clauses split on punctuation and
// contrast words → within a clause, lexicon phrases and words scored with negation and
// intensifier scope → clause score = sum of item scores → review score = clause scores weighted by
// the contrast word that opened each clause. Aspects come from words naming a part of the purchase.
import type { Aspect, ClauseAnalysis, Polarity, ReviewAnalysis } from './types';
import { tokenize, type Token } from './normalize';
import { WORDS, PHRASES, NEGATORS, PRE_MODIFIERS, POST_MODIFIERS, CONTRAST, NEGATED, INTENSIFYING_COMPLAINTS, PRAISED_WHEN_INTENSE } from './lexicon';
import { NAMED, IMPLIED, PHRASE_ASPECTS, SPECIFIC_OVER } from './aspects';
import { stemToKnown } from './stem';
import { SLANG } from './slang';

/** |score| at or above which a clause or review is called positive/negative. */
export const POLARITY_THRESHOLD = 0.3;
const NEGATION_WINDOW = 3;
const MODIFIER_WINDOW = 2;
// "barang"/"produk" anchor a clause on the product itself: kualitas, unless a more specific
// aspect is present ("barang tidak sesuai pesanan" is about kesesuaian).
const GENERIC_PRODUCT = new Set(['barang', 'produk']);

interface WordInfo {
	weight: number | undefined;
	named: Aspect | undefined;
	implied: Aspect | undefined;
	/** the form the lexicon knows this word by (its root when found by stemming) */
	lemma: string;
}

// Roots the stemmer may land on. Slang keys are left out on purpose: English slang such as "bad"
// would otherwise turn "badan" (body) into a complaint.
const ROOTS = new Set<string>([...WORDS.keys(), ...NAMED.keys(), ...IMPLIED.keys(), ...NEGATORS.keys(), 'kirim', 'jual', 'kemas', 'pesan', 'ukur', 'layan', 'rasa', 'sebal', 'malas', 'barang', 'produk']);
const isRoot = (w: string) => ROOTS.has(w);
const infoCache = new Map<string, WordInfo>();

function wordInfo(w: string): WordInfo {
	let info = infoCache.get(w);
	if (info) return info;
	let lemma = w;
	if (!WORDS.has(w) && !NAMED.has(w) && !IMPLIED.has(w) && !NEGATORS.has(w)) {
		const root = stemToKnown(w, isRoot);
		if (root) {
			const slang = SLANG.get(root);
			lemma = slang && !slang.includes(' ') ? slang : root;
			// A negator reached by stemming ("kurangnya") behaves as the plain word.
		} else if (w.endsWith('nya') && w.length > 5) {
			// "pedesnya", "expnya": a slang word with the possessive. Only "-nya" is stripped here:
			// other affixes would turn slang such as "bad" into roots of unrelated words ("badan").
			const slang = SLANG.get(w.slice(0, -3));
			if (slang && !slang.includes(' ')) lemma = slang;
		}
	}
	info = { weight: WORDS.get(lemma), named: NAMED.get(lemma) ?? NAMED.get(w), implied: IMPLIED.get(lemma), lemma };
	if (infoCache.size > 50_000) infoCache.clear();
	infoCache.set(w, info);
	return info;
}

interface RawClause {
	tokens: Token[];
	weight: number;
}

/** Splits tokens into clauses at boundaries and contrast words; returns clause weights too. */
function splitClauses(tokens: Token[]): RawClause[] {
	const clauses: RawClause[] = [];
	let current: Token[] = [];
	let weight = 1;
	const close = () => {
		if (current.length) clauses.push({ tokens: current, weight });
		if (current.length) weight = 1;
		current = [];
	};
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (t.w === '.') {
			close();
			continue;
		}
		const two = i + 1 < tokens.length ? t.w + ' ' + tokens[i + 1].w : '';
		const contrast = CONTRAST.get(two) ?? CONTRAST.get(t.w);
		if (contrast) {
			close();
			// the clause before the contrast word counts a little less
			const prev = clauses[clauses.length - 1];
			if (prev && prev.weight === 1) prev.weight = contrast.previous;
			weight = contrast.weight;
			if (CONTRAST.has(two)) i++;
			continue;
		}
		current.push(t);
	}
	close();
	return clauses;
}

interface Unit {
	/** standard-form words of this unit */
	text: string;
	weight: number | undefined;
	aspects: Aspect[];
	named: boolean;
	generic: boolean;
	phrase: boolean;
	/** tokens covered */
	n: number;
	/** the form the lexicon knows the word by ("pedesnya" → "pedas") */
	lemma: string;
}

/** The phrase starting at token i with `len` tokens, by written form first, then by lemma. */
function phraseAt(tokens: Token[], lemmas: string[], i: number, len: number): { key: string; weight: number } | null {
	let key = tokens[i].w;
	let differs = lemmas[i] !== key;
	for (let k = 1; k < len; k++) {
		key += ' ' + tokens[i + k].w;
		if (lemmas[i + k] !== tokens[i + k].w) differs = true;
	}
	let weight = PHRASES.get(key);
	if (weight !== undefined) return { key, weight };
	// "gak kuat pedesnya", "expnya masih lama": the same phrase with suffixed or slang words
	if (!differs) return null;
	let byLemma = lemmas[i];
	for (let k = 1; k < len; k++) byLemma += ' ' + lemmas[i + k];
	weight = PHRASES.get(byLemma);
	return weight === undefined ? null : { key: byLemma, weight };
}

function toUnits(tokens: Token[]): Unit[] {
	const units: Unit[] = [];
	const lemmas = tokens.map((t) => wordInfo(t.w).lemma);
	for (let i = 0; i < tokens.length; ) {
		let matched = false;
		for (const len of [3, 2]) {
			if (i + len > tokens.length) continue;
			const phrase = phraseAt(tokens, lemmas, i, len);
			if (!phrase) continue;
			const { key, weight } = phrase;
			const named: Aspect[] = [];
			const implied: Aspect[] = [];
			const own = PHRASE_ASPECTS.get(key);
			if (own) implied.push(own);
			// an idiom that carries no opinion ("salah satu", "terima kasih") names nothing either
			else if (weight === 0 || key === 'terima kasih') {
				/* no aspect */
			} else
				for (let k = 0; k < len; k++) {
					const info = wordInfo(tokens[i + k].w);
					if (info.named) named.push(info.named);
					if (info.implied) implied.push(info.implied);
				}
			units.push({ text: key, weight, aspects: named.length ? named : implied, named: named.length > 0, generic: false, phrase: true, n: len, lemma: key });
			i += len;
			matched = true;
			break;
		}
		if (matched) continue;
		const w = tokens[i].w;
		const info = wordInfo(w);
		const generic = GENERIC_PRODUCT.has(info.lemma);
		units.push({
			text: w,
			weight: info.weight,
			aspects: info.named ? [info.named] : info.implied ? [info.implied] : generic ? ['kualitas'] : [],
			named: info.named !== undefined || generic,
			generic,
			phrase: false,
			n: 1,
			lemma: info.lemma
		});
		i++;
	}
	// "mudah lepas", "cepat rusak", "gampang banget sobek": an ease/speed word before a complaint
	// is an adverb of the complaint, not praise.
	for (let i = 0; i < units.length; i++) {
		if (!ADVERBS.has(units[i].text)) continue;
		for (let k = i + 1; k <= i + 2 && k < units.length; k++) {
			const next = units[k];
			if (next.weight !== undefined && next.weight < 0) {
				next.weight *= 1.3;
				next.text = units[i].text + ' ' + next.text;
				next.phrase = true;
				units[i] = { ...units[i], weight: undefined, aspects: [], named: false };
				break;
			}
			if (!POST_MODIFIERS.has(next.text)) break;
		}
	}
	// "isi total 20 buah", "isi 12": a count, not the portion
	for (let i = 0; i + 1 < units.length; i++)
		if (units[i].lemma === 'isi' && (/^\d/.test(units[i + 1].text) || units[i + 1].text === 'total')) units[i] = { ...units[i], aspects: [] };
	// "beli 2 kotak", "3 box": a count of packs, not a word about the packaging.
	for (let i = 1; i < units.length; i++)
		if (units[i].named && units[i].aspects.includes('kemasan') && /^\d/.test(units[i - 1].text)) units[i] = { ...units[i], aspects: [], named: false };
	// "bungkus sudah pecah", "plastik pecah": the packaging broke, not the product.
	for (let i = 1; i < units.length; i++) {
		if (!units[i].aspects.includes('pecah') || units[i].phrase) continue;
		const k = units[i - 1].lemma === 'sudah' || units[i - 1].text === 'nya' ? i - 2 : i - 1;
		if (k >= 0 && units[k].named && units[k].aspects.includes('kemasan')) units[i] = { ...units[i], aspects: [], named: false };
	}
	// "pas" is "fits" only next to a size, body or taste word ("pedasnya pas"); otherwise it is
	// "when" ("pas dibuka").
	// "enak dipakai" is comfort, not taste.
	for (let i = 0; i < units.length; i++) {
		const u = units[i];
		if (u.text === 'pas' && !units.slice(Math.max(0, i - 3), i + 4).some((v) => v.aspects.includes('ukuran') || v.aspects.includes('pedas') || v.aspects.includes('rasa') || SIZE_CONTEXT.has(v.text)))
			units[i] = { ...u, weight: undefined, aspects: [] };
		if (u.aspects.includes('rasa') && !u.named && units.some((v) => WEAR_CONTEXT.has(v.text))) units[i] = { ...units[i], aspects: [] };
	}
	return units;
}

const SIZE_CONTEXT = new Set(['badan', 'dibadan', 'kaki', 'anak', 'ld', 'pb', 'tebalnya', 'tebal', 'lengan', 'pinggang', 'size']);
const WEAR_CONTEXT = new Set(['dipakai', 'pakai', 'dipake', 'pake', 'daily', 'sehari']);
const ADVERBS = new Set(['mudah', 'gampang', 'cepat']);

interface Scored {
	score: number;
	words: string[];
	units: Unit[];
}

/** Scores units with negation and intensifier scope; also splits where the aspect changes. */
function scoreUnits(units: Unit[]): Scored[] {
	const segments: Scored[] = [];
	let seg: Scored = { score: 0, words: [], units: [] };
	let segHasNamed = false;
	let segHasSentiment = false;
	let neg: { word: string; flip: number; alone: number; left: number } | null = null;
	let mod: { word: string; factor: number; left: number } | null = null;
	let last: { index: number; unitsAgo: number; score: number } | null = null;
	// "tidak terlalu …": a hedge, not a negation ("tidak terlalu manis" is mild praise)
	let hedge: { word: string; left: number } | null = null;
	// an unscored heat word waiting for an intensifier after it ("pedes banget")
	let intense: { word: string; unitsAgo: number } | null = null;

	const settleNegation = () => {
		if (neg && neg.alone !== 0) {
			seg.score += neg.alone;
			seg.words.push(neg.word);
			segHasSentiment = true;
		}
		neg = null;
	};

	for (const u of units) {
		// "barang bagus pengiriman lama": a new named aspect after a scored one starts a new segment.
		if (u.named && !u.phrase && segHasNamed && segHasSentiment && !neg && !mod) {
			segments.push(seg);
			seg = { score: 0, words: [], units: [] };
			segHasNamed = false;
			segHasSentiment = false;
			last = null;
		}
		seg.units.push(u);
		if (u.named) segHasNamed = true;
		if (last) last.unitsAgo++;
		if (intense) intense.unitsAgo++;

		// "tidak terlalu": the negator right before "terlalu" turns the pair into a hedge.
		if (neg && u.text === 'terlalu' && neg.left === NEGATION_WINDOW && (neg.word === 'tidak' || neg.word === 'bukan')) {
			hedge = { word: neg.word + ' terlalu', left: 2 };
			neg = null;
			continue;
		}
		if (hedge) {
			if (u.weight !== undefined && u.weight !== 0) {
				// "tidak terlalu bagus" is a mild complaint, "tidak terlalu mahal" mild praise
				const score = u.weight > 0 ? -0.5 * u.weight : 0.5 * -u.weight;
				seg.score += score;
				seg.words.push(hedge.word + ' ' + u.text);
				segHasSentiment = true;
				last = { index: seg.words.length - 1, unitsAgo: 0, score };
				hedge = null;
				continue;
			}
			if (u.weight === undefined && !NEGATORS.has(u.text) && !PRE_MODIFIERS.has(u.text) && !POST_MODIFIERS.has(u.text) && (u.aspects.length > 0 || u.lemma === 'sedikit' || u.lemma === 'banyak')) {
				// "tidak terlalu manis", "tidak terlalu besar, tidak terlalu sedikit": just right
				seg.score += 0.4;
				seg.words.push(hedge.word + ' ' + u.text);
				segHasSentiment = true;
				hedge = null;
				continue;
			}
			if (--hedge.left === 0) hedge = null;
		}
		// "enak parah", "keren parah": a complaint word used to intensify the praise before it
		const boost = u.phrase ? undefined : INTENSIFYING_COMPLAINTS.get(u.text);
		if (boost && last && last.unitsAgo <= 1 && last.score > 0) {
			seg.score += last.score * (boost - 1);
			last.score *= boost;
			seg.words[last.index] += ' ' + u.text;
			continue;
		}
		const postFactor = u.phrase ? undefined : POST_MODIFIERS.get(u.text);
		if (intense && postFactor && postFactor > 1 && intense.unitsAgo <= MODIFIER_WINDOW && u.weight === undefined) {
			seg.score += 1;
			seg.words.push(intense.word + ' ' + u.text);
			segHasSentiment = true;
			intense = null;
			continue;
		}

		const negator = u.phrase ? undefined : NEGATORS.get(u.text);
		if (negator) {
			settleNegation();
			neg = { word: u.text, flip: negator.flip, alone: negator.alone, left: NEGATION_WINDOW };
			continue;
		}
		const post = u.phrase ? undefined : POST_MODIFIERS.get(u.text);
		if (post && last && last.unitsAgo <= MODIFIER_WINDOW && u.weight === undefined) {
			// re-score the last item: "bagus banget" counts 1.5 × "bagus"
			seg.score += last.score * (post - 1);
			last.score *= post;
			seg.words[last.index] += ' ' + u.text;
			continue;
		}
		const pre = u.phrase ? undefined : PRE_MODIFIERS.get(u.text);
		if (pre && u.weight === undefined) {
			mod = { word: u.text, factor: pre, left: 1 };
			continue;
		}

		if (u.weight !== undefined) {
			let score = u.weight;
			let label = u.text;
			if (mod) {
				score *= mod.factor;
				label = mod.word + ' ' + label;
				mod = null;
			}
			if (neg && u.weight !== 0) {
				if (score > 0) score = NEGATED.get(u.text) ?? score * neg.flip;
				else score = -score * 0.7 * Math.abs(neg.flip);
				label = neg.word + ' ' + label;
			}
			neg = null;
			if (score !== 0) {
				seg.score += score;
				seg.words.push(label);
				segHasSentiment = true;
				last = { index: seg.words.length - 1, unitsAgo: 0, score };
			}
			continue;
		}
		if (!u.phrase && PRAISED_WHEN_INTENSE.has(u.lemma) && !neg) {
			if (mod && mod.factor > 1 && mod.word !== 'terlalu') {
				// "gila pedesnya", "super pedas": heat made stronger is praise
				seg.score += 1;
				seg.words.push(mod.word + ' ' + u.text);
				segHasSentiment = true;
				mod = null;
				continue;
			}
			if (!mod) intense = { word: u.text, unitsAgo: 0 };
		}
		// "gak respon, kecewa": a named aspect ends the negation's reach
		if (neg && (u.named || --neg.left === 0)) settleNegation();
		if (mod && --mod.left === 0) {
			// "terlalu besar": too much of a neutral property is still a complaint
			if (mod.word === 'terlalu') {
				seg.score -= 0.7;
				seg.words.push('terlalu');
				segHasSentiment = true;
			}
			mod = null;
		}
	}
	settleNegation();
	if (mod && (mod as { word: string }).word === 'terlalu') {
		seg.score -= 0.7;
		seg.words.push('terlalu');
	}
	segments.push(seg);
	return segments;
}

function polarityOf(score: number): Polarity {
	return score >= POLARITY_THRESHOLD ? 'positive' : score <= -POLARITY_THRESHOLD ? 'negative' : 'neutral';
}

function aspectsOf(units: Unit[]): Aspect[] {
	const named = new Set<Aspect>();
	const implied = new Set<Aspect>();
	let generic = false;
	for (const u of units) {
		if (u.generic) generic = true;
		else if (u.named) for (const a of u.aspects) named.add(a);
		else for (const a of u.aspects) implied.add(a);
	}
	const chosen = named.size ? named : implied;
	for (const [specific, general] of SPECIFIC_OVER) if ((chosen.has(specific) || implied.has(specific)) && chosen.has(general)) {
		if (chosen.has(general)) chosen.delete(general);
		chosen.add(specific);
	}
	if (chosen.size) return [...chosen];
	return generic ? ['kualitas'] : [];
}

const round = (x: number) => Math.round(x * 100) / 100;

// "pesan hitam yang datang coklat", "pesan 4 dikirim 3": an order verb followed shortly by a
// delivery verb, with no time word between (which would make it "pesan senin, datang selasa"),
// reports that the wrong thing arrived.
const ORDER_VERBS = new Set(['pesan', 'beli', 'minta', 'memesan', 'pesannya', 'mintanya', 'dipesan']);
const ARRIVAL_VERBS = new Set(['datang', 'dikirim', 'kirim', 'dikasih', 'datangnya', 'dikirimnya', 'kirimnya', 'dapat', 'dapatnya', 'diterima']);
const TIME_WORDS = new Set(['ulang', 'hari', 'besok', 'kemarin', 'lusa', 'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu', 'jam', 'pagi', 'siang', 'sore', 'malam', 'cepat', 'langsung', 'sesuai', 'sudah', 'baru', 'belum', 'tanggal', 'tgl', 'lalu', 'lagi', 'dan', 'bulan']);
const MISMATCH_WINDOW = 8;

const ONLY = new Set(['hanya', 'cuma', 'cm', 'cuman']);
const SIZES = new Set(['xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl', '2xl', '3xl', '4xl']);
const LIKE = new Set(['kaya', 'kayak', 'kyk', 'seperti', 'spt', 'setara', 'mirip', 'rasa']);

function mismatchTriggers(tokens: Token[]): Map<Token, Aspect> {
	const out = new Map<Token, Aspect>();
	const form = (t: Token) => (ORDER_VERBS.has(t.w) || ARRIVAL_VERBS.has(t.w) ? t.w : wordInfo(t.w).lemma);
	for (let i = 0; i < tokens.length; i++) {
		const head = form(tokens[i]);
		// "yang datang cuma 1", "dikirim hanya 6 item": fewer than ordered
		if (ARRIVAL_VERBS.has(head) && i + 2 < tokens.length && ONLY.has(tokens[i + 1].w) && /^\d/.test(tokens[i + 2].w)) {
			out.set(tokens[i], 'kesesuaian');
			continue;
		}
		// "XL nya kaya M", "ukuran XXXL seperti ukuran XL": the size runs smaller or larger than labelled
		if (SIZES.has(head)) {
			let k = i + 1;
			if (k < tokens.length && tokens[k].w === 'nya') k++;
			if (k + 1 < tokens.length && LIKE.has(tokens[k].w)) {
				const next = tokens[k + 1].w === 'ukuran' && k + 2 < tokens.length ? tokens[k + 2].w : tokens[k + 1].w;
				if (SIZES.has(next) && next !== head) {
					out.set(tokens[i], 'ukuran');
					continue;
				}
			}
		}
		if (!ORDER_VERBS.has(head)) continue;
		// punctuation does not use up the window: "pesen warna abu tua.. yg dateng warna putih"
		for (let k = i + 1, words = 0; k < tokens.length && words < MISMATCH_WINDOW; k++) {
			if (tokens[k].w !== '.') words++;
			const w = form(tokens[k]);
			if (TIME_WORDS.has(w) || ORDER_VERBS.has(w)) break;
			if (ARRIVAL_VERBS.has(w)) {
				// something must stand between and after: "pesan X datang Y"
				if (k > i + 1 && k + 1 < tokens.length && tokens[k + 1].w !== '.') out.set(tokens[k], 'kesesuaian');
				break;
			}
		}
	}
	return out;
}
const MISMATCH_SCORE = -1.5;
// wishes and purposes ("semoga lancar", "biar makin mantap", "agar tidak bayar lebih mahal")
const WISH = new Set(['semoga', 'sukses', 'agar', 'supaya', 'biar']);
// thanks and loyalty say the buyer is happy, not with which part: no theme from them alone
const THANKS = new Set(['terima kasih', 'alhamdulillah', 'pesan lagi', 'beli lagi', 'repeat pesan', 'pesan ulang', 'beli ulang', 'wajib beli', 'langganan']);
const CONNECTIVES = new Set(['dan', 'karena', 'untuk', 'yang', 'juga', 'dengan', 'serta', 'jadi', 'sehingga', 'atau', 'lalu', 'terus']);

/** Sentiment and aspects of one review, from its text only (stars are a separate signal). */
export function analyzeReview(text: string): ReviewAnalysis {
	const tokens = tokenize(text);
	const clauses: ClauseAnalysis[] = [];
	let total = 0;
	const byAspect = new Map<Aspect, number>();
	let dangling: Aspect[] = [];
	const mismatch = mismatchTriggers(tokens);
	for (const raw of splitClauses(tokens)) {
		const segments = scoreUnits(toUnits(raw.tokens));
		let offset = 0;
		for (const seg of segments) {
			const toks = raw.tokens.slice(offset, offset + countTokens(seg.units));
			offset += toks.length;
			// quote without dangling connectives: "… pecah berkeping keping karena" → "… keping"
			let last = toks.length;
			while (last > 1 && CONNECTIVES.has(toks[last - 1].w)) last--;
			const span = toks.slice(0, last);
			let aspects = aspectsOf(seg.units);
			const trigger = mismatch.size ? toks.find((t) => mismatch.has(t)) : undefined;
			if (trigger) {
				const about = mismatch.get(trigger)!;
				seg.score += MISMATCH_SCORE;
				seg.words.push(about === 'ukuran' ? 'ukuran … seperti ukuran lain' : 'pesan … datang lain');
				// "brg yg di kirim hanya 6": the generic "barang" was only the subject
				if (aspects.length === 1 && aspects[0] === 'kualitas' && !seg.units.some((u) => u.named && !u.generic && u.aspects.includes('kualitas'))) aspects = [about];
				else if (!aspects.includes(about)) aspects = [...aspects, about];
			}
			// "Packing: rapi" — an aspect named without an opinion lends itself to the next clause.
			if (!aspects.length && dangling.length && seg.score !== 0) aspects = dangling;
			dangling = seg.score === 0 && seg.words.length === 0 && toks.length <= 3 ? aspects : [];
			// "semoga lancar", "terima kasih seller": a wish or thanks, no verdict on any part
			if (aspects.length && (toks.some((t) => WISH.has(t.w)) || (seg.words.length > 0 && seg.words.every((w) => THANKS.has(w))))) aspects = [];
			const score = round(seg.score);
			clauses.push({
				text: span.length ? text.slice(span[0].start, span[span.length - 1].end) : '',
				polarity: polarityOf(score),
				score,
				aspects,
				words: seg.words
			});
			const weighted = seg.score * raw.weight;
			total += weighted;
			for (const a of aspects) byAspect.set(a, (byAspect.get(a) ?? 0) + weighted);
		}
	}
	const score = round(total);
	return {
		polarity: polarityOf(score),
		score,
		clauses,
		aspects: [...byAspect].map(([aspect, s]) => ({ aspect, polarity: polarityOf(s) }))
	};
}

function countTokens(units: Unit[]): number {
	let n = 0;
	for (const u of units) n += u.n;
	return n;
}
