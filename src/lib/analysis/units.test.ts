import { describe, expect, test } from 'vitest';
import { hasSharedData, readSharedCsv } from '../../../tests/fixtures/shared-data';
import { formatPackSize, parsePackSize, readPackSize, unitLabel, unitPrice, type PackSize } from './units';

const g = (quantity: number): PackSize => ({ quantity, unit: 'g', family: 'mass' });
const ml = (quantity: number): PackSize => ({ quantity, unit: 'ml', family: 'volume' });
const pcs = (quantity: number): PackSize => ({ quantity, unit: 'pcs', family: 'count' });

describe('parsePackSize', () => {
	test.each([
		// Demo-style titles from the OVOP clusters.
		['Kopi Robusta Temanggung 250 gr', g(250)],
		['Gerabah Pot Tanah Liat Diameter 30 cm isi 2', pcs(2)],
		['Kendi Gerabah 1 liter', ml(1000)],
		['Piring Keramik 1 lusin', pcs(12)],
		['Anyaman Bambu Tas isi 3 pcs', pcs(3)],
		['Kain Tenun Ikat 1 kodi', pcs(20)],
		// Units and spellings.
		['Gula Aren 1 kg', g(1000)],
		['Gula Aren 1,5 kg', g(1500)],
		['Gula Aren 1.5kg', g(1500)],
		['Kopi Bubuk 2 ons', g(200)],
		['Teh 100gram', g(100)],
		['Madu 500 G', g(500)],
		['Bumbu 1/4 kg', g(250)],
		['Kopi 1.000 gr', g(1000)],
		['Vitamin C 500mg', g(0.5)],
		['Minyak Kelapa 250ml', ml(250)],
		['Minyak Kelapa 1 L', ml(1000)],
		['Air Mawar 2 ltr', ml(2000)],
		['Oli 800 cc', ml(800)],
		['Sirup 0,5 liter', ml(500)],
		['Sandal Jepit 1 pasang', pcs(1)],
		['Gelas Kaca 6 biji', pcs(6)],
		['Mangkuk 4 buah', pcs(4)],
		['Sendok 12 pc', pcs(12)],
		['Jarum Pentul 1 gross', pcs(144)],
		['Benang Jahit 2 gros', pcs(288)],
		['Kertas HVS A4 1 rim', pcs(500)],
		['Kain Batik 2 lembar', pcs(2)],
		['Gantungan Kunci isi 12', pcs(12)],
		['Sabun Batang 1 pack isi 6', pcs(6)],
		['Sabun Batang 2 pack isi 6', pcs(12)],
		['Sambal Naknan Bawang 1 PACK 50 PCS (LIMA PULUH) SACHET', pcs(50)],
		['Piring isi 2 lusin', pcs(24)],
		// Multiplication wins over a plain size.
		['Kopi Sachet 3 x 250gr', g(750)],
		['Sambal 10 x 20gr', g(200)],
		['Kopi isi 3 x 250gr', g(750)],
		['Kopi 250gr x 3', g(750)],
		['Sambal Sachet 8gr x 10 pack', g(80)],
		['Teh Celup 10 sachet x 2 gr', g(20)],
		['Sambal 10 sachet @ 20 gr', g(200)],
		['Facial Foam 100Gx2', g(200)],
		['Air Mineral 2 x 1,5 L', ml(3000)],
		// Precedence: a measured content beats a piece count; the first size wins a tie.
		['10pcs/600gram sambel pecel', g(600)],
		['Vitamin C 500mg isi 30 tablet', pcs(30)],
		// A piece's measure times a count stated elsewhere, as a buyer reads it.
		['Sambal Sachet 18gr (Isi 10 Pcs)', g(180)],
		['SamBhojo Paket 10pc Sambal Sachet 20gr Free Mangkuk', g(200)],
		['Sambal Bawang Isi 10 × 18 gr', g(180)],
		['Kopi Tubruk 20gr/sachet isi 10', g(200)],
		['aneka sambal kemasan sachet 25 gr - sambal tomat', g(25)],
		['Finna Sambal Uleg Terasi (Pouch/1kg)', g(1000)],
		// A name listing options, then the chosen variant after " - ".
		['asam kandis kering segar organik murah 1 kg | 500 gr food pedas manis goreng - 500gr', g(500)],
		// Sambal titles read from the shared listing files.
		['[PACK] Finna Sambal Uleg Ijo Sachet (10 x 20gr)', g(200)],
		['Sambal / Rasa Original (535ml)  / Cap Ibu Jari Jempol / Pedas Asli', ml(535)],
		['Teri Nasi medan kering / teri putih asin PREMIUM 1KG - 1000grams', g(1000)],
		['bumbu kacang sambal sambel pecel gado-gado madiun kediri blitar-200 gr - gado-gado', g(200)],
		['Paket Sambal Setopan Bu Rudy (3 Botol) Khas Jawa Timur', pcs(3)],
		['[Ready Stock] SKINTIFIC - 5X Ceramide Skin Barrier Repair Moisturize Gel 30g', g(30)]
	])('%s → %j', (title, expected) => {
		expect(parsePackSize(title)).toEqual(expected);
	});

	test.each([
		['Pot Bunga 20cm'],
		['Pot Gerabah Ø 30 cm'],
		['Lukisan Kanvas 30 x 40 cm'],
		['Kaos Batik size XL'],
		['Apple iPhone 15'],
		['RG Headset Gaming PUBG XG-120 T10 Bass'],
		['Headset Earphone Gaming PUBG XG-220 GM - 008 Suara Dual Bass'],
		['ULTRABOOK DELL LATITUDE 7300 i7-8650 / 16GB RAM / SSS 512GB NVME/ IPS'],
		['Lenovo V14 G2 Ryzen 3 5300U 256GB SSD 4GB Win+OHS Original'],
		['Apple MacBook Air M1 Chip 2020 256GB / 512GB SPACE GRAY'],
		['ACER ASPIRE 5 SLIM A514-54G i3-1115G4 8GB 512GB MX350 14" W11 OHS'],
		['ACER ASPIRE 5 SLIM A514 54G - MX350 I3 1115G4 12GB 512SSD'],
		['Samsung Galaxy A15 5G 8/256'],
		['HP android 5g/4g 7.5inci 12GB + 512GB'],
		['Laptop RAM 8G SSD 128G'],
		['TELEPHONE IP PHONE CISCO 7942G NEW'],
		['Kalender 2020'],
		['Diskon 50% Kopi Arabika'],
		['Earphone Jack 3.5mm Kabel 1m'],
		['Powerbank 10000mAh 20W'],
		['Paket Eat Sambel Favorit Mas Yangun - 2 CM - 1 CKL'],
		['Boncabe Bon Cabe Botol Level 10 15 30 50 - Level 10'],
		// Two different weights that nothing explains: no size rather than a wrong one.
		['(1kg) - sambel pecel madiun - 160 gram'],
		['Kopi Bubuk 250gr 500gr 1kg'],
		[''],
		['x'.repeat(5000)]
	])('%s → null', (title) => {
		expect(parsePackSize(title)).toBeNull();
	});

	test.each([
		['(1kg) - sambel pecel madiun yu sri bumbu kacang instan siap makan - 160 gram', ['1kg', '160 gram']],
		['bumbu pecel 1 kg grosir sambel pecel pasar spesial pedas manis - 1/4 kg', ['1/4 kg', '1 kg']],
		['Bunga Telang Kering 50gr - Pouch 10gr', ['50gr', '10gr']]
	])('%s contradicts itself', (title, sizes) => {
		expect(readPackSize(title)).toEqual({ pack: null, status: 'conflict', sizes });
	});

	test('says whether a size was read, missing or contradictory', () => {
		expect(readPackSize('Sambal Bawang 200 gr').status).toBe('ok');
		expect(readPackSize('SAMBAL BAWANG BU RUDY (RESMI JKT)')).toEqual({ pack: null, status: 'none' });
		expect(readPackSize('Teri Nasi medan kering PREMIUM 1KG - 1000grams').status).toBe('ok');
	});

	test('never throws on odd input', () => {
		for (const t of ['1/0 kg', '0 kg', '99999999999 kg', '1x', 'x1', '@@', '1,,5 kg', undefined as unknown as string]) {
			expect(() => parsePackSize(t)).not.toThrow();
		}
		expect(parsePackSize('0 kg')).toBeNull();
		expect(parsePackSize('1/0 kg')).toBeNull();
		expect(parsePackSize('99999999999 kg')).toBeNull();
	});
});

