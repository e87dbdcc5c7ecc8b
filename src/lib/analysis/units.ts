// Pack size from a listing title, so that competitors can be compared per kilogram, per
// litre or per piece. Titles are free text written by sellers: "[PACK] Finna Sambal Uleg Ijo
// Sachet (10 x 20gr)", "Kopi Robusta 250 gr", "Piring Keramik 1 lusin", but also
// "Lenovo V14 G2 Ryzen 3 5300U 256GB SSD 4GB" and "Pot Diameter 30 cm". We would rather
// say "no size found" (null, callers treat it as 1 buah) than invent a quantity, because one
// wrong "512 g" puts a laptop into the sambal price chart.
import { parseIdNumber } from './money';

export type Unit = 'g' | 'ml' | 'pcs';
export type UnitFamily = 'mass' | 'volume' | 'count';

export interface PackSize {
	/** In base units: grams, millilitres or pieces. */
	quantity: number;
	unit: Unit;
	family: UnitFamily;
}

interface UnitDef {
	unit: Unit;
	family: UnitFamily;
	factor: number;
}

const MASS = (factor: number): UnitDef => ({ unit: 'g', family: 'mass', factor });
const VOLUME = (factor: number): UnitDef => ({ unit: 'ml', family: 'volume', factor });
const COUNT = (factor: number): UnitDef => ({ unit: 'pcs', family: 'count', factor });

const UNIT_WORDS: Record<string, UnitDef> = {
	kilogram: MASS(1000),
	kilo: MASS(1000),
	kgs: MASS(1000),
	kg: MASS(1000),
	grams: MASS(1),
	gram: MASS(1),
	grm: MASS(1),
	gr: MASS(1),
	gm: MASS(1),
	g: MASS(1),
	ons: MASS(100),
	mg: MASS(0.001),
	mililiter: VOLUME(1),
	milliliter: VOLUME(1),
	ml: VOLUME(1),
	cc: VOLUME(1),
	liter: VOLUME(1000),
	litre: VOLUME(1000),
	ltr: VOLUME(1000),
	lt: VOLUME(1000),
	l: VOLUME(1000),
	pcs: COUNT(1),
	pc: COUNT(1),
	buah: COUNT(1),
	bh: COUNT(1),
	biji: COUNT(1),
	butir: COUNT(1),
	btr: COUNT(1),
	pasang: COUNT(1),
	psg: COUNT(1),
	set: COUNT(1),
	lembar: COUNT(1),
	lbr: COUNT(1),
	sheets: COUNT(1),
	sheet: COUNT(1),
	sachet: COUNT(1),
	saset: COUNT(1),
	sct: COUNT(1),
	botol: COUNT(1),
	btl: COUNT(1),
	pouch: COUNT(1),
	bungkus: COUNT(1),
	bks: COUNT(1),
	renceng: COUNT(1),
	rcg: COUNT(1),
	rtg: COUNT(1),
	box: COUNT(1),
	dus: COUNT(1),
	kotak: COUNT(1),
	pack: COUNT(1),
	pak: COUNT(1),
	paket: COUNT(1),
	unit: COUNT(1),
	roll: COUNT(1),
	tablet: COUNT(1),
	kapsul: COUNT(1),
	lusin: COUNT(12),
	kodi: COUNT(20),
	gross: COUNT(144),
	gros: COUNT(144),
	rim: COUNT(500)
};

// Containers hold other pieces: "1 pack isi 6", "1 PACK 50 PCS", "6rtg".
const CONTAINERS = ['pack', 'pak', 'paket', 'box', 'dus', 'kotak', 'bungkus', 'bks', 'renceng', 'rcg', 'rtg', 'pouch'];

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const ANY_UNIT = byLength(Object.keys(UNIT_WORDS));
const COUNT_UNIT = byLength(Object.keys(UNIT_WORDS).filter((w) => UNIT_WORDS[w].family === 'count'));
const CONTAINER = byLength(CONTAINERS);

const NUM = String.raw`\d+(?:[.,]\d+)*`;
// A quantity starts a word: not "V14", "i7-8650"'s second half is fine because "8650" has no unit,
// and not the "4" of "1/4" (read by the fraction pattern instead).
const START = String.raw`(?<![a-z\d.,])(?<!\d\/)`;
const END = String.raw`(?![a-z\d])`;
const TIMES = String.raw`\s*[x×*@]\s*`;
// After "250gr x 3" a length unit means a dimension, not a pack count.
const NOT_LENGTH = String.raw`(?!\s*(?:cm|mm|m|meter|inch|in|")(?![a-z]))`;

