// Scores competitor sets.
//   npm run eval:competitors                       the demo market: every product's stored set
//                                                  against the generator's truth (DEMO_SEED,
//                                                  DEMO_LISTINGS, DEMO_END_DATE as `npm start` uses
//                                                  them; or -- --seed 7 --listings 6000)
//   npm run eval:competitors -- <labels.csv>       labelled pairs: columns product_title,
//                                                  listing_title, listing_category, comparable (1/0)
// Both decide with the app's own code (src/lib/server/eval/competitors.ts). The last stdout line is JSON:
// {"products","precision","recall"} for the demo, {"n","precision","recall","f1"} for pairs.
// Bad input (no such file, missing columns, a comparable that is not 1 or 0) gets a message in
// Indonesian and exit code 1.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_LISTINGS, DEFAULT_SEED } from '../src/lib/server/demo/seed.ts';
import { evaluateDemo, scorePairs, type LabelledPair } from '../src/lib/server/eval/competitors.ts';

const COLUMNS = ['product_title', 'listing_title', 'listing_category', 'comparable'] as const;

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return undefined;
	const v = args[i + 1];
	if (v === undefined || v.startsWith('--')) fail(`--${name} perlu nilai, misalnya --${name} 7.`);
	return v;
}

function wholeNumber(text: string | undefined, what: string, min: number): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text) || Number(text) < min) fail(`${what} harus bilangan bulat ${min} atau lebih, tertulis "${text}".`);
	return Number(text);
}

/** Reads and checks a labels file; every problem names its line. */
export function readLabels(file: string): LabelledPair[] {
	const path = resolve(file);
	if (!existsSync(path) || !statSync(path).isFile()) fail(`Berkas tidak ditemukan: ${file}`);
	let rows: Record<string, string>[];
	try {
		rows = parse(readFileSync(path, 'utf8'), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true });
	} catch (e) {
		fail(`Berkas ${file} bukan CSV yang terbaca: ${(e as Error).message.split('\n')[0]}`);
	}
	if (rows.length === 0) fail(`Berkas ${file} tidak berisi pasangan (hanya judul kolom atau kosong).`);
	const missing = COLUMNS.filter((c) => !(c in rows[0]));
	if (missing.length) fail(`Kolom tidak ada di ${file}: ${missing.join(', ')}. Yang perlu: ${COLUMNS.join(', ')}.`);
	const problems: string[] = [];
	const pairs = rows.map((r, i) => {
		const line = i + 2;
		const comparable = (r.comparable ?? '').trim();
		if (comparable !== '1' && comparable !== '0') problems.push(`baris ${line}: comparable harus 1 atau 0, tertulis "${comparable.slice(0, 20)}"`);
		if (!r.product_title?.trim()) problems.push(`baris ${line}: product_title kosong`);
		if (!r.listing_title?.trim()) problems.push(`baris ${line}: listing_title kosong`);
		return { productTitle: r.product_title ?? '', listingTitle: r.listing_title ?? '', listingCategory: r.listing_category ?? '', comparable: comparable === '1' };
	});
	if (problems.length) fail(`${problems.length} baris tidak bisa dinilai:\n${problems.slice(0, 20).join('\n')}${problems.length > 20 ? `\n… dan ${problems.length - 20} lagi` : ''}`);
	return pairs;
}

function evalPairs(file: string, showMistakes: number): void {
	const pairs = readLabels(file);
	const s = scorePairs(pairs);
	console.log(`file: ${file}`);
	console.log(`pairs ${s.n}: ${s.tp + s.fn} comparable, ${s.fp + s.tn} not`);
	console.log(`decided comparable: ${s.tp} right, ${s.fp} wrong; decided not: ${s.tn} right, ${s.fn} wrong`);
	if (s.mistakes.length && showMistakes > 0) {
		console.log(`\nmistakes (first ${Math.min(showMistakes, s.mistakes.length)} of ${s.mistakes.length}; FP = kept but not comparable, FN = comparable but not kept):`);
		for (const m of s.mistakes.slice(0, showMistakes)) console.log(`  ${m.decided ? 'FP' : 'FN'}  ${m.productTitle.slice(0, 60)}  ||  ${m.listingTitle.slice(0, 80)}`);
	}
	console.log(JSON.stringify({ n: s.n, precision: s.precision, recall: s.recall, f1: s.f1 }));
}

async function evalDemo(args: string[]): Promise<void> {
	const seed = wholeNumber(option(args, 'seed') ?? process.env.DEMO_SEED, 'Seed', 0) ?? DEFAULT_SEED;
	const listings = wholeNumber(option(args, 'listings') ?? process.env.DEMO_LISTINGS, 'Jumlah listing', 100) ?? DEFAULT_LISTINGS;
	const endDate = option(args, 'end') ?? process.env.DEMO_END_DATE ?? new Date().toISOString().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) fail(`Tanggal akhir harus YYYY-MM-DD, tertulis "${endDate}".`);
	const t0 = performance.now();
	console.error(`Membuat pasar contoh di memori (seed ${seed}, ${listings} listing)…`);
	const s = await evaluateDemo({ seed, listings, endDate });
	console.log(`demo market: seed ${seed}, ${s.listings} listings, ${s.products} products (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
	console.log(`\n${'true kind'.padEnd(26)}${'products'.padStart(9)}${'stored'.padStart(8)}${'right'.padStart(7)}${'could'.padStart(7)}${'prec.'.padStart(7)}${'recall'.padStart(8)}`);
	for (const k of s.byKind) {
		const p = k.stored ? (k.right / k.stored).toFixed(2) : '-';
		const r = k.possible ? (k.right / k.possible).toFixed(2) : '-';
		console.log(`${k.truth.padEnd(26)}${String(k.products).padStart(9)}${String(k.stored).padStart(8)}${String(k.right).padStart(7)}${String(k.possible).padStart(7)}${p.padStart(7)}${r.padStart(8)}`);
	}
	console.log(JSON.stringify({ products: s.products, precision: s.precision, recall: s.recall }));
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !['--seed', '--listings', '--end', '--mistakes'].includes(args[args.indexOf(a) - 1]));
if (file) evalPairs(file, wholeNumber(option(args, 'mistakes'), 'Jumlah contoh salah', 0) ?? 20);
else await evalDemo(args);