describe('unitLabel and formatPackSize', () => {
	test.each([
		['g', undefined, 'gram'],
		['g', 250, 'gram'],
		['g', 1000, 'kg'],
		['ml', 500, 'ml'],
		['ml', 1500, 'liter'],
		['pcs', 12, 'buah']
	] as const)('unitLabel(%s, %j) → %s', (unit, quantity, expected) => {
		expect(unitLabel(unit, quantity)).toBe(expected);
	});

	test.each([
		[g(250), '250 gram'],
		[g(1500), '1,5 kg'],
		[ml(1000), '1 liter'],
		[pcs(12), '12 buah'],
		[null, '1 buah']
	])('%j → %s', (pack, expected) => {
		expect(formatPackSize(pack)).toBe(expected);
	});
});

describe('unitPrice', () => {
	test.each([
		[25_000, g(250), { value: 100_000, per: 'kg' }],
		[10_940, g(200), { value: 54_700, per: 'kg' }],
		[15_000, g(1000), { value: 15_000, per: 'kg' }],
		[18_000, ml(535), { value: 33_645, per: 'liter' }],
		[60_000, pcs(12), { value: 5000, per: 'buah' }],
		[10_000, pcs(3), { value: 3333, per: 'buah' }],
		[60_000, null, { value: 60_000, per: 'buah' }]
	])('%d for %j → %j', (price, pack, expected) => {
		expect(unitPrice(price, pack)).toEqual(expected);
	});
});

