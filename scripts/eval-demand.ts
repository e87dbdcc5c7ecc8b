// Weekly demand and the naik / turun / stabil call on any file of sold-counter snapshots, through
// the same pipeline as the app (src/lib/analysis/demand-eval.ts).
//
//   npm run eval:demand -- <csv> --listing <column> --date <column> --sold <column>
//     [--observed-at YYYY-MM-DD]   every row was observed that day (files without a date column;
//                                  use instead of --date)
//     [--marketplace <id>]         the counters' bucket ladder: tokopedia, shopee, tiktok, … (default:
//                                  read from the values shown)
//
// One row per listing per observation, counters as marketplaces print them ("Terjual 1 rb+",
// "750+ terjual", "28"). Prints each week's total (with every snapshot of the file) and its range,
// then the call the app would have made at the end of that week from the snapshots it had by
// then. Last stdout line: JSON {"weeks","naik","turun","stabil","none"} — how many weeks got each
// call ("none": nothing could be said yet: no weekly history, under 8 weeks, or too few sales).
// Bad input: a message in Indonesian on stderr and exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { evaluateDemand } from '../src/lib/analysis/demand-eval';

interface Args {
	file: string;
	listing: string;
	date?: string;
	observedAt?: string;
	sold: string;
	marketplace?: string;
}

const USAGE =
	'cara pakai: npm run eval:demand -- <file.csv> --listing <kolom> --date <kolom> --sold <kolom> [--observed-at YYYY-MM-DD] [--marketplace tokopedia|shopee|tiktok|…]';

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(2);
}

function parseArgs(argv: string[]): Args {
	const args: Partial<Args> = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined || v.startsWith('--')) fail(`${a} perlu nilai.`);
			return v;
		};
		if (a === '--listing') args.listing = next();
		else if (a === '--date') args.date = next();
		else if (a === '--sold') args.sold = next();
		else if (a === '--observed-at') args.observedAt = next();
		else if (a === '--marketplace') args.marketplace = next().toLowerCase();
		else if (a.startsWith('--')) fail(`Pilihan ${a} tidak dikenal.`);
		else if (!args.file) args.file = a;
		else fail(`Argumen ${a} tidak diharapkan.`);
	}
	if (!args.file) fail('Sebutkan file CSV yang dibaca.');
	if (!args.listing) fail('Sebutkan kolom produk dengan --listing.');
	if (!args.sold) fail('Sebutkan kolom angka terjual dengan --sold.');
	if (!args.date && !args.observedAt) fail('Sebutkan kolom tanggal dengan --date, atau tanggal pengamatan dengan --observed-at.');
	if (args.date && args.observedAt) fail('Pakai --date atau --observed-at, jangan keduanya.');
	if (args.observedAt && (!/^\d{4}-\d{2}-\d{2}$/.test(args.observedAt) || Number.isNaN(Date.parse(args.observedAt))))
		fail(`--observed-at harus tanggal seperti 2025-04-26, bukan "${args.observedAt}".`);
	if (args.marketplace !== undefined && !/^[a-z][a-z0-9-]*$/.test(args.marketplace)) fail(`--marketplace "${args.marketplace}" bukan nama marketplace.`);
	return args as Args;
}

/** YYYY-MM-DD (anything after it, e.g. a time, is ignored), D/M/YYYY or D-M-YYYY. */
function isoDate(text: string): string {
	const t = String(text ?? '').trim();
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
	if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
	m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t);
	if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
	return t;
}

const num = (n: number) => Math.round(n).toLocaleString('id-ID');

function main() {
	const args = parseArgs(process.argv.slice(2));
	if (!existsSync(args.file)) fail(`File ${args.file} tidak ada.`);
	let rows: Record<string, string>[];
	try {
		rows = parse(readFileSync(args.file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
	} catch (e) {
		fail(`${args.file} tidak bisa dibaca sebagai CSV: ${(e as Error).message}`);
	}
	if (rows.length === 0) fail(`${args.file} tidak berisi baris data.`);
	for (const col of [args.listing, args.date, args.sold])
		if (col !== undefined && !(col in rows[0])) fail(`Kolom "${col}" tidak ada. Kolom yang ada: ${Object.keys(rows[0]).join(', ')}.`);

	const result = evaluateDemand(
		rows.map((r) => ({
			listing: r[args.listing],
			date: args.observedAt ?? isoDate(r[args.date!]),
			sold: r[args.sold],
			marketplaceId: args.marketplace ?? null
		}))
	);
	const { skipped } = result;
	const left = [
		skipped.listing ? `${skipped.listing} tanpa nama produk` : '',
		skipped.date ? `${skipped.date} tanpa tanggal yang terbaca` : '',
		skipped.sold ? `${skipped.sold} tanpa angka terjual yang terbaca` : '',
		skipped.perMonth ? `${skipped.perMonth} dengan angka terjual per bulan` : ''
	].filter(Boolean);
	if (result.rowsUsed === 0) fail(`Tidak ada baris yang bisa dipakai dari ${rows.length} baris (${left.join(', ')}).`);

	console.log(
		`${args.file}: ${rows.length} baris, ${result.rowsUsed} dipakai, ${result.listings} produk, ` +
			`${result.listingsWithHistory} dengan lebih dari satu pengamatan${args.marketplace ? `, tangga angka ${args.marketplace}` : ''}.` +
			(left.length ? ` Tidak dipakai: ${left.join(', ')}.` : '')
	);
	console.log('minggu mulai  terjual (kisaran)            penilaian di akhir minggu itu');
	for (const w of result.weeks) {
		const total = w.total ? `${num(w.total.units)} (${num(w.total.low)}–${num(w.total.high)})` : 'tidak ada data';
		console.log(`${w.weekStart}    ${total.padEnd(28)} ${(w.call.direction ?? '-').padEnd(7)} ${w.call.sentence}`);
	}
	console.log(JSON.stringify(result.summary));
}

main();
