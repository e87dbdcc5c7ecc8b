// The producer's own pack, in the words she sells it by: "bungkus (3 × 250 gram)", "botol
// (250 ml)", "set (6 buah)", "buah". Prices are judged per unit (per kg, liter or buah, so that
// packs of different sizes compare), but a producer sets the price of her pack: advice that
// says "naikkan mendekati Rp63.400 per kg" leaves her the arithmetic (issue 11, item 7). This
// turns a unit price back into a pack price, rounded the way a seller writes prices.
import { formatPackSize, type Unit } from './units';

export interface OwnPack {
	/** The pack word: bungkus, botol, toples, sachet, set, lusin, pasang, lembar, buah… */
	word: string;
	/** What one pack holds, when it is more than one piece: "3 × 250 gram", "250 gram", "6 buah". */
	contents: string | null;
	/** The pack's content in base units (g, ml, pcs), as stored with the product. */
	quantity: number;
	unit: Unit;
}

// Words that name what a seller hands over. First found in the name wins, in this order.
const SINGLE_WORDS: [RegExp, string][] = [
	[/\b(?:toples|stoples|jar)\b/i, 'toples'],
	[/\b(?:botol|btl)\b/i, 'botol'],
	[/\b(?:kaleng)\b/i, 'kaleng'],
	[/\b(?:pouch)\b/i, 'pouch'],
	[/\b(?:sachet|saset)\b/i, 'sachet'],
	[/\b(?:cup)\b/i, 'cup'],
	[/\b(?:kotak|box)\b/i, 'kotak'],
	[/\b(?:bungkus|bks)\b/i, 'bungkus'],
	[/\b(?:set)\b/i, 'set'],
	[/\b(?:pasang|psg)\b/i, 'pasang'],
	[/\b(?:lembar|lbr)\b/i, 'lembar'],
	[/\b(?:ikat)\b/i, 'ikat']
];
// Words for a pack that holds several pieces: "[PACK] … Sachet (10 x 20gr)" is a pak of sachets.
const OUTER_WORDS: [RegExp, string][] = [
	[/\b(?:renceng|rcg)\b/i, 'renceng'],
	[/\b(?:kotak|box)\b/i, 'kotak'],
	[/\b(?:dus)\b/i, 'dus'],
	[/\b(?:paket)\b/i, 'paket'],
	[/\b(?:pack|pak)\b/i, 'pak'],
	[/\b(?:bungkus|bks)\b/i, 'bungkus'],
	[/\b(?:set)\b/i, 'set']
];
// What the pieces inside are called ("isi 5 pasang", "isi 10 lembar"); otherwise "buah".
const PIECE_WORDS: [RegExp, string][] = [
	[/\b(?:pasang|psg)\b/i, 'pasang'],
	[/\b(?:lembar|lbr)\b/i, 'lembar'],
	[/\b(?:sachet|saset)\b/i, 'sachet'],
	[/\b(?:botol)\b/i, 'botol']
];

function firstWord(name: string, words: [RegExp, string][]): string | null {
	let best: { at: number; word: string } | null = null;
	for (const [re, word] of words) {
		const m = re.exec(name);
		if (m && (best === null || m.index < best.at)) best = { at: m.index, word };
	}
	return best?.word ?? null;
}

const MASS_OR_VOLUME: Record<string, { unit: Unit; factor: number }> = {
	kg: { unit: 'g', factor: 1000 },
	kilo: { unit: 'g', factor: 1000 },
	gram: { unit: 'g', factor: 1 },
	gr: { unit: 'g', factor: 1 },
	grm: { unit: 'g', factor: 1 },
	g: { unit: 'g', factor: 1 },
	ons: { unit: 'g', factor: 100 },
	ml: { unit: 'ml', factor: 1 },
	liter: { unit: 'ml', factor: 1000 },
	ltr: { unit: 'ml', factor: 1000 },
	l: { unit: 'ml', factor: 1000 }
};
const Q = String.raw`(\d+(?:[.,]\d+)?)\s*(kg|kilo|gram|grm|gr|g|ons|ml|liter|ltr|l)\b`;
// "3 x 250gr", "isi 3 x 250 gram", "10 sachet x 20gr" — and "250gr x 3".
const N_TIMES_Q = new RegExp(String.raw`\b(\d+)\s*(?:[a-z]+\s*)?[x×*@]\s*${Q}`, 'i');
const Q_TIMES_N = new RegExp(String.raw`${Q}\s*[x×*]\s*(\d+)\b`, 'i');
const num = (s: string) => Number(s.replace(',', '.'));

