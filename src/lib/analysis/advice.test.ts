import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addWeeks } from './demand';
import { demandCall } from './demand-call';
import { advise, contradictions, priceStance, stockStance, type Advice, type AdviceInput, type DemandDirection } from './advice';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from './narrate';
import { ownPack, packPhrase } from './own-pack';
import { pricePosition, type PricePosition } from './prices';
import type { Unit } from './units';
import { unitPrice } from './units';

/** Every sentence a producer reads: ≤ 15 words, no jargon, Rupiah written "Rp25.000". */
function expectPlain(text: string) {
	expect(text.trim()).not.toBe('');
	for (const sentence of splitSentences(text)) {
		expect(wordCount(sentence), sentence).toBeLessThanOrEqual(MAX_WORDS);
		expect(jargonIn(sentence), sentence).toEqual([]);
		expect(sentence).not.toMatch(/Rp\s|Rp\d{1,3},\d{3}|IDR|NaN|undefined|Infinity|null/);
	}
}

const market = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((v) => v * 1000);
const pos = (own: number, prices = market) => pricePosition(own, prices);
const piece = ownPack('Wastafel Keramik', 1, 'pcs');
const lebaran = { name: 'Lebaran', date: '2026-03-20', weeksBefore: 6, today: '2026-02-01', weeksUntil: 7 };
const naik = { direction: 'naik' as const, sentence: 'Naik 18% dalam 4 minggu terakhir.' };
const turun = { direction: 'turun' as const, sentence: 'Turun 20% dalam 4 minggu terakhir.' };
const stabil = { direction: 'stabil' as const, sentence: 'Stabil dalam 4 minggu terakhir.' };
const fresh = { stale: false, dataUntil: '2026-01-30' };

