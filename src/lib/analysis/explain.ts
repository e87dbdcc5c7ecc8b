// What an agent says about a product dashboard: 3–5 talking points for a conversation, the
// dashboard's Saran (the same list, never a subset: advice.ts computes it once), and a plain-text
// WhatsApp summary. Pure: built from the dashboard's own numbers and sentences, so every sentence
// keeps narrate.ts's rules (≤ 15 words, no jargon, id-ID numbers). Every one says the data's date.
import type { ProductDashboard } from '../dashboard-types';
import { formatNumber } from '../format';
import { jargonIn, MAX_WORDS, priceRangeSentence, splitSentences, wordCount } from './narrate';

/** A sentence an agent can read out: short and free of statistics words. */
function speakable(point: string): boolean {
	return splitSentences(point).every((s) => wordCount(s) <= MAX_WORDS) && jargonIn(point).length === 0;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Talking points, most important first; always 3 to 5. The first says the data's date (and that
 * it is old, when it is). The Saran are not among them: they are shown whole, as `adviceLines`.
 */
export function talkingPoints(d: ProductDashboard): string[] {
	// No market summary yet (being built): nothing to talk about but that.
	if (d.preparing) return [d.dataNote];
	const candidates: string[] = [];
	candidates.push(d.stale ? `${d.dataNote} Angka bisa sudah berubah.` : d.dataNote);
	candidates.push(d.price.headline.join(' '));
	// The demand call in the dashboard's own words (its headline), never reworded here.
	if (d.demand.direction !== null) candidates.push(`Permintaan produk serupa ${lowerFirst(d.demand.headline[0] ?? '')}`);
	const complaint = d.reviews.complaints[0];
	if (complaint) candidates.push(`Keluhan pembeli yang paling sering: ${complaint.label} (${formatNumber(complaint.count)} ulasan).`);
	if (d.demand.nextPeak && d.demand.nextPeak.weeksAway <= 16) candidates.push(d.demand.nextPeak.sentence);
	candidates.push(`Dibandingkan dengan ${formatNumber(d.price.compared)} produk serupa di marketplace.`);
	if (d.demand.direction === null) candidates.push(`Penjualan produk serupa: ${lowerFirst(d.demand.headline.join(' '))}`);
	const points = [...new Set(candidates.filter((p) => p.trim() && speakable(p)))];
	return points.slice(0, 5);
}

/** The dashboard's Saran as numbered lines: the whole list, in its order ("1. Naikkan harga …"). */
export function adviceLines(d: ProductDashboard): string[] {
	return d.advice.map((a, i) => `${i + 1}. ${a.title}`);
}

/** WhatsApp turns *x*, _x_, ~x~ and `x` into formatting; a name must stay plain text. */
export function plainText(s: string, max = 80): string {
	const cleaned = s
		.replace(/[<>*_~`]/g, ' ')
		// Control characters and bidirectional overrides could hide or reorder text.
		.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return cleaned.length > max ? `${cleaned.slice(0, max - 1).trimEnd()}…` : cleaned;
}

export const WHATSAPP_MAX = 700;

/**
 * A plain-text summary for WhatsApp (≤ 700 characters): no markup; the head, the data's date,
 * talking points in priority order, then every Saran of the dashboard. When the text would be
 * too long the least important talking points go first; the date and the Saran stay.
 */
export function whatsappText(d: ProductDashboard): string {
	const name = plainText(d.product.name);
	const who = plainText(d.product.producerName, 40);
	const head = `Ringkasan pasar ${name} (${who}) dari Despro Pasar.`;
	const [date, ...points] = talkingPoints(d);
	if (d.price.range) {
		// The range buyers pay is the most useful number after the price itself.
		const at = points.findIndex((l) => l.startsWith('Harga Anda'));
		points.splice(at + 1, 0, priceRangeSentence(d.price.range, d.price.per));
	}
	const advice = d.advice.length ? ['Saran:', ...adviceLines(d).map(plainTextLine)] : [];
	const tail = d.product.isDemo ? 'Catatan: ini data contoh, bukan data pasar sungguhan.' : '';
	const lines = points.map(plainTextLine);
	const text = () => [head, date, ...lines, ...advice, tail].filter(Boolean).join('\n');
	while (text().length > WHATSAPP_MAX && lines.length > 0) lines.pop();
	let result = text();
	if (result.length > WHATSAPP_MAX) result = `${result.slice(0, WHATSAPP_MAX - 1)}…`;
	return result;
}

/** Lines built from our own sentences still pass through the markup filter (names can sit inside). */
function plainTextLine(s: string): string {
	return plainText(s, 240);
}

/** The wa.me share link; quotes and brackets are percent-encoded too (RFC 3986), whatever quotes the attribute. */
export function whatsappUrl(text: string): string {
	const encoded = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `https://wa.me/?text=${encoded}`;
}
