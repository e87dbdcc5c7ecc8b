// The demand pipeline on sold-counter files (what `npm run eval:demand` runs): listings that
// truly sell at a constant pace but show Tokopedia buckets must not be called naik or turun in
// more than 5% of weeks, a planted change must still be found, and one-snapshot real files get
// no call at all.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv, sharedDataSkipReason, sharedPath } from '../../../tests/fixtures/shared-data';
import { syntheticCounters } from '../../../tests/fixtures/sold-counters';
import { evaluateDemand } from './demand-eval';

const calledShare = (s: { weeks: number; naik: number; turun: number }) => (s.naik + s.turun) / s.weeks;

describe('evaluateDemand on synthetic counters with a known truth', () => {
	test('1.000 constant-pace listings shown as Tokopedia buckets: naik + turun in at most 5% of weeks', { timeout: 60_000 }, () => {
		const r = evaluateDemand(syntheticCounters({ listings: 1000, weeks: 52, seed: 11, display: 'tokopedia' }).map((row) => ({ ...row, marketplaceId: 'tokopedia' })));
		expect(r.summary.weeks).toBe(52);
		expect(r.listings).toBe(1000);
		expect(calledShare(r.summary), JSON.stringify(r.summary)).toBeLessThanOrEqual(0.05);
		// It does judge: most weeks get a call (stabil), not "none".
		expect(r.summary.stabil).toBeGreaterThan(40);
	});

	test('the same listings with exact counters: naik + turun in at most 5% of weeks', { timeout: 60_000 }, () => {
		const r = evaluateDemand(syntheticCounters({ listings: 1000, weeks: 52, seed: 12, display: 'exact' }));
		expect(calledShare(r.summary), JSON.stringify(r.summary)).toBeLessThanOrEqual(0.05);
	});

	test('a planted +50% from week 40 is found in Tokopedia buckets, and never before it happened', { timeout: 60_000 }, () => {
		const r = evaluateDemand(
			syntheticCounters({ listings: 1000, weeks: 52, seed: 13, display: 'tokopedia', change: 0.5, changeAt: 40 }).map((row) => ({ ...row, marketplaceId: 'tokopedia' }))
		);
		const change = r.weeks[40].weekStart;
		const naikWeeks = r.weeks.filter((w) => w.call.direction === 'naik').map((w) => w.weekStart);
		expect(naikWeeks.length, JSON.stringify(r.summary)).toBeGreaterThan(0);
		expect(naikWeeks.every((w) => w >= change)).toBe(true);
		expect(r.weeks.some((w) => w.call.direction === 'turun' && w.weekStart >= change)).toBe(false);
	});

	test('a planted −40% is found at once in exact counters', { timeout: 60_000 }, () => {
		const r = evaluateDemand(syntheticCounters({ listings: 300, weeks: 52, seed: 14, display: 'exact', change: -0.4, changeAt: 44 }));
		const first = r.weeks.findIndex((w) => w.call.direction === 'turun');
		expect(first).toBeGreaterThanOrEqual(44);
		expect(first).toBeLessThanOrEqual(46);
	});

	test('one snapshot per listing: a sold-so-far, no weekly history, so every week is "none"', () => {
		const rows = [
			{ listing: 'a', date: '2025-04-26', sold: 'Terjual 10 rb+' },
			{ listing: 'b', date: '2025-04-26', sold: '750+ terjual' },
			{ listing: 'c', date: '2025-04-26', sold: 'banyak' }
		];
		const r = evaluateDemand(rows);
		expect(r.summary).toEqual({ weeks: 1, naik: 0, turun: 0, stabil: 0, none: 1 });
		expect(r.weeks[0].call.sentence).toBe('Belum ada riwayat penjualan mingguan.');
		expect(r.weeks[0].total).toBeNull();
		expect(r.skipped.sold).toBe(1);
	});

	test('monthly windows ("565 terjual/bulan") are not lifetime counters and are left out', () => {
		const r = evaluateDemand([
			{ listing: 'a', date: '2025-04-07', sold: '565 Terjual/ Bulan' },
			{ listing: 'a', date: '2025-04-14', sold: '580 Terjual/ Bulan' }
		]);
		expect(r.rowsUsed).toBe(0);
		expect(r.skipped.perMonth).toBe(2);
	});
});

