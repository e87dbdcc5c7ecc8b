import { describe, expect, test } from 'vitest';
import { formatNumber } from '$lib/format';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';
import { levelChange, memberShare, planMember, purchasesFor, seasonDemand, seasonError, whatsappText, type WeekUnits } from './season-plan';
import { seasonBefore, seasonIn } from './seasons';

const LEBARAN = seasonIn('lebaran', 2027); // selling 25 Jan–7 Mar 2027
const weeks = (from: string, n: number, units: (i: number) => number): WeekUnits[] =>
	Array.from({ length: n }, (_, i) => ({ weekStart: new Date(Date.parse(from) + i * 7 * 86_400_000).toISOString().slice(0, 10), units: units(i) }));

function plain(lines: string[]) {
	for (const l of lines) {
		for (const s of splitSentences(l)) expect(wordCount(s), s).toBeLessThanOrEqual(MAX_WORDS);
		expect(jargonIn(l), l).toEqual([]);
	}
}

describe('share of the market', () => {
	const market = weeks('2026-08-31', 13, () => 1000);
	test('from the sales book when 8 of the last 12 weeks are recorded', () => {
		const own = weeks('2026-09-07', 12, (i) => (i % 2 ? 20 : 40));
		const s = memberShare(own, market, '2026-11-30', 5);
		expect(s).toMatchObject({ source: 'sales', recordedWeeks: 12, label: 'dari penjualan Anda 12 minggu terakhir' });
		expect(s.pct).toBeCloseTo(3, 6);
		expect(s.line).toBe('Bagian Anda 3 dari 100 barang serupa, dari penjualan Anda 12 minggu terakhir.');
		// The current week (30 November) is not over: a sale recorded for it does not count.
		expect(memberShare([...own, { weekStart: '2026-11-30', units: 999 }], market, '2026-11-30', 5).pct).toBeCloseTo(3, 6);
	});
	test("else the co-op's set share, saying why", () => {
		const few = weeks('2026-10-05', 7, () => 30);
		expect(memberShare(few, market, '2026-11-30', 5)).toMatchObject({ source: 'set', pct: 5, recordedWeeks: 7, label: 'perkiraan koperasi' });
		expect(memberShare(few, market, '2026-11-30', 5).line).toMatch(/Baru 7 minggu tercatat, perlu 8 minggu\.$/);
		expect(memberShare([], market, '2026-11-30', 2.5).line).toBe('Bagian 2,5 dari 100 barang serupa, perkiraan koperasi. Belum ada catatan penjualan.');
		// Old sales (before the 12 weeks) do not count.
		expect(memberShare(weeks('2026-01-05', 20, () => 30), market, '2026-11-30', 5).source).toBe('set');
		plain([memberShare(few, market, '2026-11-30', 5).line]);
	});
});