const re = (source: string) => new RegExp(source, 'gi');
// "3 x 250gr", "10 pcs x 20gr", "10 sachet @ 20 gr", "isi 3 x 250gr"
const N_TIMES_Q = re(`${START}(${NUM})\\s*(?:(${COUNT_UNIT})\\s*)?${TIMES}(${NUM})\\s*(${ANY_UNIT})${END}`);
// "8gr x 10 pack", "250gr x 3"
const Q_TIMES_N = re(
	`${START}(${NUM})\\s*(${ANY_UNIT})${TIMES}(\\d+)(?:\\s*(${COUNT_UNIT})${END}|(?![a-z\\d.,])${NOT_LENGTH})`
);
// "1/4 kg", "1/2 liter"
const FRACTION = re(`${START}(\\d+)\\/(\\d+)\\s*(${ANY_UNIT})${END}`);
const PLAIN = re(`${START}(${NUM})\\s*(${ANY_UNIT})${END}`);
// "1 pack isi 6", "1 PACK 50 PCS"
const CONTAINER_OF = re(`${START}(${NUM})\\s*(?:${CONTAINER})\\s*(?:isi\\s*)?(${NUM})\\s*(${COUNT_UNIT})?${END}`);
// "isi 12", "isi 3 pcs", "isi 2 lusin"
const ISI = re(`\\bisi\\s*(${NUM})\\s*(${COUNT_UNIT})?${END}`);

const MEMORY_SIZES = new Set([8, 12, 16, 32, 64, 128, 256, 512, 1024]);

/**
 * The unit behind a word as written, or null when this spelling is not a quantity here.
 * A bare "g" after 2–5 is a network generation ("Redmi 12 5G", "android 5g/4g"). A bare
 * capital "G" is grams only for a round retail size ("50G", "100Gx2"): after a memory size
 * ("RAM 8G", "128G") or an odd number ("A514 54G", "Cisco 7942G") it is part of a model name.
 */
function unitOf(word: string, amount: number): UnitDef | null {
	const def = UNIT_WORDS[word.toLowerCase()];
	if (!def) return null;
	if (word === 'g' || word === 'G') {
		if (Number.isInteger(amount) && amount >= 2 && amount <= 5) return null;
		if (word === 'G' && (MEMORY_SIZES.has(amount) || amount % 5 !== 0)) return null;
	}
	return def;
}

/**
 * A number glued by a hyphen to a capital letter or digit is part of a model code
 * ("XG-220 GM", "A514-54G", "i3-1115G4"), while "blitar-200 gr" is a word and a size.
 */
function inModelCode(title: string, index: number): boolean {
	return title[index - 1] === '-' && /[A-Z0-9]/.test(title[index - 2] ?? '');
}

function num(text: string): number | null {
	return parseIdNumber(text);
}

interface Candidate {
	tier: number;
	index: number;
	/** End of the matched text: a size inside another statement's span is part of it. */
	end: number;
	quantity: number;
	def: UnitDef;
	/** "Sachet 18gr", "500 Gr / Bottle": a measure of one piece, multiplied by a count stated elsewhere. */
	perPiece?: boolean;
}

// Words for one piece of a pack: a measure written right next to one ("Sachet 18gr",
// "18gr/sachet", "(Pouch/1kg)") is the content of that piece, not of the whole listing. A piece
// word after a number is a count instead ("10pcs/600gram": ten pieces, 600 g in all).
const PIECE_WORDS = 'sachet|saset|sct|pcs|pc|pouch|botol|btl|bottle|bungkus|bks|cup|jar|toples|kemasan|pack|pak';
const PIECE_BEFORE = new RegExp(String.raw`(?:^|[^a-z\d])(?<!\d\s)(?:${PIECE_WORDS})\s*[/(]?\s*$`, 'i');
const PIECE_AFTER = new RegExp(String.raw`^\s*(?:/|per)\s*(?:${PIECE_WORDS})(?![a-z])`, 'i');

