// Evaluates the demand forecast against the seasonal-naive baseline on any dated CSV.
//
//   npm run eval:forecast -- <csv> --date <column> --value <column>
//     [--freq day|week|month]   grid of the series (default: guessed from the date spacing)
//     [--horizon N]             forecast N steps from each origin, rolling through the tail
//                               (default: one forecast from the cut covering the whole tail)
//     [--test 0.25]             share of each series held out at the end
//     [--filter col=value]      keep only matching rows (repeatable)
//     [--series col]            evaluate each value of this column as its own series
//     [--sum]                   several rows on one date are summed (units), default averaged
//     [--keep-zero]             0 is a real value (sales); default: 0 = missing (Bapanas prices)
//     [--min-points N]          skip series with fewer observed points (default 12)
//
// Output: one row per series (model MASE, baseline MASE, which wins), a summary, and as the
// last stdout line JSON {"n", "mase", "baselineMase", "series", "wins", "skipped"}:
//   n            = scored points in the tails, summed over the series evaluated;
//   mase         = mean over series of the model's MASE on its tail;
//   baselineMase = the same for seasonal naive (lag 7/52/12; naive last value if the training
//                  part is shorter than one season);
//   series       = series evaluated; wins = series where the model's MASE is lower;
//   skipped      = series left out (too few points, or constant in training so MASE's scale
//                  is 0 and no score is defined).
// MASE is scaled by the training part's mean absolute seasonal difference, so model and
// baseline are on the same scale and < 1 means better than seasonal naive did in-sample.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { evaluateHoldout, toGrid, type Freq } from '../src/lib/analysis/forecast';

interface Args {
	file: string;
	date: string;
	value: string;
	freq?: Freq;
	horizon?: number;
	test: number;
	filters: [string, string][];
	series?: string;
	sum: boolean;
	keepZero: boolean;
	minPoints: number;
}

function usage(message: string): never {
	console.error(`${message}\nusage: npm run eval:forecast -- <csv> --date <column> --value <column> [--freq day|week|month] [--horizon N] [--test 0.25] [--filter col=value] [--series col] [--sum] [--keep-zero] [--min-points N]`);
	process.exit(2);
}

function parseArgs(argv: string[]): Args {
	const args: Partial<Args> & { filters: [string, string][] } = { filters: [], test: 0.25, sum: false, keepZero: false, minPoints: 12 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i] ?? usage(`${a} needs a value`);
		if (a === '--date') args.date = next();
		else if (a === '--value') args.value = next();
		else if (a === '--freq') {
			const f = next();
			if (f !== 'day' && f !== 'week' && f !== 'month') usage(`--freq must be day, week or month, not ${f}`);
			args.freq = f;
		} else if (a === '--horizon') args.horizon = Number(next());
		else if (a === '--test') args.test = Number(next());
		else if (a === '--filter') {
			const f = next();
			const eq = f.indexOf('=');
			if (eq < 1) usage(`--filter wants col=value, got ${f}`);
			args.filters.push([f.slice(0, eq), f.slice(eq + 1)]);
		} else if (a === '--series') args.series = next();
		else if (a === '--sum') args.sum = true;
		else if (a === '--keep-zero') args.keepZero = true;
		else if (a === '--min-points') args.minPoints = Number(next());
		else if (a.startsWith('--')) usage(`unknown option ${a}`);
		else if (!args.file) args.file = a;
		else usage(`unexpected argument ${a}`);
	}
	if (!args.file || !args.date || !args.value) usage('need <csv>, --date and --value');
	if (!(args.test! > 0 && args.test! < 1)) usage('--test must be between 0 and 1');
	if (args.horizon !== undefined && !(args.horizon >= 1)) usage('--horizon must be a positive number');
	return args as Args;
}

/** Accepts YYYY-MM-DD (with anything after), D-M-YYYY and D/M/YYYY. */
function isoDate(text: string): string | null {
	const t = text.trim();
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
	if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
	m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t);
	if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
	return null;
}