describe('the market in the season', () => {
	const series = weeks('2025-01-06', 99, (i) => 100 + i); // to 23 Nov 2026
	const points = weeks('2026-11-30', 30, () => 200).map((w) => ({ weekStart: w.weekStart, value: w.units, low: 150, high: 260 }));
	test('the forecast where it reaches the season and beat the baseline', () => {
		const d = seasonDemand(LEBARAN, series, { points, beatsBaseline: true, folds: 2 }, seasonBefore(LEBARAN));
		expect(d).toMatchObject({ basis: 'forecast', units: 1200, low: 900, high: 1560 });
		expect(d.line).toBe('Produk serupa diperkirakan terjual 1.200 dalam 6 minggu musim ini.');
	});
	test("else last year's season, saying why", () => {
		const d = seasonDemand(LEBARAN, series, { points, beatsBaseline: false, folds: 2 }, seasonBefore(LEBARAN));
		// Lebaran 2026's weeks: 2 Feb–9 Mar 2026 are weeks 56–61 of the series.
		expect(d.basis).toBe('last-season');
		// The market grew since: its last 8 weeks (191–198) against the same weeks 51 weeks before (140–147).
		const growth = (191 + 192 + 193 + 194 + 195 + 196 + 197 + 198) / (140 + 141 + 142 + 143 + 144 + 145 + 146 + 147);
		expect(levelChange(series, 357)).toBeCloseTo(growth, 9);
		expect(d.units).toBeCloseTo((156 + 157 + 158 + 159 + 160 + 161) * growth, 6);
		expect(d.line).toBe(`Perkiraan sejauh ini tidak lebih tepat dari musim lalu. Memakai Lebaran 2026, disesuaikan dengan 8 minggu terakhir: ${formatNumber(Math.round(951 * growth))} dalam 6 minggu.`);
		// Without last year's weeks before now in the series, last year's season as it was.
		const gap = series.filter((w) => w.weekStart < '2025-11-24' || w.weekStart > '2026-01-31');
		expect(levelChange(gap, 357)).toBeNull();
		expect(seasonDemand(LEBARAN, gap, { points, beatsBaseline: false, folds: 2 }, seasonBefore(LEBARAN)).line).toBe(
			'Perkiraan sejauh ini tidak lebih tepat dari musim lalu. Memakai penjualan Lebaran 2026: 951 dalam 6 minggu.'
		);
		expect(seasonDemand(LEBARAN, series, null, seasonBefore(LEBARAN)).line).toMatch(/^Perkiraan sedang disiapkan\. Memakai Lebaran 2026, disesuaikan/);
		// A forecast that ends before the season is too short.
		const short = { points: points.slice(0, 10), beatsBaseline: true, folds: 2 };
		expect(seasonDemand(LEBARAN, series, short, seasonBefore(LEBARAN)).basis).toBe('last-season');
		// Lebaran 2028 is more than 30 weeks after the data.
		const far = seasonIn('lebaran', 2028);
		expect(seasonDemand(far, series, { points, beatsBaseline: true, folds: 2 }, seasonBefore(far)).line).toMatch(/^Musim ini lebih dari 30 minggu lagi/);
	});
	test('without last year in the data, the recent pace; without data, nothing', () => {
		const d = seasonDemand(LEBARAN, series.slice(-20), { points, beatsBaseline: false, folds: 0 }, seasonBefore(LEBARAN));
		expect(d.basis).toBe('recent');
		expect(d.units).toBeCloseTo(((191 + 198) / 2) * 6, 6);
		expect(seasonDemand(LEBARAN, [], null, seasonBefore(LEBARAN)).basis).toBe('none');
		plain([d.line]);
	});
});

describe('a member product', () => {
	const s = { leadTimeWeeks: 3, buyDaysBefore: 7 };
	test('enough time: made in the lead time, ready when the season begins', () => {
		const p = planMember({ market: 4000, sharePct: 3, capacity: 100, unit: 'bungkus' }, LEBARAN, s, '2026-11-30');
		expect(p).toMatchObject({ wanted: 120, units: 120, start: '2027-01-04', finish: '2027-01-25', buyBy: '2026-12-28', status: 'ok', short: false });
		expect(p.lines[0]).toBe('Buat 120 bungkus, mulai 4 Januari 2027, siap 25 Januari 2027.');
		plain(p.lines);
	});
	test('capacity stretches the run back; a buy-by day of today is warned', () => {
		// 420 at 60 a week takes 7 weeks: start 7 Dec, materials in by 30 Nov = today.
		const p = planMember({ market: 14_000, sharePct: 3, capacity: 60, unit: 'buah' }, LEBARAN, s, '2026-11-30');
		expect(p).toMatchObject({ wanted: 420, units: 420, start: '2026-12-07', buyBy: '2026-11-30', status: 'today', short: false });
		expect(p.lines).toContain('Dengan 60 buah seminggu, perlu 7 minggu.');
	});
	test('late: never over capacity, and the season asking for more is said', () => {
		// 838 at 40 a week needs 21 weeks: materials were due in August. From 7 Dec there are 7 weeks: 280.
		const p = planMember({ market: 16_760, sharePct: 5, capacity: 40, unit: 'botol' }, LEBARAN, s, '2026-11-30');
		expect(p).toMatchObject({ wanted: 838, units: 280, start: '2026-12-07', finish: '2027-01-25', status: 'past', short: true });
		// 21 weeks before 25 January is 31 August; materials a week before.
		expect(p.buyBy).toBe('2026-08-24');
		expect(p.lines).toEqual([
			'Buat 280 botol, mulai 7 Desember 2026, siap 25 Januari 2027.',
			'Musim ini minta 838 botol, tapi kapasitas 40 botol seminggu.',
			'Bahan seharusnya dibeli 24 Agustus 2026.'
		]);
		plain(p.lines);
		// Too late for even the lead time.
		const tooLate = planMember({ market: 1000, sharePct: 5, capacity: 40, unit: 'botol' }, LEBARAN, s, '2027-01-10');
		expect(tooLate).toMatchObject({ units: 0, short: true, status: 'past' });
		expect(tooLate.lines[0]).toMatch(/^Tidak sempat: mulai/);
	});
});

