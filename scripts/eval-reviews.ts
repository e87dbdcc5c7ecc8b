// Evaluates the review text classifier against a labelled CSV, on text alone.
//   npm run eval:reviews -- <csv> --text <column> --label <column> [--errors 20]
//   npm run eval:reviews -- --themes            (theme precision/recall on our hand labels)
//   npm run eval:reviews -- --food-craft [--split dev|check] [--errors N]
//                                               (our labelled food, craft and batik reviews, issue 17)
// Labels: Positive/Negative (also positif/negatif, pos/neg, 1/0), or stars 1–5 detected when the
// column holds only whole numbers 1–5 with at least one above 1 (≥4 positive, ≤2 negative, 3 and
// neutral labels skipped). A "neutral" prediction is mapped to the class given by the sign of its
// score; a score of exactly 0 (no evidence at all) counts as wrong and is reported as "no call".
// The last stdout line is JSON {"n","accuracy","macroF1"}.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyzeReview } from '../src/lib/analysis/reviews/index.ts';
import { evaluateThemes } from '../tests/fixtures/review-themes.ts';
import { COMBINED, evaluateFoodCraft } from '../tests/fixtures/review-food-craft.ts';
import { hasSharedData, sharedDataSkipReason } from '../tests/fixtures/shared-data.ts';