// Precedence (lower tier wins; within a tier the first occurrence in the title wins):
//   0 multiplication: "3 x 250gr", "8gr x 10 pack" — the most specific statement of content;
//     also a piece's measure times a count stated elsewhere: "Sachet 18gr (Isi 10 Pcs)" = 180 g.
//   1 mass or volume: "250 gr", "1,5 kg", "1/4 kg", "535ml" — a measured content beats a piece
//     count, so "10pcs/600gram" is 600 g and comparable per kilogram.
//   2 container with content: "1 pack isi 6", "1 PACK 50 PCS"
//   3 "isi 12", "isi 3 pcs"
//   4 plain count: "4 Pcs", "1 lusin", "1 kodi", "3 Botol"
//   5 milligrams: "Vitamin C 500mg isi 30" is a dose per piece, so any count above wins.
function candidates(title: string): Candidate[] {
	const out: Candidate[] = [];
	const push = (tier: number, m: RegExpMatchArray, quantity: number | null, def: UnitDef | null) => {
		const index = m.index ?? 0;
		if (def === null || quantity === null || !Number.isFinite(quantity) || quantity <= 0) return;
		if (inModelCode(title, index)) return;
		// Ten tonnes or ten million pieces is not a retail pack; it is a model number or a typo.
		if (quantity > 1e7) return;
		const end = index + m[0].length;
		const perPiece =
			tier === 1 && def.family !== 'count' && (PIECE_BEFORE.test(title.slice(Math.max(0, index - 12), index)) || PIECE_AFTER.test(title.slice(end, end + 12)));
		out.push({ tier: tier === 1 && def.factor < 1 ? 5 : tier, index, end, quantity, def, perPiece });
	};
	for (const m of title.matchAll(N_TIMES_Q)) {
		const n = num(m[1]);
		const q = num(m[3]);
		const per = m[2] ? (unitOf(m[2], n ?? 0)?.factor ?? 1) : 1;
		const def = q === null ? null : unitOf(m[4], q);
		if (n !== null && q !== null && def) push(0, m, n * per * q * def.factor, def);
	}
	for (const m of title.matchAll(Q_TIMES_N)) {
		const q = num(m[1]);
		const n = num(m[3]);
		const def = q === null ? null : unitOf(m[2], q);
		const per = m[4] ? (unitOf(m[4], n ?? 0)?.factor ?? 1) : 1;
		if (n !== null && q !== null && def) push(0, m, n * per * q * def.factor, def);
	}
	for (const m of title.matchAll(FRACTION)) {
		const a = Number(m[1]);
		const b = Number(m[2]);
		const def = unitOf(m[3], a);
		if (def && def.family !== 'count' && b > 0) push(1, m, (a / b) * def.factor, def);
	}
	for (const m of title.matchAll(PLAIN)) {
		const q = num(m[1]);
		const def = q === null ? null : unitOf(m[2], q);
		if (q !== null && def) push(def.family === 'count' ? 4 : 1, m, q * def.factor, def);
	}
	for (const m of title.matchAll(CONTAINER_OF)) {
		const n = num(m[1]);
		const q = num(m[2]);
		const def = m[3] ? unitOf(m[3], q ?? 0) : UNIT_WORDS.pcs;
		if (n !== null && q !== null && def) push(2, m, n * q * def.factor, def);
	}
	for (const m of title.matchAll(ISI)) {
		const q = num(m[1]);
		const def = m[2] ? unitOf(m[2], q ?? 0) : UNIT_WORDS.pcs;
		if (q !== null && def) push(3, m, q * def.factor, def);
	}
	return out;
}

const inside = (a: Candidate, b: Candidate) => a !== b && a.index >= b.index && a.end <= b.end;
const sameQuantity = (a: number, b: number) => Math.abs(a - b) <= 0.02 * Math.max(a, b);

/** Whether a pack size could be read from a title, and if not, why not. */
export type PackStatus = 'ok' | 'none' | 'conflict';

export interface PackReading {
	pack: PackSize | null;
	status: PackStatus;
	/** For 'conflict': the sizes that disagree, as written ("1kg", "160 gram"). */
	sizes?: string[];
}

/**
 * Reads a title's pack size as a buyer would. Besides parsePackSize's rules: a piece's measure
 * times a count stated elsewhere ("Sachet 18gr (Isi 10 Pcs)" = 180 g, "Paket 10pc … Sachet 20gr"
 * = 200 g); and two different weights (or volumes) that no multiplication explains are a
 * contradiction ("(1kg) … - 160 gram"): status 'conflict', no pack, so nobody compares a price
 * per kilogram that may be six times wrong. One exception: a name listing options ("1 kg | 500
 * gr") followed by the chosen variant ("… - 500gr") is that variant. Never throws.
 */
