// The co-op season plan's error against the demo market's own later sales, a rolling backtest:
//   npm run eval:plan [-- --seed 20250331 --listings 6000 --end 2026-11-30 --leads 4,8,12,16 --weeks 106]
// Regenerates the demo market in memory (DEMO_SEED, DEMO_LISTINGS, DEMO_END_DATE as `npm start`
// uses them, or the options; --weeks for a longer history than the demo's 106 weeks), derives it
// with the app's refresh, and for every past Lebaran,
// Harbolnas 12.12 and school start in its span, planned `leads` weeks before the selling weeks,
// makes each member product's plan with the data known then (src/lib/server/eval/plan.ts) and
// holds it against the units the member recorded selling. One line per season and lead, then the
// whole; the last stdout line is JSON {"n","products","forecast","plan","baseline","market","bias"}
// (WAPE: summed absolute error over summed recorded units). Bad options: a message, exit 1.
import { DEFAULT_LISTINGS, DEFAULT_SEED } from '../src/lib/server/demo/seed.ts';
import { DEFAULT_LEADS, evaluateDemoPlans, type PlanErrorRow } from '../src/lib/server/eval/plan.ts';

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const args = process.argv.slice(2);
const known = new Set(['--seed', '--listings', '--end', '--leads', '--weeks']);
for (let i = 0; i < args.length; i += 2) if (!known.has(args[i])) fail(`Opsi tidak dikenal: ${args[i]}. Pilihan: --seed, --listings, --end, --leads, --weeks.`);
function option(name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return undefined;
	const v = args[i + 1];
	if (v === undefined || v.startsWith('--')) fail(`--${name} perlu nilai.`);
	return v;
}
function whole(text: string | undefined, what: string, min: number): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text) || Number(text) < min) fail(`${what} harus bilangan bulat ${min} atau lebih, tertulis "${text}".`);
	return Number(text);
}

const seed = whole(option('seed') ?? process.env.DEMO_SEED, 'Seed', 0) ?? DEFAULT_SEED;
const listings = whole(option('listings') ?? process.env.DEMO_LISTINGS, 'Jumlah listing', 500) ?? DEFAULT_LISTINGS;
const endDate = option('end') ?? process.env.DEMO_END_DATE ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(endDate))) fail(`Tanggal akhir harus YYYY-MM-DD, tertulis "${endDate}".`);
const weeks = whole(option('weeks'), 'Jumlah minggu', 60);
const leadsText = option('leads');
const leads = leadsText ? leadsText.split(',').map((t) => whole(t.trim(), 'Minggu sebelum musim', 1)!) : DEFAULT_LEADS;

const t0 = performance.now();
console.error(`Data contoh: seed ${seed}, ${listings} listing, ${weeks ?? 106} minggu sampai ${endDate}; rencana dibuat ${leads.join(', ')} minggu sebelum musim…`);
const { rows, total, products, salesWeeks } = await evaluateDemoPlans({ seed, listings, endDate, leads, weeks });
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
const line = (r: PlanErrorRow) =>
	`${r.season.padEnd(26)} ${String(r.lead || '').padStart(4)} ${r.origin.padEnd(10)} ${String(r.products).padStart(8)} ${String(r.recorded).padStart(9)} ${pct(r.forecast).padStart(9)} ${pct(r.plan).padStart(7)} ${pct(r.baseline).padStart(9)} ${pct(r.market).padStart(8)} ${pct(r.bias).padStart(7)} ${String(r.fromForecast).padStart(6)} ${pct(r.model).padStart(8)}`;
console.log(`${products} produk, ${salesWeeks} minggu tercatat di buku penjualan.`);
console.log(`${'musim'.padEnd(26)} ${'lead'.padStart(4)} ${'dibuat'.padEnd(10)} ${'produk'.padStart(8)} ${'terjual'.padStart(9)} ${'perkiraan'.padStart(9)} ${'rencana'.padStart(7)} ${'dasar'.padStart(9)} ${'pasar'.padStart(8)} ${'bias'.padStart(7)} ${'model'.padStart(6)} ${'mentah'.padStart(8)}`);
for (const r of rows) console.log(line(r));
console.log(line(total));
console.error(`(${((performance.now() - t0) / 1000).toFixed(1)} detik)`);
const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
console.log(JSON.stringify({ n: rows.length, products: total.products, forecast: round(total.forecast), plan: round(total.plan), baseline: round(total.baseline), market: round(total.market), bias: round(total.bias) }));