// Each real Tokopedia listing file is one scrape: the honest answer is no call in any week.
const REAL = [
	{ file: 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv', listing: 'URL', sold: 'Sold Count', date: '2025-04-26' },
	{ file: 'tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv', listing: 'details_link', sold: 'sold', date: '2023-02-09' },
	{ file: 'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv', listing: 'Produk', sold: 'Terjual', date: '2024-03-27' }
];

describe('real Tokopedia listing files', () => {
	test.skipIf(!hasSharedData).each(REAL)('$file: one snapshot, so "none" for every week', ({ file, listing, sold, date }) => {
		const rows = readSharedCsv(file).map((r) => ({ listing: r[listing], date, sold: r[sold], marketplaceId: 'tokopedia' }));
		const r = evaluateDemand(rows);
		expect(r.rowsUsed).toBeGreaterThan(50);
		expect(r.listingsWithHistory).toBe(0);
		expect(r.summary.none).toBe(r.summary.weeks);
		expect(r.summary.weeks).toBe(1);
	});
	test.runIf(!hasSharedData)('skipped', () => {
		console.warn(sharedDataSkipReason);
		expect(hasSharedData).toBe(false);
	});
});

describe('npm run eval:demand', () => {
	const root = resolve(import.meta.dirname, '../../..');
	const dir = mkdtempSync(join(tmpdir(), 'eval-demand-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/eval-demand.ts'), ...args], { encoding: 'utf8', cwd: root });

	test('prints the weeks and ends with the JSON summary', { timeout: 60_000 }, () => {
		const file = join(dir, 'counters.csv');
		const rows = syntheticCounters({ listings: 40, weeks: 12, seed: 3, display: 'tokopedia' });
		writeFileSync(file, ['produk,tanggal,terjual', ...rows.map((r) => `${r.listing},${r.date},${r.sold}`)].join('\n'));
		const out = execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/eval-demand.ts'), file, '--listing', 'produk', '--date', 'tanggal', '--sold', 'terjual', '--marketplace', 'tokopedia'], { encoding: 'utf8', cwd: root });
		const lines = out.trim().split('\n');
		const summary = JSON.parse(lines[lines.length - 1]);
		expect(Object.keys(summary)).toEqual(['weeks', 'naik', 'turun', 'stabil', 'none']);
		expect(summary.weeks).toBe(12);
		expect(summary.naik + summary.turun + summary.stabil + summary.none).toBe(12);
		expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l))).toHaveLength(12);
	});

	test.each([
		[['nope.csv', '--listing', 'a', '--date', 'b', '--sold', 'c'], /tidak ada/],
		[[], /Sebutkan file CSV/],
		[['x.csv', '--listing', 'a', '--sold', 'c'], /--date/],
		[['x.csv', '--listing', 'a', '--sold', 'c', '--observed-at', '26-04-2025'], /--observed-at harus tanggal/],
		[['x.csv', '--listing', 'a', '--date', 'b', '--sold', 'c', '--warna', 'merah'], /tidak dikenal/]
	])('bad input %j: a clear message and exit code 2', (args, message) => {
		const r = run(...args);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(message);
	});

	test('a missing column or a file with no usable rows says so and exits 2', () => {
		const file = join(dir, 'bad.csv');
		writeFileSync(file, 'produk,tanggal,terjual\na,kemarin,banyak\n');
		const missing = run(file, '--listing', 'produk', '--date', 'tanggal', '--sold', 'sold');
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/Kolom "sold" tidak ada/);
		const unusable = run(file, '--listing', 'produk', '--date', 'tanggal', '--sold', 'terjual');
		expect(unusable.status).toBe(2);
		expect(unusable.stderr).toMatch(/Tidak ada baris yang bisa dipakai/);
	});

	test.skipIf(!hasSharedData)('on a real one-snapshot file the summary is all "none"', { timeout: 60_000 }, () => {
		const r = run(sharedPath(REAL[0].file), '--listing', 'URL', '--sold', 'Sold Count', '--observed-at', '2025-04-26', '--marketplace', 'tokopedia');
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ weeks: 1, naik: 0, turun: 0, stabil: 0, none: 1 });
	});
});