describe('advise', () => {
	const cases: { name: string; input: AdviceInput; titles: RegExp[] }[] = [
		{
			name: 'expensive, rising demand, Lebaran near, packaging complaints: one stock sentence for demand and season',
			input: {
				...fresh,
				price: { own: 85_000, pack: piece, per: 'buah', position: pos(85_000), range: { low: 45_000, high: 70_000 } },
				demand: naik,
				peak: lebaran,
				topComplaint: { aspect: 'kemasan', reviews: 12 }
			},
			titles: [/^Turunkan harga ke sekitar Rp70\.000 per buah\.$/, /^Tambah stok untuk Lebaran, permintaan sudah naik\.$/, /kemasan/]
		},
		{
			name: 'cheap per kg: the raise is said per pack, in the producer’s pack',
			input: {
				...fresh,
				price: { own: 3_750, pack: ownPack('Kopi isi 3 x 250gr', 750, 'g'), per: 'kg', position: pos(5_000), range: { low: 30_000, high: 60_000 } },
				demand: turun
			},
			titles: [/^Naikkan harga ke sekitar Rp22\.500 per bungkus \(3 × 250 gram\)\.$/, /^Jangan tambah stok dulu, permintaan sedang turun\.$/]
		},
		{
			name: 'around the middle, stable demand, peak already close: the season note, not "jaga stok" beside it',
			input: { ...fresh, price: { own: 45_000, pack: piece, per: 'buah', position: pos(45_000), range: null }, demand: stabil, peak: { ...lebaran, weeksUntil: 3 } },
			titles: [/^Pertahankan harga/, /^Siapkan stok untuk Lebaran mulai sekarang\.$/]
		},
		{
			name: 'falling demand with Harbolnas near: both in one sentence (the issue’s contradiction)',
			input: { ...fresh, demand: turun, peak: { name: 'Harbolnas 12.12', date: '2026-12-12', weeksBefore: 3, today: '2026-11-28', weeksUntil: 2 } },
			titles: [/^Jangan tambah stok dulu, walau Harbolnas 12\.12 sudah dekat\.$/, /Catat harga/]
		},
		{
			name: 'thin data and a peak far away fall back to general advice',
			input: {
				...fresh,
				price: { own: 45_000, pack: piece, per: 'buah', position: pos(45_000, [40_000, 50_000]), range: null },
				demand: { direction: null },
				peak: { ...lebaran, weeksUntil: 30 },
				topComplaint: { aspect: 'kualitas', reviews: 2 }
			},
			titles: [/Catat harga dan penjualan/, /foto dan deskripsi/]
		},
		{ name: 'nothing at all', input: { ...fresh }, titles: [/Catat harga/, /foto/] },
		{ name: 'unknown complaint aspect', input: { ...fresh, topComplaint: { aspect: 'bau', reviews: 4 }, demand: naik }, titles: [/Tambah stok/, /soal bau/] },
		{
			name: 'expensive but inside the range',
			input: {
				...fresh,
				price: { own: 65_000, pack: piece, per: 'buah', position: { cheaperCount: 8, pricierCount: 2, n: 10, outOf10: 8, band: 'lebih-mahal' } satisfies PricePosition, range: { low: 45_000, high: 70_000 } }
			},
			titles: [/Jangan naikkan harga dulu/, /Catat harga/]
		},
		{
			name: 'old data: no price and no stock advice, whatever the numbers say',
			input: {
				stale: true,
				dataUntil: '2025-04-26',
				price: { own: 15_000, pack: piece, per: 'buah', position: pos(15_000), range: { low: 30_000, high: 60_000 } },
				demand: naik,
				peak: lebaran,
				topComplaint: { aspect: 'rasa', reviews: 5 }
			},
			titles: [/^Perbarui data pasar dulu, data ini sudah lama\.$/, /Jaga rasa/]
		}
	];

	test.each(cases)('$name', ({ input, titles }) => {
		const out = advise(input);
		expect(out.map((a) => a.title)).toHaveLength(titles.length);
		out.forEach((a, i) => expect(a.title).toMatch(titles[i]));
		for (const a of out) {
			expectPlain(a.title);
			expectPlain(a.why);
			if (a.basis) expectPlain(a.basis);
			expect(splitSentences(a.title)).toHaveLength(1);
		}
		expect(contradictions(out, { stale: input.stale })).toEqual([]);
	});

	test('old data says its date and why nothing is advised', () => {
		const [first] = advise({ stale: true, dataUntil: '2025-04-26' });
		expect(first).toEqual({
			kind: 'data',
			title: 'Perbarui data pasar dulu, data ini sudah lama.',
			why: 'Data per 26 April 2025, lebih dari 4 minggu lalu. Saran harga dan stok menunggu data baru.'
		});
	});

	test('the per-unit figures are in the basis of price advice', () => {
		const pack = ownPack('Kopi Robusta isi 3 x 250gr', 750, 'g');
		expect(unitPrice(33_900, pack).value).toBe(45_200);
		const [price] = advise({ ...fresh, price: { own: 33_900, pack, per: 'kg', position: pos(45_200, market.map((v) => v * 1.5)), range: { low: 63_400, high: 80_000 } } });
		expect(price.title).toBe('Naikkan harga ke sekitar Rp48.000 per bungkus (3 × 250 gram).');
		expect(price.basis).toBe(
			'Harga Anda Rp33.900 per bungkus (3 × 250 gram). Itu sama dengan Rp45.200 per kg. Kebanyakan pembeli membayar Rp63.400–Rp80.000 per kg. Rp48.000 per bungkus sama dengan Rp64.000 per kg. Dibandingkan dengan 10 produk serupa.'
		);
		expect(price.why).toBe('7 dari 10 penjual serupa lebih mahal dari Anda.');
	});

	test('every review aspect has its own plain advice', () => {
		for (const aspect of ['kualitas', 'kemasan', 'pengiriman', 'kesesuaian', 'harga', 'pelayanan', 'ukuran', 'rasa', 'kedaluwarsa', 'bahan', 'warna', 'pecah']) {
			const [a] = advise({ ...fresh, topComplaint: { aspect, reviews: 5 } });
			expect(a.kind).toBe('keluhan');
			expect(a.title).not.toMatch(/Perhatikan soal/);
			expectPlain(a.title);
			expect(a.why).toMatch(/\(5 ulasan\)\.$/);
		}
	});

});