/** Guesses the grid from the median gap between distinct dates. */
function guessFreq(dates: string[]): Freq {
	const ds = [...new Set(dates)].sort().map((d) => Date.parse(d));
	const gaps = ds.slice(1).map((d, i) => (d - ds[i]) / 86_400_000).sort((a, b) => a - b);
	const g = gaps[gaps.length >> 1] ?? 1;
	return g < 4 ? 'day' : g < 20 ? 'week' : 'month';
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

function main() {
	const args = parseArgs(process.argv.slice(2));
	const rows: Record<string, string>[] = parse(readFileSync(args.file, 'utf8'), {
		columns: true,
		bom: true,
		skip_empty_lines: true,
		relax_column_count: true
	});
	if (rows.length === 0) usage(`${args.file} has no rows`);
	for (const col of [args.date, args.value, args.series, ...args.filters.map((f) => f[0])])
		if (col && !(col in rows[0])) usage(`no column "${col}"; columns: ${Object.keys(rows[0]).join(', ')}`);

	const kept = rows.filter((r) => args.filters.every(([c, v]) => r[c] === v));
	const groups = new Map<string, { date: string; value: number }[]>();
	let badDates = 0;
	for (const r of kept) {
		const date = isoDate(r[args.date] ?? '');
		if (!date) {
			badDates++;
			continue;
		}
		// 'NA' and empty cells become NaN, which toGrid treats as missing.
		const value = Number(String(r[args.value]).replace(/,/g, '').trim() || NaN);
		const key = args.series ? r[args.series] : '(all)';
		const list = groups.get(key) ?? [];
		list.push({ date, value });
		groups.set(key, list);
	}
	const freq = args.freq ?? guessFreq(kept.map((r) => isoDate(r[args.date] ?? '')).filter((d): d is string => !!d));
	console.log(`${args.file}: ${kept.length} rows, ${groups.size} series, freq ${freq}, test share ${args.test}, horizon ${args.horizon ?? 'whole tail'}${badDates ? `, ${badDates} rows with unreadable dates skipped` : ''}`);

	const results: { key: string; n: number; mase: number; baselineMase: number }[] = [];
	const skipped: string[] = [];
	const width = Math.min(40, Math.max(6, ...[...groups.keys()].map((k) => k.length)));
	console.log(`${'series'.padEnd(width)}  train  test  scored  model MASE  baseline MASE  better`);
	for (const [key, points] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
		const grid = toGrid(points, freq, args.sum ? 'sum' : 'mean', args.keepZero);
		const observed = grid.values.filter((v) => v !== null).length;
		if (observed < args.minPoints) {
			skipped.push(`${key} (${observed} points)`);
			continue;
		}
		const r = evaluateHoldout(grid, freq, { testShare: args.test, horizon: args.horizon });
		const label = key.slice(0, width).padEnd(width);
		if (!Number.isFinite(r.mase) || !Number.isFinite(r.baselineMase) || r.n === 0) {
			skipped.push(`${key} (constant in training or nothing to score)`);
			console.log(`${label}  ${String(r.train).padStart(5)}  ${String(r.test).padStart(4)}  ${String(r.n).padStart(6)}  ${'—'.padStart(10)}  ${'—'.padStart(13)}  skipped`);
			continue;
		}
		results.push({ key, n: r.n, mase: r.mase, baselineMase: r.baselineMase });
		const better = r.mase < r.baselineMase ? 'model' : r.mase > r.baselineMase ? 'baseline' : 'tie';
		console.log(`${label}  ${String(r.train).padStart(5)}  ${String(r.test).padStart(4)}  ${String(r.n).padStart(6)}  ${fmt(r.mase).padStart(10)}  ${fmt(r.baselineMase).padStart(13)}  ${better}  (${r.baseline})`);
	}
	if (skipped.length) console.log(`skipped: ${skipped.join('; ')}`);
	const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
	const summary = {
		n: results.reduce((s, r) => s + r.n, 0),
		mase: Number(mean(results.map((r) => r.mase)).toFixed(4)),
		baselineMase: Number(mean(results.map((r) => r.baselineMase)).toFixed(4)),
		series: results.length,
		wins: results.filter((r) => r.mase < r.baselineMase).length,
		skipped: skipped.length
	};
	console.log(`summary: mean model MASE ${fmt(summary.mase)}, mean baseline MASE ${fmt(summary.baselineMase)}, model better on ${summary.wins} of ${summary.series} series`);
	console.log(JSON.stringify(summary));
}

main();
