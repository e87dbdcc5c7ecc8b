import { describe, expect, test } from 'vitest';
import { sharedTitles } from '../../../tests/fixtures/competitor-labels';
import { hasSharedData, sharedDataSkipReason } from '../../../tests/fixtures/shared-data';
import { decodeAttrs, describeKind, encodeAttrs, isCompetitor, productKind, relatedCategories, sameKind } from './product-kind';

const kind = (title: string, category?: string) => describeKind(productKind(title, category));

describe('productKind on titles written like the demo market and producers write them', () => {
	test.each([
		// Look-alikes that share a word are different kinds.
		['Wastafel Keramik Motif Bunga Plered', 'wastafel (keramik)'],
		['Teko Keramik Glasir Plered Handmade', 'teko (keramik)'],
		['Vas Bunga Keramik Motif Batik Kasongan', 'vas (keramik)'],
		['Guci Keramik Antik Tinggi 50 cm', 'guci (keramik)'],
		['Pot Bunga Gerabah Terakota Diameter 25 cm', 'pot (gerabah)'],
		['Vas Tembaga Tumang Ukir', 'vas (tembaga)'],
		['Selendang Batik Tulis Pekalongan Sutra', 'selendang (batik, tulis)'],
		['Kain Batik Tulis Motif Jlamprang', 'kain (batik, tulis)'],
		['Kain Batik Cap Motif Parang Pekalongan', 'kain (batik, cap)'],
		['Batik Tulis Pekalongan Asli', 'kain (batik, tulis)'],
		['Kopi Robusta Bubuk Temanggung 250 gr', 'kopi (bubuk)'],
		['Biji Kopi Arabika Sindoro Medium Roast 1 kg', 'kopi (biji)'],
		['Kopi Susu Gula Aren Literan 1 liter', 'kopi (minuman)'],
		['Sambal Bawang Bu Sri 200 gr', 'sambal'],
		['Sambal Ijo Teri Khas Padang 150 gr', 'sambal'],
		['Bawang Goreng Renyah Brebes 250 gr', 'bawang goreng'],
		['Bumbu Pecel Khas Madiun 500 gr', 'bumbu kacang'],
		['Sambel Pecel Kediri Pedas 250gr', 'bumbu kacang'],
		['Saus Sambal Botol 340 ml', 'saus sambal'],
		// A flavour, a fit or a free extra does not name the thing.
		['Keripik Singkong Rasa Sambal Bawang 200 gr', 'keripik'],
		['Kabel Data untuk iPhone 1 meter', 'kabel data'],
		['Oximeter Fingertip FREE MASKER', 'oximeter'],
		// Nothing known: the first real word, so it only matches titles that start the same way.
		['Cakue Medan Isi 10', 'cakue'],
		['', '']
	])('%s → %s', (title, expected) => {
		expect(kind(title)).toBe(expected);
	});

	test("the category fills in what the title leaves open", () => {
		expect(kind('Kopi Robusta Temanggung 250 gr', 'kopi-bubuk')).toBe('kopi (bubuk)');
		expect(kind('Kopi Robusta Temanggung 250 gr', 'kopi-biji')).toBe('kopi (biji)');
		expect(kind('Tas Anyaman Wanita Handmade', 'tas-anyaman')).toBe('tas (mendong, pandan)');
		expect(kind('Tas Rotan Bulat Lombok', 'tas-anyaman')).toBe('tas (rotan)');
		// A category says nothing about heads it has no dimension for.
		expect(kind('Sambal Bawang 200 gr', 'kopi-bubuk')).toBe('sambal');
	});
});