describe('the contradiction referee', () => {
	test('catches what the old per-surface lists said (issue 11)', () => {
		const old: Advice[] = [
			{ kind: 'stok', title: 'Siapkan stok untuk Harbolnas mulai sekarang.', why: '' },
			{ kind: 'stok', title: 'Jangan tambah stok dulu, permintaan sedang turun.', why: '' }
		];
		expect(contradictions(old)).toEqual(['stock says more and less', 'more than one stock suggestion']);
		expect(contradictions([{ kind: 'harga', title: 'Naikkan harga ke sekitar Rp10.000 per buah.', why: '' }, old[0]], { stale: true })).toEqual([
			'price or stock advice from old data'
		]);
	});

	test.each([
		['Jangan tambah stok dulu, walau Lebaran sudah dekat.', 'less'],
		['Tambah stok untuk Lebaran, permintaan sudah naik.', 'more'],
		['Mulai rencanakan stok untuk Harbolnas 12.12.', 'more'],
		['Jaga stok seperti biasa.', 'keep'],
		['Kirim stok yang baru dan tulis tanggal kedaluwarsa.', null]
	])('stock stance of %s', (title, stance) => {
		expect(stockStance(title)).toBe(stance);
	});

	test.each([
		['Naikkan harga ke sekitar Rp47.500 per bungkus (3 × 250 gram).', 'up'],
		['Jangan naikkan harga dulu.', 'keep'],
		['Turunkan harga ke sekitar Rp70.000 per buah.', 'down'],
		['Catat harga dan penjualan Anda setiap minggu.', null]
	])('price stance of %s', (title, stance) => {
		expect(priceStance(title)).toBe(stance);
	});
});

// Generated inputs: any market, any pack, any demand, any season, old or new data.
const packs = fc.constantFrom<[string, number, Unit]>(
	['Wastafel Keramik', 1, 'pcs'],
	['Piring Keramik isi 6', 6, 'pcs'],
	['Gelas 1 lusin', 12, 'pcs'],
	['Kopi Robusta isi 3 x 250gr', 750, 'g'],
	['Kopi Gayo 250 gr', 250, 'g'],
	['Gula Aren 1 kg', 1000, 'g'],
	['Sambal Bawang Toples 200 gr', 200, 'g'],
	['Minyak Kelapa 1 liter', 1000, 'ml'],
	['[PACK] Sambal Sachet (10 x 20gr)', 200, 'g']
);
const inputs = fc
	.record({
		stale: fc.boolean(),
		pack: packs,
		own: fc.integer({ min: 500, max: 2_000_000 }),
		prices: fc.array(fc.integer({ min: 100, max: 3_000_000 }), { minLength: 0, maxLength: 40 }),
		range: fc.option(fc.tuple(fc.integer({ min: 100, max: 3_000_000 }), fc.integer({ min: 0, max: 2_000_000 })), { nil: null }),
		direction: fc.constantFrom<DemandDirection>('naik', 'turun', 'stabil', null),
		peak: fc.option(fc.record({ weeksBefore: fc.integer({ min: 0, max: 8 }), weeksUntil: fc.integer({ min: -2, max: 40 }), name: fc.constantFrom('Lebaran', 'Harbolnas 12.12', 'Tahun ajaran baru') }), { nil: null }),
		complaint: fc.option(fc.record({ aspect: fc.constantFrom('kemasan', 'rasa', 'pecah', 'harga', 'bau'), reviews: fc.integer({ min: 0, max: 50 }) }), { nil: null })
	})
	.map(({ stale, pack: [name, quantity, unit], own, prices, range, direction, peak, complaint }): AdviceInput => {
		const pack = ownPack(name, quantity, unit);
		const per = unitPrice(own, pack).per;
		return {
			stale,
			dataUntil: '2025-04-26',
			price: { own, pack, per, position: prices.length ? pricePosition(unitPrice(own, pack).value, prices) : null, range: range ? { low: range[0], high: range[0] + range[1] } : null },
			demand: { direction, sentence: direction === null ? null : direction === 'stabil' ? 'Stabil dalam 4 minggu terakhir.' : `${direction === 'naik' ? 'Naik' : 'Turun'} 12% dalam 4 minggu terakhir.` },
			peak: peak ? { ...peak, date: '2026-03-20', today: '2026-02-01' } : null,
			topComplaint: complaint
		};
	});