/** "3 × 250 gram" when the name states N × Q and that is the stored content; else null. */
function multiplied(name: string, quantity: number, unit: Unit): string | null {
	const candidates: [number, number, string][] = [];
	const a = N_TIMES_Q.exec(name);
	if (a) candidates.push([num(a[1]), num(a[2]), a[3].toLowerCase()]);
	const b = Q_TIMES_N.exec(name);
	if (b) candidates.push([num(b[3]), num(b[1]), b[2].toLowerCase()]);
	for (const [n, q, word] of candidates) {
		const def = MASS_OR_VOLUME[word];
		if (!def || def.unit !== unit || !(n > 1)) continue;
		const each = q * def.factor;
		if (Math.abs(n * each - quantity) <= quantity * 0.01) return `${n} × ${formatPackSize({ quantity: each, unit })}`;
	}
	return null;
}

/** The producer's pack from her product's name and its stored content (quantity in g, ml or pcs). */
export function ownPack(name: string, quantity: number, unit: Unit): OwnPack {
	const q = quantity > 0 ? quantity : 1;
	if (unit === 'pcs') {
		if (q === 1) return { word: firstWord(name, SINGLE_WORDS) ?? 'buah', contents: null, quantity: q, unit };
		const piece = firstWord(name, PIECE_WORDS) ?? 'buah';
		const dozen = /\blusin\b/i.test(name) && q === 12 ? 'lusin' : /\bkodi\b/i.test(name) && q === 20 ? 'kodi' : null;
		const word = dozen ?? firstWord(name, OUTER_WORDS) ?? 'set';
		return { word, contents: `${new Intl.NumberFormat('id-ID').format(q)} ${piece}`, quantity: q, unit };
	}
	const times = multiplied(name, q, unit);
	const word = times
		? (firstWord(name, OUTER_WORDS) ?? (unit === 'g' ? 'bungkus' : 'pak'))
		: (firstWord(name, SINGLE_WORDS) ?? (unit === 'g' ? 'bungkus' : 'botol'));
	return { word, contents: times ?? formatPackSize({ quantity: q, unit }), quantity: q, unit };
}

/** "bungkus (3 × 250 gram)", "botol (1 liter)", "set (6 buah)", "buah". */
export function packPhrase(p: Pick<OwnPack, 'word' | 'contents'>): string {
	return p.contents ? `${p.word} (${p.contents})` : p.word;
}

/** Whether a price per pack and per unit are the same number (one piece sold by the piece). */
export function soldByThePiece(p: Pick<OwnPack, 'quantity' | 'unit'>): boolean {
	return p.unit === 'pcs' && p.quantity === 1;
}

/** The pack price that a unit price (per kg, per liter or per buah) comes to, unrounded. */
export function packPriceAt(unitValue: number, p: Pick<OwnPack, 'quantity' | 'unit'>): number {
	return p.unit === 'pcs' ? unitValue * p.quantity : (unitValue * p.quantity) / 1000;
}

/** The step a seller rounds a price of this size to: Rp47.500, Rp8.900, Rp1.250.000. */
export function priceStep(v: number): number {
	if (v < 100) return 1;
	if (v < 1_000) return 10;
	if (v < 2_000) return 50;
	if (v < 10_000) return 100;
	if (v < 100_000) return 500;
	if (v < 1_000_000) return 1_000;
	return 10_000;
}

/**
 * A pack price rounded to a price a seller would write: 'up' when advising a raise (so the new
 * price reaches the advised unit price), 'down' when advising a cut, else to the nearest step.
 */
export function roundPackPrice(v: number, direction: 'up' | 'down' | 'nearest' = 'nearest'): number {
	if (!(v > 0)) return 0;
	const step = priceStep(v);
	const n = v / step;
	// 47.500,0000001 from float arithmetic is still 47.500, not 48.000.
	const eps = 1e-6;
	const k = direction === 'up' ? Math.ceil(n - eps) : direction === 'down' ? Math.floor(n + eps) : Math.round(n);
	return Math.max(step, k * step);
}
