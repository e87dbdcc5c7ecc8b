// `npx tsx scripts/competitor-labels-csv.ts <tune|check|all> <out.csv>`
// Writes our hand-labelled competitor pairs (tests/fixtures/competitor-labels.*: row references
// and labels only) as the CSV `npm run eval:competitors -- <labels.csv>` reads, with the titles
// read from ../shared/data. Write it outside the project: the titles are not ours to commit.
import { writeFileSync } from 'node:fs';
import { labelledPairs, pairsCsv } from '../tests/fixtures/competitor-labels';
import { hasSharedData, sharedDataSkipReason } from '../tests/fixtures/shared-data';

const [set, out] = process.argv.slice(2);
if (!['tune', 'check', 'all'].includes(set ?? '') || !out) {
	console.error('Pemakaian: npx tsx scripts/competitor-labels-csv.ts <tune|check|all> <berkas.csv>');
	process.exit(2);
}
if (!hasSharedData) {
	console.error(sharedDataSkipReason);
	process.exit(1);
}
const pairs = labelledPairs(set === 'all' ? undefined : (set as 'tune' | 'check'));
writeFileSync(out, pairsCsv(pairs));
console.log(`${pairs.length} pasangan ditulis ke ${out}`);
