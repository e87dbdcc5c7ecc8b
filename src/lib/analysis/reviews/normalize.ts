// Normalisation and tokenisation of informal Indonesian review text.
// Every token keeps its offsets in the original text so that clauses can be quoted exactly as the
// buyer wrote them, while analysis runs on standard forms ("gk" → "tidak", "bagusss" → "bagus").
import { SLANG } from './slang';
import { WORDS, PHRASES, NEGATORS, PRE_MODIFIERS, POST_MODIFIERS, CONTRAST } from './lexicon';
import { NAMED, IMPLIED } from './aspects';
import { stemToKnown } from './stem';

export interface Token {
	/** Standard form, or '.' for a clause boundary (punctuation, emoji, lost emoji "??"). */
	w: string;
	start: number;
	end: number;
}

// Everything our tables know, in standard form. Elongated or suffixed spellings are resolved
// against this set, so "mantaap" becomes "mantap" but "saat" stays "saat".
const KNOWN = new Set<string>([
	...WORDS.keys(),
	...NEGATORS.keys(),
	...PRE_MODIFIERS.keys(),
	...POST_MODIFIERS.keys(),
	...NAMED.keys(),
	...IMPLIED.keys(),
	...SLANG.keys(),
	...[...SLANG.values()].flatMap((v) => v.split(' ')),
	...[...PHRASES.keys(), ...CONTRAST.keys()].flatMap((p) => p.split(' ')),
	// a few frequent function and product words that are neither sentiment nor aspect
	...'ada apa ini itu dan atau di ke pada dalam karena jadi agar supaya sih ya kok dong deh nih tuh kak gan min pakai dipakai beli membeli kasih kirim kemas jual waktu barang produk hari minggu bulan kali satu dua tiga baru'.split(' ')
]);

const isKnown = (w: string) => KNOWN.has(w);

// One scan of the text: words (letters/digits, with inner hyphens or apostrophes), clause
// punctuation, and symbols. Emoji and U+FFFD (emoji lost in export) also end a clause.
const SCAN = /[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*|[.,!?;:\n\r]|\p{Extended_Pictographic}|\uFFFD/gu;

const tokenCache = new Map<string, string[]>();
const CACHE_LIMIT = 50_000;

/** Standard form(s) of one raw word; several words for "gpp" → tidak apa apa. */
export function normalizeWord(raw: string): string[] {
	let hit = tokenCache.get(raw);
	if (hit === undefined) {
		hit = computeWord(raw.toLowerCase());
		if (tokenCache.size > CACHE_LIMIT) tokenCache.clear();
		tokenCache.set(raw, hit);
	}
	return hit;
}

function computeWord(w: string): string[] {
	if (/^\d/.test(w)) return [w]; // numbers and sizes ("10gr", "42") stay as they are
	const slang = SLANG.get(w);
	if (slang) return slang.split(' ');
	if (w.includes('-') || w.includes("'")) {
		const parts = w.split(/['\-]/).filter(Boolean);
		// Reduplication ("barang-barang", "hati-hati") keeps one copy; other compounds split.
		if (parts.length === 2 && parts[0] === parts[1]) return normalizeWord(parts[0]);
		return parts.flatMap((p) => normalizeWord(p));
	}
	// "bahan2", "hati2", "asal2an": reduplication written with a 2.
	const redup = /^([a-z]{2,})2([a-z]*)$/.exec(w);
	if (redup) return normalizeWord(redup[1] + redup[2]);
	if (/^[a-z]+$/.test(w)) return resolveElongation(w);
	return [w];
}

// "bagusss" → "bagus", "goood" → "good" → "bagus", "mantaap" → "mantap". Tries the spellings in
// order and keeps the first one our tables know; unknown words get runs of 3+ squeezed to one.
function resolveElongation(w: string): string[] {
	if (isKnownOrStem(w)) return [w];
	const two = w.replace(/(.)\1{2,}/g, '$1$1');
	const one = w.replace(/(.)\1+/g, '$1');
	for (const c of [two, w.replace(/(.)\1{2,}/g, '$1'), one]) {
		if (c !== w && isKnownOrStem(c)) return SLANG.get(c)?.split(' ') ?? [c];
	}
	return [w.replace(/(.)\1{2,}/g, '$1')];
}

function isKnownOrStem(w: string): boolean {
	return KNOWN.has(w) || stemToKnown(w, isKnown) !== null;
}

/** Tokens of a review in standard form with their offsets in the original text. */
export function tokenize(text: string): Token[] {
	const out: Token[] = [];
	SCAN.lastIndex = 0;
	let prevDigit = false;
	for (let m = SCAN.exec(text); m !== null; m = SCAN.exec(text)) {
		const raw = m[0];
		const start = m.index;
		const end = start + raw.length;
		const c = raw.charCodeAt(0);
		const isWord = /[\p{L}\p{N}]/u.test(raw[0]);
		if (!isWord) {
			if (out.length && out[out.length - 1].w !== '.') out.push({ w: '.', start, end });
			prevDigit = false;
			continue;
		}
		// "10 g" is ten grams, not "10 tidak".
		if (prevDigit && (raw === 'g' || raw === 'G')) {
			out.push({ w: 'g', start, end });
			prevDigit = false;
			continue;
		}
		for (const w of normalizeWord(raw)) out.push({ w, start, end });
		prevDigit = c >= 48 && c <= 57;
	}
	return out;
}

/** Lower case, elongations squeezed, slang → standard forms; punctuation kept as clause marks. */
export function normalizeReview(text: string): string {
	const out: string[] = [];
	SCAN.lastIndex = 0;
	let prevDigit = false;
	for (let m = SCAN.exec(text); m !== null; m = SCAN.exec(text)) {
		const raw = m[0];
		if (/[\p{L}\p{N}]/u.test(raw[0])) out.push(...(prevDigit && (raw === 'g' || raw === 'G') ? ['g'] : normalizeWord(raw)));
		else if (/[.,!?;:]/.test(raw)) out.push(raw);
		prevDigit = /^\d/.test(raw);
	}
	return out.join(' ').replace(/ ([.,!?;:])/g, '$1');
}