export function readPackSize(title: string): PackReading {
	if (typeof title !== 'string' || !title) return { pack: null, status: 'none' };
	try {
		const found = candidates(title);
		if (found.length === 0) return { pack: null, status: 'none' };
		// Statements: sizes not part of a bigger statement ("250gr" inside "3 x 250gr").
		let statements = found.filter((c) => !found.some((o) => o.tier <= c.tier && inside(c, o)));
		const counts = statements.filter((c) => c.def.family === 'count' && c.quantity > 1 && c.tier >= 2 && c.tier <= 4);
		const pieces = statements.filter((c) => c.perPiece && c.tier === 1);
		if (pieces.length === 1 && counts.length > 0 && !statements.some((c) => c.tier === 0)) {
			// "Sachet 18gr (Isi 10 Pcs)": the first count times the piece's measure.
			const count = [...counts].sort((a, b) => a.tier - b.tier || a.index - b.index)[0];
			const piece = pieces[0];
			statements = [
				{ ...piece, tier: 0, index: Math.min(piece.index, count.index), end: Math.max(piece.end, count.end), quantity: piece.quantity * count.quantity, perPiece: false },
				...statements.filter((c) => c !== piece && c !== count)
			];
		}
		const measures = statements.filter((c) => c.tier <= 1 && c.def.family !== 'count');
		for (const family of ['mass', 'volume'] as const) {
			const of = measures.filter((c) => c.def.family === family);
			const distinct = of.filter((c, i) => of.findIndex((o) => sameQuantity(o.quantity, c.quantity)) === i);
			if (distinct.length < 2) continue;
			// "Name 1 kg | 500 gr - 500gr": the variant after the last " - " picks one of the name's options.
			const cut = title.lastIndexOf(' - ');
			const variant = cut > 0 ? of.filter((c) => c.index > cut) : [];
			const name = cut > 0 ? of.filter((c) => c.index < cut) : of;
			const nameDistinct = name.filter((c, i) => name.findIndex((o) => sameQuantity(o.quantity, c.quantity)) === i);
			const chosen = variant.length > 0 && variant.every((c) => sameQuantity(c.quantity, variant[0].quantity)) ? variant[0] : null;
			if (chosen && nameDistinct.length >= 2 && nameDistinct.some((c) => sameQuantity(c.quantity, chosen.quantity))) {
				return { pack: toPack(chosen), status: 'ok' };
			}
			return { pack: null, status: 'conflict', sizes: distinct.map((c) => title.slice(c.index, c.end).trim()) };
		}
		statements.sort((a, b) => a.tier - b.tier || a.index - b.index);
		return { pack: toPack(statements[0]), status: 'ok' };
	} catch {
		return { pack: null, status: 'none' };
	}
}

function toPack(c: Candidate): PackSize {
	// Float noise from "1,5 kg" × 1000 or "0,1 l" must not leak into per-kg prices.
	const quantity = Math.round(c.quantity * 1000) / 1000;
	return { quantity, unit: c.def.unit, family: c.def.family };
}

/**
 * Pack size in base units (g, ml, pcs) from a listing title, or null when none is stated or
 * the title contradicts itself (readPackSize says which).
 * Not quantities: lengths ("20cm", "30 x 40 cm"), clothing sizes, model and memory numbers
 * ("iPhone 15", "XG-120", "512GB", "16GB RAM", "5G"), years and percentages. See the
 * precedence list above `candidates` for titles that state several sizes. Never throws.
 */
export function parsePackSize(title: string): PackSize | null {
	return readPackSize(title).pack;
}

export function familyOf(unit: Unit): UnitFamily {
	return unit === 'g' ? 'mass' : unit === 'ml' ? 'volume' : 'count';
}

/** Indonesian unit word: "gram"/"kg", "ml"/"liter", "buah". Quantity in base units picks the larger word. */
export function unitLabel(unit: Unit, quantity?: number): string {
	const large = quantity !== undefined && quantity >= 1000;
	if (unit === 'g') return large ? 'kg' : 'gram';
	if (unit === 'ml') return large ? 'liter' : 'ml';
	return 'buah';
}

const packNumber = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** "250 gram", "1,5 kg", "1 liter", "12 buah"; null pack is one piece. */
export function formatPackSize(pack: { quantity: number; unit: Unit } | null): string {
	if (!pack) return '1 buah';
	const large = pack.unit !== 'pcs' && pack.quantity >= 1000;
	const shown = large ? pack.quantity / 1000 : pack.quantity;
	return `${packNumber.format(shown)} ${unitLabel(pack.unit, pack.quantity)}`;
}

/**
 * Price per display unit: mass per 1 kg, volume per 1 liter, count per 1 buah (also for a
 * title with no size). One fixed unit per family keeps every chart and sentence comparable.
 * `value` is rounded to whole Rupiah.
 */
export function unitPrice(
	price: number,
	pack: { quantity: number; unit: Unit } | null
): { value: number; per: string } {
	if (!pack || !(pack.quantity > 0)) return { value: Math.round(price), per: 'buah' };
	if (pack.unit === 'g') return { value: Math.round((price / pack.quantity) * 1000), per: 'kg' };
	if (pack.unit === 'ml') return { value: Math.round((price / pack.quantity) * 1000), per: 'liter' };
	return { value: Math.round(price / pack.quantity), per: 'buah' };
}