// Real listing titles from ../shared/data, by file and key (sha1 of the title; see tests/fixtures/competitor-labels.ts).
const SAMBAL_RAW = 'tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv';
const SAMBAL_CLEAN = 'tokopedia-sambal-listings-2025/tokopedia_sambal_clean.csv';
const LAPTOP = 'tokopedia-laptop-listings-2023/tokopedia_laptop_2023-02-09.csv';
const PHONE = 'tokopedia-smartphone-listings-2024/tokopedia_smartphone.csv';
const IPHONE = 'lazada-iphone-listings-2025/lazada_iphone.csv';
const EARPHONE = 'shopee-earphone-listings-2025/products.csv';
const SKINCARE = 'shopee-skincare-listings-2022/shopee_skincare_2022-11.csv';
const OXIMETER = 'bukalapak-oximeter-listings-2021/bukalapak_oxymeter.csv';

describe.skipIf(!hasSharedData)(`productKind on real listing titles ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, () => {
	const titles = hasSharedData ? sharedTitles() : new Map();
	test.each([
		// [file, key, expected head, what the title is]
		[SAMBAL_RAW, '221bc0dbb91e', 'sambal', 'Finna sambal uleg ijo, 10 sachets'],
		[SAMBAL_RAW, '63a50d0e3e5b', 'sambal', 'sambel bawang, brand name'],
		[SAMBAL_RAW, '2af414603eaa', 'sambal', 'sambal bawang in 50 sachets'],
		[SAMBAL_RAW, '1cc3dd824311', 'sambal', 'chili crisp sold as "sambal"'],
		[SAMBAL_RAW, 'c45297a2922f', 'sambal', 'cabe / balado / sambal goreng, ready to eat'],
		[SAMBAL_CLEAN, 'c97f89afbbb4', 'sambal', '"(varian teri)" then sambal goreng bawang'],
		[SAMBAL_CLEAN, 'ca1ed13b473d', 'sambal', 'baby cumi in sambel'],
		[SAMBAL_CLEAN, '3ee0bedeeb8d', 'sambal', 'sambal goreng daun jeruk'],
		[SAMBAL_RAW, '798304279cb0', 'saus sambal', '"Sambal" in a 535 ml bottle: a pourable sauce'],
		[SAMBAL_CLEAN, '4b63b81f3fcc', 'saus sambal', 'sambal cabe rawit, 350 ml'],
		[SAMBAL_RAW, '23a8d16667c3', 'saus sambal', 'chili sauce sachets'],
		[SAMBAL_RAW, 'f4de7b2ca7cd', 'saus sambal', 'saus sambal 140 ml'],
		[SAMBAL_RAW, '5610b3e2212a', 'saus sambal', 'saos cabe 535 ml'],
		[SAMBAL_CLEAN, '17f9589a0792', 'saus sambal', 'sambal/sambel chili sauce'],
		[SAMBAL_RAW, '45f01cc3eeb3', 'cabai bubuk', 'BonCabe sambal tabur'],
		[SAMBAL_RAW, '097a501051cb', 'cabai bubuk', 'Bon Cabe bottle'],
		[SAMBAL_RAW, '91324a58b36c', 'cabai bubuk', 'BonCabe refill'],
		[SAMBAL_RAW, 'c21828da51bf', 'cabai bubuk', 'gochugaru'],
		[SAMBAL_RAW, '53c68ef227c9', 'cabai bubuk', 'chili flakes'],
		[SAMBAL_RAW, 'ff6effda7389', 'gochujang', 'gochujang "sambal pasta Korea"'],
		[SAMBAL_RAW, '9a05f0bc5448', 'bumbu kacang', 'sambel pecel / bumbu pecel'],
		[SAMBAL_RAW, '538f5ba8b47b', 'bumbu kacang', 'sambal bumbu pecel'],
		[SAMBAL_RAW, '4804d803ea92', 'bumbu kacang', 'sambal pecel with peanuts'],
		[SAMBAL_CLEAN, '312a919d3519', 'bumbu kacang', 'bumbu kacang … sambel pecel gado-gado'],
		[SAMBAL_CLEAN, 'c868b119397d', 'bumbu kacang', 'bumbu kacang for otak-otak'],
		[SAMBAL_RAW, 'f1ad2bbeb2d2', 'bawang hitam', 'black garlic'],
		[SAMBAL_RAW, 'b6a9f6d13116', 'bumbu tabur', 'BBQ seasoning powder'],
		[SAMBAL_RAW, 'bb14d9256e00', 'ikan teri', 'dried anchovies'],
		[SAMBAL_CLEAN, 'b6b8141bff9e', 'empal', 'empal with sambel'],
		[LAPTOP, 'af4400604cb4', 'laptop', 'MacBook Air'],
		[LAPTOP, '7b23eb05e93f', 'laptop', 'Lenovo V14, named by CPU and specs only'],
		[LAPTOP, '7970215d609f', 'laptop', 'HP Chromebook'],
		[LAPTOP, 'd8aca31826ea', 'laptop', '"LAPTOP HP 14S"'],
		[LAPTOP, '331df9199370', 'laptop', 'hp Elitebook: HP the brand, not "handphone"'],
		[LAPTOP, '77b88854ff02', 'laptop', 'HP 14S by specs'],
		[PHONE, '0ad086f89bb1', 'tablet', 'Galaxy Tab A9'],
		[PHONE, '2a5ee11caf89', 'smartphone', '"Hp Vivo Y55"'],
		[IPHONE, '36f42c9351b9', 'pelindung layar', 'screen protector listing every iPhone model'],
		[IPHONE, '63352bf80ca1', 'pelindung layar', 'tempered glass for iPhones'],
		[IPHONE, 'b9ead140347e', 'smartphone', 'phone named by "4+4/128" only'],
		[IPHONE, 'f0cb06781e0f', 'telepon kantor', 'Cisco IP desk phone'],
		[IPHONE, 'df3d4ce21674', 'smartphone', 'handphone'],
		[IPHONE, 'ababcad5596f', 'smartphone', 'itel phone'],
		[EARPHONE, 'eec97987aa63', 'earphone', 'gaming headset (in-ear)'],
		[EARPHONE, '65105f90bf4a', 'earphone', 'in-ear wired earphone'],
		[EARPHONE, '84d6f3fe6ca2', 'earphone', 'earphone with a lightning plug "for" iPhones'],
		[EARPHONE, 'b80147cb0865', 'earphone', 'TWS earbuds with a free softcase'],
		[EARPHONE, 'f92a65e1bf93', 'headphone', 'over-ear gaming headphone'],
		[EARPHONE, '038dd2644d1c', 'headphone', 'on-ear headphone'],
		[EARPHONE, '8eef152a0831', 'wadah penyimpanan', 'storage pouch for headsets'],
		[EARPHONE, '1f5b899c7928', 'tas pinggang', 'waist bag with a headset hole'],
		[SKINCARE, '0d29f957b0dc', 'krim wajah', 'moisturizer gel'],
		[SKINCARE, '887563f17cea', 'facial wash', 'facial wash'],
		[SKINCARE, '67c5bb4b30bb', 'sunscreen', 'day gel "tabir surya"'],
		[SKINCARE, '84e5a9523847', 'toner', 'toner'],
		[SKINCARE, 'afcc3e92669c', 'paket skincare', 'paket: krim pagi malam'],
		[SKINCARE, '8089a48292ae', 'paket skincare', '3 pcs paket: toner, gel, serum'],
		[SKINCARE, '98337804551c', 'paket skincare', 'paket + serum'],
		[SKINCARE, '84d0402356a9', 'minuman kolagen', 'collagen drink'],
		[OXIMETER, '8efff0434f27', 'oximeter', 'oximeter'],
		[OXIMETER, '43751b4d4082', 'paket alat kesehatan', 'thermometer + oximeter bundle'],
		[OXIMETER, '1adc53e24a8f', 'paket alat kesehatan', '2 in 1 thermometer + oximeter'],
		[OXIMETER, 'b86fe7032ea1', 'paket alat kesehatan', '3 in 1 tensimeter + thermometer + oximeter'],
		[OXIMETER, '745c350f8c5c', 'smartwatch', 'smartwatch with an oximeter']
	])('%s %s → %s (%s)', (file, key, head) => {
		const row = titles.get(`${file}|${key}`);
		expect(row, `no title with key ${key} in ${file}`).toBeDefined();
		expect(productKind(row!.title).head).toBe(head);
	});
});

describe('sameKind and isCompetitor', () => {
	const k = (title: string, category?: string) => productKind(title, category);
	test('the same head with no disagreeing attribute', () => {
		expect(sameKind(k('Sambal Bawang Bu Sri 200 gr'), k('SAMBAL BAWANG BU RUDY 250 gr'))).toBe(true);
		expect(sameKind(k('Sambal Bawang Bu Sri 200 gr'), k('Sambal Cumi Pedas 150 gr'))).toBe(true);
		expect(sameKind(k('Sambal Bawang Bu Sri 200 gr'), k('Bawang Goreng Renyah 250 gr'))).toBe(false);
		expect(sameKind(k('Sambal Bawang Bu Sri 200 gr'), k('Black Garlic Bawang Hitam 250 gr'))).toBe(false);
		expect(sameKind(k('Wastafel Keramik Plered'), k('Teko Keramik Plered'))).toBe(false);
		expect(sameKind(k('Vas Bunga Keramik'), k('Vas Tembaga Tumang'))).toBe(false);
		// A title without a material may be either: the category decides where it has one.
		expect(sameKind(k('Vas Bunga Motif Bunga'), k('Vas Tembaga Tumang'))).toBe(true);
		expect(sameKind(k('Vas Bunga Motif Bunga', 'keramik-hias'), k('Vas Tembaga Tumang'))).toBe(false);
		expect(sameKind(k('Kopi Arabika', 'kopi-bubuk'), k('Biji Kopi Arabika 1 kg'))).toBe(false);
		expect(sameKind(k(''), k(''))).toBe(false);
	});

	const tree = [
		{ id: 1, parentId: null }, // makanan-minuman
		{ id: 2, parentId: 1 }, // kopi
		{ id: 3, parentId: 2 }, // kopi-bubuk
		{ id: 4, parentId: 2 }, // kopi-biji
		{ id: 5, parentId: 1 }, // sambal-bumbu
		{ id: 6, parentId: null }, // kerajinan
		{ id: 7, parentId: 6 } // gerabah-keramik
	];
	test('related categories: below, above and sibling leaves', () => {
		expect([...relatedCategories(tree, 3)].sort()).toEqual([1, 2, 3, 4]);
		expect([...relatedCategories(tree, 5)].sort()).toEqual([1, 5]);
		expect([...relatedCategories(tree, 6)].sort()).toEqual([6, 7]);
	});
	test('a listing in an unrelated category is no competitor; one without a category is judged by its kind', () => {
		const product = { kind: k('Kopi Robusta Bubuk 250 gr'), categoryId: 3 };
		const related = relatedCategories(tree, 3);
		expect(isCompetitor(product, { kind: k('Kopi Robusta Bubuk 200 gr'), categoryId: 3 }, related)).toBe(true);
		expect(isCompetitor(product, { kind: k('Kopi Robusta Bubuk 200 gr'), categoryId: 7 }, related)).toBe(false);
		expect(isCompetitor(product, { kind: k('Kopi Robusta Bubuk 200 gr'), categoryId: null }, related)).toBe(true);
		expect(isCompetitor(product, { kind: k('Sambal Kopi 200 gr'), categoryId: 3 }, related)).toBe(false);
	});
});

test('attributes survive storage', () => {
	const kind = productKind('Kain Batik Tulis Motif Parang', 'batik-tulis');
	expect(encodeAttrs(kind.attrs)).toBe('material=batik;teknik=tulis');
	// Stamped and finished by hand: neither a batik tulis nor a batik cap.
	expect(productKind('Batik Cap Kombinasi Tulis Pekalongan').attrs.teknik).toEqual(['kombinasi']);
	expect(decodeAttrs(encodeAttrs(kind.attrs))).toEqual(kind.attrs);
	expect(decodeAttrs('')).toEqual({});
});
