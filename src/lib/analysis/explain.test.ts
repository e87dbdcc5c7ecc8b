import { describe, expect, test } from 'vitest';
import type { ProductDashboard } from '../dashboard-types';
import { adviceLines, plainText, talkingPoints, WHATSAPP_MAX, whatsappText, whatsappUrl } from './explain';
import { dataDateSentence } from './freshness';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';
import { XSS_VECTORS } from '../../../tests/security/xss-vectors';

function dashboard(overrides: Partial<{ name: string; producer: string; stale: boolean; change: number | null; complaints: number }> = {}): ProductDashboard {
	const change = overrides.change === undefined ? -0.18 : overrides.change;
	return {
		product: { id: 7, name: overrides.name ?? 'Kopi Robusta Kledung 250 gr', producerName: overrides.producer ?? 'Bu Sri', villageName: 'Kledung', regencyName: 'Temanggung', categoryId: 1, categoryName: 'Kopi Bubuk', price: 55_000, packQuantity: 250, unit: 'g', isDemo: true },
		dataUntil: '2026-11-20',
		stale: overrides.stale ?? false,
		dataNote: dataDateSentence('2026-11-20', overrides.stale ?? false),
		pack: 'bungkus (250 gram)',
		price: {
			enough: true,
			headline: ['Harga Anda Rp220.000 per kg.', '8 dari 10 penjual lebih murah dari Anda.'],
			ownUnitPrice: 220_000, per: 'kg', compared: 1234, removed: 3, marketplaces: ['Shopee'],
			position: { band: 'lebih-mahal', outOf10: 8, cheaperCount: 987, pricierCount: 200 },
			middle: 160_000, range: { low: 140_000, high: 185_000 }, mostBought: 150_000, basis: '', unitPrices: [], history: []
		},
		demand: {
			direction: change === null ? null : change < 0 ? 'turun' : 'naik',
			headline: [change === null ? 'Belum ada riwayat penjualan mingguan.' : 'Turun 18% dalam 4 minggu terakhir.'],
			change, recent: 820, previous: 1000, history: change !== null, soldSoFar: null, weeks: [], category: [],
			categoryDirection: null, categorySentence: 'Belum ada riwayat penjualan mingguan.',
			nextPeak: { name: 'Harbolnas 12.12', date: '2026-12-12', weeksAway: 3, leadWeeks: 2, sentence: 'Harbolnas 12.12 tahun ini jatuh 12 Desember: biasanya permintaan naik sejak 2 minggu sebelumnya.' },
			interpolatedWeeks: 0, basis: ''
		},
		reviews: {
			headline: ['Rata-rata bintang pesaing 4,6 dari 5 (1.234 penilaian).'], n: 1234, ratings: 1234, texts: 1234, unclear: 0, average: 4.6, starCounts: [1, 2, 3, 4, 5], negativeShare: 0.1,
			complaints: Array.from({ length: overrides.complaints ?? 1 }, () => ({ aspect: 'kemasan', label: 'kemasan pecah', count: 23, share: 0.2, quote: '<script>alert(1)</script>' })),
			praises: [], basis: ''
		},
		advice: [
			{ kind: 'harga', title: 'Turunkan harga ke sekitar Rp46.000 per bungkus (250 gram).', why: 'x' },
			{ kind: 'stok', title: 'Jangan tambah stok dulu, walau Harbolnas 12.12 sudah dekat.', why: 'y' },
			{ kind: 'keluhan', title: 'Perkuat kemasan agar barang tidak rusak di jalan.', why: 'z' }
		]
	};
}

describe('talkingPoints', () => {
	test.each([
		['normal', dashboard()],
		['stale data', dashboard({ stale: true })],
		['no demand data', dashboard({ change: null, complaints: 0 })]
	])('%s: 3–5 points, short sentences, no jargon', (_, d) => {
		const points = talkingPoints(d);
		expect(points.length).toBeGreaterThanOrEqual(3);
		expect(points.length).toBeLessThanOrEqual(5);
		for (const p of points) {
			for (const s of splitSentences(p)) expect(wordCount(s), s).toBeLessThanOrEqual(MAX_WORDS);
			expect(jargonIn(p)).toEqual([]);
		}
	});

	test("leads with the data's date, and says when it is old", () => {
		expect(talkingPoints(dashboard())[0]).toBe('Data per 20 November 2026.');
		expect(talkingPoints(dashboard({ stale: true }))[0]).toBe('Data per 20 November 2026. Data sudah lama, lebih dari 4 minggu. Angka bisa sudah berubah.');
	});

	test('the Saran are not cut into the talking points: they are listed whole', () => {
		const d = dashboard();
		expect(talkingPoints(d).some((p) => /Saran/.test(p))).toBe(false);
		expect(adviceLines(d)).toEqual([
			'1. Turunkan harga ke sekitar Rp46.000 per bungkus (250 gram).',
			'2. Jangan tambah stok dulu, walau Harbolnas 12.12 sudah dekat.',
			'3. Perkuat kemasan agar barang tidak rusak di jalan.'
		]);
	});

	test('never quotes a review (user text) in what the agent reads out', () => {
		expect(talkingPoints(dashboard()).join(' ')).not.toContain('<');
	});
});

describe('whatsappText', () => {
	test('plain text with id-ID numbers, at most 700 characters', () => {
		const text = whatsappText(dashboard());
		expect(text.length).toBeLessThanOrEqual(WHATSAPP_MAX);
		expect(text).toContain('Rp220.000');
		expect(text).toContain('Kebanyakan pembeli membayar Rp140.000–Rp185.000 per kg.');
		expect(text).toMatch(/^Ringkasan pasar Kopi Robusta Kledung 250 gr \(Bu Sri\) dari Despro Pasar\./);
		expect(text).toContain('data contoh');
		expect(text).not.toMatch(/[<>*_~`]/);
	});

	test('a very long product name still fits in 700 characters, with the date and every Saran', () => {
		const d = dashboard({ name: 'Kopi '.repeat(300), producer: 'Nama '.repeat(100), stale: true });
		const text = whatsappText(d);
		expect(text.length).toBeLessThanOrEqual(WHATSAPP_MAX);
		expect(text).toContain('Data per 20 November 2026. Data sudah lama');
		for (const line of adviceLines(d)) expect(text).toContain(line);
	});

	test('says the date first and ends with the same Saran as the dashboard, in order', () => {
		const d = dashboard();
		const lines = whatsappText(d).split('\n');
		expect(lines[1]).toBe('Data per 20 November 2026.');
		const at = lines.indexOf('Saran:');
		expect(lines.slice(at + 1, at + 1 + d.advice.length)).toEqual(adviceLines(d));
	});

	test.each(XSS_VECTORS)('markup in names stays inert text: %s', (vector) => {
		const text = whatsappText(dashboard({ name: vector, producer: vector }));
		expect(text).not.toMatch(/[<>]/);
		expect(text).not.toMatch(/[*_~`]/);
		expect(text.length).toBeLessThanOrEqual(WHATSAPP_MAX);
		const url = whatsappUrl(text);
		expect(url.startsWith('https://wa.me/?text=')).toBe(true);
		expect(decodeURIComponent(url.slice('https://wa.me/?text='.length))).toBe(text);
		expect(url).not.toMatch(/[<>"' ]/);
	});

	test('plainText removes control and direction-override characters', () => {
		expect(plainText('Kopi\u202e\u0000 Robusta\n*Enak*')).toBe('Kopi Robusta Enak');
	});
});
