// `npm run eval:competitors` end to end, as a user runs it: the labelled real pairs (built from
// row references in tests/fixtures and the titles in ../shared/data), the demo market against the
// generator's truth, and bad input.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { labelledPairs, pairsCsv } from '../fixtures/competitor-labels';
import { hasSharedData, sharedDataSkipReason } from '../fixtures/shared-data';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'eval-competitors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/eval-competitors.ts', ...args], { cwd: ROOT, timeout: 170_000 });
		return { code: 0, stdout, stderr };
	} catch (e) {
		const err = e as { code: number; stdout: string; stderr: string };
		return { code: err.code, stdout: err.stdout, stderr: err.stderr };
	}
}
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

describe.skipIf(!hasSharedData)(`labelled real listing pairs ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 60_000 }, () => {
	test.each(['tune', 'check'] as const)('%s pairs: precision ≥ 0.90, recall ≥ 0.80', async (set) => {
		const pairs = labelledPairs(set);
		// Several hundred pairs, with hard negatives (same file, a word in common, another kind).
		expect(pairs.length).toBeGreaterThan(500);
		expect(pairs.filter((p) => !p.comparable).length).toBeGreaterThan(200);
		const file = join(dir, `${set}.csv`);
		writeFileSync(file, pairsCsv(pairs));
		const { code, stdout } = await run(file);
		expect(code).toBe(0);
		const score = lastJson(stdout);
		expect(score.n).toBe(pairs.length);
		expect(score.precision).toBeGreaterThanOrEqual(0.9);
		expect(score.recall).toBeGreaterThanOrEqual(0.8);
		expect(score.f1).toBeGreaterThan(0.85);
	});
});

describe('the demo market against the generator’s truth', () => {
	test('precision ≥ 0.95 and recall ≥ 0.80 over every demo product', async () => {
		const { code, stdout } = await run('--listings', '4000', '--seed', '20250331', '--end', '2026-11-27');
		expect(code).toBe(0);
		const score = lastJson(stdout);
		expect(Object.keys(score)).toEqual(['products', 'precision', 'recall']);
		expect(score.products).toBeGreaterThan(50);
		expect(score.precision).toBeGreaterThanOrEqual(0.95);
		expect(score.recall).toBeGreaterThanOrEqual(0.8);
		// The look-alikes are there to be told apart.
		expect(stdout).toMatch(/^wastafel-keramik /m);
		expect(stdout).toMatch(/^sambal /m);
	}, 180_000);
});

describe('bad input: a clear message and exit code 1', { timeout: 60_000 }, () => {
	test('a missing file', async () => {
		const r = await run(join(dir, 'tidak-ada.csv'));
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('Berkas tidak ditemukan');
	});
	test('missing columns', async () => {
		const file = join(dir, 'kolom.csv');
		writeFileSync(file, 'produk,listing,label\nSambal Bawang,Bawang Goreng,0\n');
		const r = await run(file);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('Kolom tidak ada');
		expect(r.stderr).toContain('product_title');
	});
	test('a comparable that is not 1 or 0, and an empty title', async () => {
		const file = join(dir, 'nilai.csv');
		writeFileSync(file, 'product_title,listing_title,listing_category,comparable\nSambal Bawang,Sambal Ijo,,ya\nSambal Bawang,,,1\n');
		const r = await run(file);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('baris 2: comparable harus 1 atau 0, tertulis "ya"');
		expect(r.stderr).toContain('baris 3: listing_title kosong');
	});
	test('a header without pairs, and a bad option', async () => {
		const file = join(dir, 'kosong.csv');
		writeFileSync(file, 'product_title,listing_title,listing_category,comparable\n');
		expect((await run(file)).stderr).toContain('tidak berisi pasangan');
		const r = await run('--listings', 'banyak');
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('Jumlah listing harus bilangan bulat');
	});
});