describe('real titles from ../shared/data', () => {
	test.skipIf(!hasSharedData)('laptop and phone titles never become a mass or volume', () => {
		const titles = [
			...readSharedCsv('tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv').map((r) => r.name),
			...readSharedCsv('tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv').map((r) => r.Produk),
			...readSharedCsv('lazada-iphone-listings-2025/lazada_iphone.csv').map((r) => r.Title)
		];
		expect(titles.length).toBeGreaterThan(200);
		for (const title of titles) {
			const pack = parsePackSize(title);
			expect(pack === null || pack.family === 'count', `${title} → ${JSON.stringify(pack)}`).toBe(true);
		}
	});

	test.skipIf(!hasSharedData)('sambal titles: spot checks and most titles with a size in grams read one', () => {
		const raw = readSharedCsv('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv').map((r) => r['Product Name']);
		const clean = readSharedCsv('tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv').map((r) => r.produk);
		const finna = raw.find((t) => t === '[PACK] Finna Sambal Uleg Ijo Sachet (10 x 20gr)');
		expect(parsePackSize(finna as string)).toEqual(g(200));
		const bundle = raw.find((t) => t.includes('Mc Lewis Chili Sauce Sachet'));
		expect(parsePackSize(bundle as string)).toEqual(g(80));
		const pecel = clean.find((t) => t.startsWith('(250gr) sambel/bumbu pecel'));
		expect(parsePackSize(pecel as string)).toEqual(g(250));
		// Every title that spells a gram or kilogram size directly yields a mass, or is named as
		// contradictory (two weights that nothing explains) — never a count, never silence.
		const withGrams = [...raw, ...clean].filter((t) => /\b\d+\s*(?:gr|gram|g|kg)\b/i.test(t));
		expect(withGrams.length).toBeGreaterThan(40);
		const conflicts = withGrams.filter((t) => readPackSize(t).status === 'conflict');
		for (const t of withGrams.filter((t) => !conflicts.includes(t))) expect(parsePackSize(t)?.family, t).toBe('mass');
		// A handful at most: "(1kg) … - 160 gram", "bumbu pecel 1 kg … - 1/4 kg", "Bunga Telang 50gr - Pouch 10gr".
		expect(conflicts.length).toBeGreaterThanOrEqual(3);
		expect(conflicts.length).toBeLessThanOrEqual(6);
	});
});
