// Writes synthetic sold-counter snapshots (tests/fixtures/sold-counters.ts) as CSV for
// `npm run eval:demand`: listings selling at a constant pace, optionally with a planted change.
//
//   npx tsx scripts/synthetic-counters.ts <out.csv> [--listings 1000] [--weeks 52] [--seed 1]
//     [--display tokopedia|exact] [--change 0.5 --change-at 40]
//
// Columns: listing, date, sold. Then: npm run eval:demand -- <out.csv> --listing listing --date date --sold sold
import { writeFileSync } from 'node:fs';
import { syntheticCounters, type CounterDisplay } from '../tests/fixtures/sold-counters';

function fail(message: string): never {
	console.error(`${message}\ncara pakai: npx tsx scripts/synthetic-counters.ts <out.csv> [--listings N] [--weeks N] [--seed N] [--display tokopedia|exact] [--change 0.5 --change-at 40]`);
	process.exit(2);
}

const argv = process.argv.slice(2);
const out = argv[0] && !argv[0].startsWith('--') ? argv[0] : fail('Sebutkan file CSV yang ditulis.');
const opt = (name: string) => {
	const i = argv.indexOf(`--${name}`);
	return i > 0 ? argv[i + 1] : undefined;
};
const number = (name: string, fallback: number) => {
	const raw = opt(name);
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n)) fail(`--${name} harus angka, bukan "${raw}".`);
	return n;
};
const display = (opt('display') ?? 'tokopedia') as CounterDisplay;
if (display !== 'tokopedia' && display !== 'exact') fail(`--display harus tokopedia atau exact, bukan "${display}".`);
const weeks = number('weeks', 52);
const rows = syntheticCounters({
	listings: number('listings', 1000),
	weeks,
	seed: number('seed', 1),
	display,
	change: number('change', 0),
	changeAt: number('change-at', weeks)
});
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(out, ['listing,date,sold', ...rows.map((r) => [r.listing, r.date, String(r.sold)].map(quote).join(','))].join('\n') + '\n');
console.log(`${rows.length} baris ditulis ke ${out}.`);