describe('purchases', () => {
	test('whole purchase units with the leftover; the earliest buy-by of the members; past and today warned', () => {
		const bomPot = [{ material: 'Tanah liat', quantity: 2, unit: 'kg' }, { material: 'Glasir', quantity: 0.1, unit: 'kg' }];
		const list = purchasesFor(
			[
				{ name: 'Pot A', units: 1134, buyBy: '2026-12-28', bom: bomPot },
				{ name: 'Vas B', units: 10, buyBy: '2026-11-30', bom: [{ material: 'tanah liat', quantity: 1.5, unit: 'KG' }, { material: 'Kertas', quantity: 1, unit: 'lembar' }] },
				{ name: 'Nol', units: 0, buyBy: '2026-01-01', bom: bomPot }
			],
			(k) => (k.material === 'tanah liat' && k.unit === 'kg' ? { purchaseUnit: 'karung', purchaseSize: 50 } : k.material === 'kertas' ? { purchaseUnit: 'rim', purchaseSize: 500 } : null),
			'2026-11-30'
		);
		const clay = list.find((p) => p.key.material === 'tanah liat')!;
		// 2268 + 15 = 2283 kg → 46 karung of 50 kg, 17 kg left; Vas B's buy-by (today) is the purchase's.
		expect(clay).toMatchObject({ needed: 2283, packs: 46, leftover: 17, buyBy: '2026-11-30', status: 'today', products: ['Pot A', 'Vas B'] });
		expect(clay.line).toBe('Tanah liat: 46 karung (50 kg), sisa 17 kg.');
		expect(clay.warning).toBe('Hari ini batasnya — beli sekarang atau kurangi produksi.');
		expect(list.find((p) => p.material === 'Kertas')).toMatchObject({ packs: 1, leftover: 490 });
		// Without a purchase unit the amount stays as it is, to 0,01.
		expect(list.find((p) => p.material === 'Glasir')).toMatchObject({ needed: 113.4, packs: null, status: 'ok', warning: null, line: 'Glasir: 113,4 kg.' });
		const past = purchasesFor([{ name: 'X', units: 1, buyBy: '2026-11-01', bom: bomPot }], () => null, '2026-11-30');
		expect(past[0]).toMatchObject({ status: 'past', warning: 'Sudah lewat — beli sekarang atau kurangi produksi.' });
	});
});

describe('telling the members, and last time', () => {
	test('one WhatsApp text per member', () => {
		expect(
			whatsappText('Bu Sri', LEBARAN, [
				{ name: 'Kopi Bubuk 250 gram', units: 120, unit: 'bungkus', start: '2027-01-04', finish: '2027-01-25' },
				{ name: 'Kopi Biji 1 kg', units: 0, unit: 'bungkus', start: '2027-01-04', finish: '2027-01-25' }
			])
		).toBe('Bu Sri: siapkan 120 bungkus Kopi Bubuk 250 gram sebelum 25 Januari 2027. Mulai buat 4 Januari 2027. Untuk Lebaran 2027.');
	});
	test('how far the forecast and the plan were from the recorded sales', () => {
		const e = seasonError('Lebaran 2026', [
			{ expected: 600, planned: 550, recorded: 500 },
			{ expected: 580, planned: 600, recorded: 500 }
		]);
		expect(e.forecastMiss).toBeCloseTo(0.18, 6);
		expect(e.planMiss).toBeCloseTo(0.15, 6);
		expect(e.lines).toEqual([
			'Perkiraan Lebaran 2026 meleset 18%, terlalu tinggi.',
			'Diperkirakan terjual 1.180, tercatat terjual 1.000.',
			'Rencana membuat 1.150: 150 lebih banyak dari yang terjual.'
		]);
		plain(e.lines);
		expect(seasonError('Lebaran 2026', []).forecastMiss).toBeNull();
	});
});