describe('properties over generated inputs', () => {
	test('never contradicts itself: one stock direction, one price direction, 2–4 short plain suggestions', () => {
		fc.assert(
			fc.property(inputs, (input) => {
				const out = advise(input);
				expect(contradictions(out, { stale: input.stale })).toEqual([]);
				// Independently of the referee: never "siapkan/tambah stok" in one item beside "jangan tambah stok" in another.
				const titles = out.map((a) => a.title.toLowerCase());
				const more = titles.some((t) => /(siapkan|tambah) stok/.test(t) && !/jangan tambah stok/.test(t));
				const less = titles.some((t) => /jangan tambah stok/.test(t));
				expect(more && less).toBe(false);
				for (const a of out) {
					expectPlain(a.title);
					expectPlain(a.why);
				}
			}),
			{ numRuns: 2000, seed: 20250426 }
		);
	});

	test('a season note yields to falling demand, or both are said in one sentence', () => {
		fc.assert(
			fc.property(inputs, (input) => {
				const out = advise(input);
				if (input.stale || input.demand?.direction !== 'turun') return;
				const stock = out.filter((a) => a.kind === 'stok');
				expect(stock).toHaveLength(1);
				expect(stockStance(stock[0].title)).toBe('less');
				const peak = input.peak!;
				if (peak && peak.weeksUntil >= 0 && peak.weeksUntil <= peak.weeksBefore + 4) expect(stock[0].title).toContain(peak.name);
				expect(out.some((a) => /siapkan stok|rencanakan stok/i.test(a.title))).toBe(false);
			}),
			{ numRuns: 2000, seed: 7 }
		);
	});

	test('old data gives no price or stock advice; new data speaks money in the producer’s pack', () => {
		fc.assert(
			fc.property(inputs, (input) => {
				const out = advise(input);
				if (input.stale) {
					expect(out.filter((a) => a.kind === 'harga' || a.kind === 'stok')).toEqual([]);
					expect(out[0].kind).toBe('data');
					return;
				}
				const price = out.find((a) => a.kind === 'harga');
				const m = price && /ke sekitar (Rp[\d.]+) per (.+)\.$/.exec(price.title);
				if (!m) return;
				const p = input.price!;
				expect(m[2]).toBe(packPhrase(p.pack));
				const suggested = Number(m[1].replace(/\D/g, ''));
				const unit = unitPrice(suggested, p.pack).value;
				// Following the advice lands where it said: into the range buyers pay, from the right side.
				if (priceStance(price.title) === 'up') {
					expect(suggested).toBeGreaterThan(p.own);
					expect(unit).toBeGreaterThanOrEqual(p.range!.low);
				} else {
					expect(suggested).toBeLessThan(p.own);
					expect(unit).toBeLessThanOrEqual(p.range!.high);
				}
			}),
			{ numRuns: 2000, seed: 11 }
		);
	});
});

describe('stock advice from THE demand call', () => {
	test('follows the call and gives its sentence as the reason; no call, no stock advice', () => {
		const weeks = [...Array(12).fill(100), 160, 160, 160, 160].map((units, i) => ({ weekStart: addWeeks('2026-01-05', i), units }));
		const call = demandCall(weeks);
		expect(call.direction).toBe('naik');
		const stock = advise({ stale: false, dataUntil: '2026-04-26', demand: { direction: call.direction, sentence: call.sentence } }).find((a) => a.kind === 'stok');
		expect(stock?.title).toBe('Tambah stok, permintaan sedang naik.');
		expect(stock?.why).toContain('naik 60% dalam 4 minggu terakhir');
		const none = advise({ stale: false, dataUntil: '2026-04-26', demand: { direction: null, sentence: 'Belum ada riwayat penjualan mingguan.' } });
		expect(none.some((a) => a.kind === 'stok')).toBe(false);
	});
});
