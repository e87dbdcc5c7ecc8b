// A light Nazief–Adriani affix stripper.
// Why our own and not the `sastrawijs` package: we add no dependencies, this code must also run in
// the browser, and Sastrawi ships a ~30,000-word root dictionary of which we would use a few
// hundred. We only need stemming to find the roots of *our* lexicon and aspect words
// ("pengirimannya" → "kirim", "kekecilan" stays, "mengecewakan" → "kecewa"), so the stripper
// checks each candidate against a caller-supplied set of known roots, in Nazief–Adriani order:
// inflectional particles, possessives, derivational suffixes, then up to two prefixes with
// the usual recoding (meny- → s-, mem- → p-, men- → t-, meng- → k-).

const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
// "-in" is the Jakarta colloquial "-kan"/"-i" ("ngecewain").
const SUFFIXES = ['kan', 'an', 'in', 'i'];

/** Strips affixes until a known root appears; returns null when no candidate is known. */
export function stemToKnown(word: string, known: (w: string) => boolean): string | null {
	if (word.length < 4) return null;
	const seen: string[] = [];
	let w = word;
	for (const p of PARTICLES) if (w.endsWith(p) && w.length - p.length >= 3) { w = w.slice(0, -p.length); break; }
	if (w !== word) seen.push(w);
	for (const p of POSSESSIVES) if (w.endsWith(p) && w.length - p.length >= 3) { w = w.slice(0, -p.length); break; }
	seen.push(w);
	// Buyers also write the Javanese-style "-x" for "-nya" ("warnax", "pesenx").
	if (w.endsWith('x') && w.length > 4) seen.push(w.slice(0, -1));
	for (const c of seen) if (known(c)) return c;

	for (const base of seen) {
		const bases = [base];
		for (const s of SUFFIXES) if (base.endsWith(s) && base.length - s.length >= 3) bases.push(base.slice(0, -s.length));
		for (const b of bases) {
			if (b !== base && known(b)) return b;
			const r = stripPrefixes(b, known, 2);
			if (r) return r;
		}
	}
	return null;
}

function stripPrefixes(w: string, known: (w: string) => boolean, depth: number): string | null {
	if (depth === 0 || w.length < 4) return null;
	for (const cand of prefixCandidates(w)) {
		if (cand.length < 3) continue;
		if (known(cand)) return cand;
		const deeper = stripPrefixes(cand, known, depth - 1);
		if (deeper) return deeper;
	}
	return null;
}

const VOWEL = /^[aiueo]/;

function prefixCandidates(w: string): string[] {
	const out: string[] = [];
	const two = w.slice(0, 2);
	if (two === 'di' || two === 'ke' || two === 'se') out.push(w.slice(2));
	if (two === 'be' || two === 'te') {
		if (w[2] === 'r') out.push(w.slice(3));
		out.push(w.slice(2));
	}
	if (two === 'me' || two === 'pe') {
		const rest = w.slice(2);
		if (rest.startsWith('ng')) {
			out.push(rest.slice(2));
			if (VOWEL.test(rest.slice(2))) out.push('k' + rest.slice(2));
		} else if (rest.startsWith('ny')) {
			out.push('s' + rest.slice(2));
		} else if (rest.startsWith('m')) {
			out.push(rest.slice(1));
			if (VOWEL.test(rest.slice(1))) out.push('p' + rest.slice(1));
		} else if (rest.startsWith('n')) {
			out.push(rest.slice(1));
			if (VOWEL.test(rest.slice(1))) out.push('t' + rest.slice(1));
		} else if (two === 'pe' && rest.startsWith('r')) {
			out.push(rest.slice(1));
			out.push(rest);
		} else {
			out.push(rest);
		}
	}
	// Colloquial nasal prefixes: "ngirim", "nyampe", "ngecewain".
	if (w.startsWith('nge')) out.push(w.slice(3), 'k' + w.slice(2));
	else if (w.startsWith('ng') && VOWEL.test(w.slice(2))) out.push('k' + w.slice(2), w.slice(2));
	else if (w.startsWith('ny') && VOWEL.test(w.slice(2))) out.push('s' + w.slice(2));
	return out;
}