type Binary = 'positive' | 'negative';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf('--' + name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

function labelReader(values: string[]): { kind: string; read: (v: string) => Binary | null } {
	const vals = values.map((v) => v.trim()).filter(Boolean);
	const numeric = vals.every((v) => /^\d+(\.0+)?$/.test(v));
	if (numeric) {
		const nums = vals.map(Number);
		if (nums.every((x) => x === 0 || x === 1)) return { kind: 'binary 1/0', read: (v) => (v.trim() === '' ? null : Number(v) === 1 ? 'positive' : 'negative') };
		if (nums.every((x) => x >= 1 && x <= 5))
			return { kind: 'stars (≥4 positive, ≤2 negative, 3 skipped)', read: (v) => { const x = Number(v); return x >= 4 ? 'positive' : x <= 2 && x >= 1 ? 'negative' : null; } };
	}
	return {
		kind: 'text label',
		read: (v) => {
			const x = v.trim().toLowerCase();
			if (['positive', 'positif', 'pos', '1'].includes(x)) return 'positive';
			if (['negative', 'negatif', 'neg', '0'].includes(x)) return 'negative';
			return null;
		}
	};
}

function evalCsv(file: string, textCol: string, labelCol: string, showErrors: number): void {
	const rows: Record<string, string>[] = parse(readFileSync(resolve(file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
	if (!rows.length || !(textCol in rows[0]) || !(labelCol in rows[0])) {
		console.error(`columns not found; available: ${Object.keys(rows[0] ?? {}).join(', ')}`);
		process.exit(2);
	}
	const reader = labelReader(rows.map((r) => r[labelCol]));
	const classes: Binary[] = ['positive', 'negative'];
	const matrix: Record<Binary, Record<Binary | 'none', number>> = { positive: { positive: 0, negative: 0, none: 0 }, negative: { positive: 0, negative: 0, none: 0 } };
	let skipped = 0;
	const errors: string[] = [];
	for (const row of rows) {
		const gold = reader.read(row[labelCol] ?? '');
		if (!gold) { skipped++; continue; }
		const a = analyzeReview(row[textCol] ?? '');
		const pred: Binary | 'none' = a.score > 0 ? 'positive' : a.score < 0 ? 'negative' : 'none';
		matrix[gold][pred]++;
		if (pred !== gold && errors.length < showErrors) errors.push(`${gold.slice(0, 3)} ${a.score} | ${(row[textCol] ?? '').replace(/\s+/g, ' ').slice(0, 160)} | ${a.clauses.map((c) => c.words.join('+')).join(' / ')}`);
	}
	const n = classes.reduce((s, g) => s + matrix[g].positive + matrix[g].negative + matrix[g].none, 0);
	const correct = matrix.positive.positive + matrix.negative.negative;
	console.log(`file: ${file}\nlabel: ${labelCol} read as ${reader.kind}; skipped ${skipped} rows (3 stars or neutral/empty label)`);
	console.log(`\nconfusion (rows = label, columns = prediction; "no call" = score 0)`);
	console.log(`${''.padEnd(10)}${'positive'.padStart(10)}${'negative'.padStart(10)}${'no call'.padStart(10)}`);
	for (const g of classes) console.log(`${g.padEnd(10)}${String(matrix[g].positive).padStart(10)}${String(matrix[g].negative).padStart(10)}${String(matrix[g].none).padStart(10)}`);
	let f1sum = 0;
	console.log(`\n${'class'.padEnd(10)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}`);
	for (const c of classes) {
		const tp = matrix[c][c];
		const predicted = matrix.positive[c] + matrix.negative[c];
		const support = matrix[c].positive + matrix[c].negative + matrix[c].none;
		const p = predicted ? tp / predicted : 0;
		const r = support ? tp / support : 0;
		const f1 = p + r ? (2 * p * r) / (p + r) : 0;
		f1sum += f1;
		console.log(`${c.padEnd(10)}${p.toFixed(3).padStart(10)}${r.toFixed(3).padStart(10)}${f1.toFixed(3).padStart(10)}${String(support).padStart(10)}`);
	}
	if (errors.length) console.log('\nerrors:\n' + errors.join('\n'));
	console.log(JSON.stringify({ n, accuracy: round(n ? correct / n : 0), macroF1: round(f1sum / 2) }));
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function foodCraft(split: string | undefined, showErrors: number): void {
	if (!hasSharedData) {
		console.error(sharedDataSkipReason);
		process.exit(2);
	}
	if (split !== undefined && split !== 'dev' && split !== 'check') {
		console.error('--split harus dev atau check');
		process.exit(2);
	}
	const r = evaluateFoodCraft({ split: split as 'dev' | 'check' | undefined });
	console.log(`food-and-craft labels: ${r.reviews} reviews${split ? ` (${split} split)` : ''}; "tidak jelas" counts as wrong on reviews with an opinion`);
	console.log(`${'family'.padEnd(10)}${'n'.padStart(5)}${'acc'.padStart(7)}${'macroF1'.padStart(9)}${'acc3'.padStart(7)}${'none'.padStart(7)}${'missed'.padStart(8)}`);
	for (const [family, f] of Object.entries(r.sentiment))
		console.log(`${family.padEnd(10)}${String(f.n).padStart(5)}${f.accuracy.toFixed(3).padStart(7)}${f.macroF1.toFixed(3).padStart(9)}${f.accuracy3.toFixed(3).padStart(7)}${`${f.noneFound}/${f.none}`.padStart(7)}${String(f.missed).padStart(8)}`);
	console.log(`\n${'aspect'.padEnd(12)}${'gold'.padStart(6)}${'pred'.padStart(6)}${'tp'.padStart(6)}${'prec'.padStart(7)}${'recall'.padStart(7)}`);
	for (const [aspect, s] of Object.entries(r.byAspect).sort()) console.log(`${aspect.padEnd(12)}${String(s.gold).padStart(6)}${String(s.predicted).padStart(6)}${String(s.tp).padStart(6)}${s.precision.toFixed(2).padStart(7)}${s.recall.toFixed(2).padStart(7)}`);
	console.log(`new aspects (food and craft): precision ${r.newAspects.precision.toFixed(3)}, recall ${r.newAspects.recall.toFixed(3)}`);
	if (showErrors) console.log('\nerrors:\n' + [...r.errors.slice(0, showErrors), ...r.aspectMisses.slice(0, showErrors)].join('\n'));
	const c = r.sentiment[COMBINED];
	console.log(JSON.stringify({ n: c.n, accuracy: round(c.accuracy), macroF1: round(c.macroF1), newAspectPrecision: round(r.newAspects.precision), newAspectRecall: round(r.newAspects.recall) }));
}

if (process.argv.includes('--food-craft')) {
	foodCraft(arg('split'), Number(arg('errors') ?? 0));
} else if (process.argv.includes('--themes')) {
	const r = evaluateThemes();
	console.log(`theme labels: ${r.reviews} reviews, ${r.gold} gold (aspect, polarity) pairs, ${r.predicted} predicted`);
	console.log(`${'aspect'.padEnd(12)}${'gold'.padStart(6)}${'pred'.padStart(6)}${'tp'.padStart(6)}${'prec'.padStart(7)}${'recall'.padStart(7)}`);
	for (const [aspect, s] of Object.entries(r.byAspect)) console.log(`${aspect.padEnd(12)}${String(s.gold).padStart(6)}${String(s.predicted).padStart(6)}${String(s.tp).padStart(6)}${s.precision.toFixed(2).padStart(7)}${s.recall.toFixed(2).padStart(7)}`);
	console.log(JSON.stringify({ n: r.reviews, precision: round(r.precision), recall: round(r.recall), f1: round(r.f1), aspectOnlyPrecision: round(r.aspectOnly.precision), aspectOnlyRecall: round(r.aspectOnly.recall) }));
} else {
	const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
	const textCol = arg('text');
	const labelCol = arg('label');
	if (!file || !textCol || !labelCol) {
		console.error('usage: npm run eval:reviews -- <csv> --text <column> --label <column> [--errors N] | --themes | --food-craft [--split dev|check]');
		process.exit(2);
	}
	evalCsv(file, textCol, labelCol, Number(arg('errors') ?? 0));
}
