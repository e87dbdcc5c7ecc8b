// What the demo market is made of: marketplaces, title templates and demand behaviour per leaf
// of the category tree (the tree itself is category-tree.ts, shared with the importer), the OVOP clusters of DESIGN.md in their real regencies, reseller
// cities, agents and Indonesian names. Pure data; generate.ts turns it into rows.
//
// Title slots: each slot is [probability, 'Option A|Option B@1.5|…'] — the slot is used with
// that probability and one option is drawn uniformly; '@x' multiplies the unit price (a guci
// costs more than a celengan). Options of the first slot name the product type and carry its
// true kind after '#' ('Vas Bunga Keramik#vas-keramik'): the generator knows what every listing
// is, so `npm run eval:competitors` can score competitor sets against it. Leaves plant
// look-alikes that share words (teko vs wastafel keramik, pot vs vas bunga gerabah, selendang vs
// kain batik, kopi bubuk vs biji kopi, sambal bawang vs bawang goreng, bumbu pecel, saus sambal).
// Packs are [title text, quantity the title states in base units, weight, real content]; the
// stored pack fields always come from the title (readPackSize), the real content (default: what
// the title states) prices the listing — a sambal jar without a weight in its title still holds
// 200 g.

import { CATEGORY_LEAVES, type CategoryNode } from '../category-tree';

/** Which review phrase bank a leaf uses (see phrases.ts). */
export type ThemeGroup = 'keramik' | 'tekstil' | 'anyaman' | 'logam' | 'rambut' | 'kopi' | 'kerajinan' | 'makanan';

export interface Marketplace {
	id: string;
	name: string;
	/** Share of new listings. 0 = row only (Bukalapak stopped selling goods in 2025). */
	share: number;
	/** Price level relative to the market. */
	priceOffset: number;
	/** Yearly growth of this marketplace's sales. */
	growth: number;
	/**
	 * How the "terjual" counter is shown. 'coarse' (Tokopedia): "100+", "250+", "1 rb+", "2 rb+" … from
	 * 100 on. 'fine' (Shopee "1,2RB", TikTok "1.2K"): exact below 1.000, then in steps of 100.
	 * false: always exact. Bucketed values are stored as lower bounds.
	 */
	bucketed: false | 'coarse' | 'fine';
}

export const MARKETPLACES: Marketplace[] = [
	{ id: 'shopee', name: 'Shopee', share: 0.37, priceOffset: 1.0, growth: 0.05, bucketed: 'fine' },
	{ id: 'tokopedia', name: 'Tokopedia', share: 0.25, priceOffset: 1.03, growth: -0.02, bucketed: 'coarse' },
	{ id: 'tiktok', name: 'TikTok Shop', share: 0.2, priceOffset: 0.95, growth: 0.45, bucketed: 'fine' },
	{ id: 'lazada', name: 'Lazada', share: 0.11, priceOffset: 1.02, growth: -0.05, bucketed: false },
	{ id: 'blibli', name: 'Blibli', share: 0.07, priceOffset: 1.08, growth: -0.08, bucketed: false },
	{ id: 'bukalapak', name: 'Bukalapak', share: 0, priceOffset: 1, growth: 0, bucketed: false }
];

/** How the demo market behaves in one leaf of the category tree (category-tree.ts names it). */
export interface LeafBehaviour {
	slug: string;
	/** Typical price per base unit (per piece, gram or millilitre) in Rupiah. */
	basePrice: number;
	/** Relative share of listings. */
	weight: number;
	/** Median weekly units sold by one listing. */
	sellRate: number;
	themes: ThemeGroup;
	/** Strength of the pre-Lebaran rise (0 none … 1.4 strong). */
	lebaran: number;
	/** School-start (mid July) rise. */
	school: number;
	/** Harbolnas 11.11 / 12.12 response. */
	harbolnas: number;
	/** Yearly demand trend (0.2 = +20 % a year). */
	trend: number;
	/** Extra change over the last ~6 weeks before the end date (0.4 = +40 %), so /tren finds something. */
	recent: number;
	slots: [number, string][];
	packs: Pack[];
	/** Packs of one kind when they differ from the leaf's (saus sambal is sold by the ml). */
	kindPacks?: Record<string, Pack[]>;
	/** A wholesale pack phrase: [text, quantity]. */
	wholesale: [string, number];
	kindWholesale?: Record<string, [string, number]>;
	/** Words that may be product keywords besides those in the product's name. */
	productWords: string[];
}

/** [title text, quantity the title states (base units; 1 when none), weight, real content when the title states none]. */
export type Pack = [string, number, number, number?];

// Some extras name another product after "untuk": a buyer reads them as a use, not as the thing sold.
const CRAFT_EXTRAS = 'Murah|Handmade|Asli|Original|Termurah|Ready Stock|COD|Dekorasi Rumah|Best Seller|Kerajinan Tangan|Cocok untuk Hampers|Bisa untuk Souvenir';
const FASHION_EXTRAS = 'Murah|Premium|Original|Ready Stock|COD|Best Seller|Terlaris|Kekinian|Grosir Murah';
const FOOD_EXTRAS = 'Murah|Original|Asli|Ready Stock|Best Seller|Fresh Roast|Oleh Oleh|Halal|Cocok untuk Cold Brew|Teman Sarapan';
const SAMBAL_EXTRAS = 'Murah|Original|Asli|Ready Stock|Best Seller|Oleh Oleh|Halal|Tanpa Pengawet|Homemade|Cocok untuk Lauk|Teman Nasi|Pedas Nagih';

const BEHAVIOUR: LeafBehaviour[] = [
	{
		slug: 'gerabah',
		basePrice: 35_000,
		weight: 9,
		sellRate: 1.2,
		themes: 'keramik',
		lebaran: 0.3,
		school: 0,
		harbolnas: 0.6,
		trend: -0.08,
		recent: 0,
		slots: [
			[1, 'Pot Gerabah#pot-gerabah|Pot Tanah Liat#pot-gerabah|Pot Bunga Gerabah#pot-gerabah|Pot Bunga Tanah Liat#pot-gerabah|Vas Bunga Gerabah#vas-gerabah@1.1|Kendi Gerabah#kendi-gerabah@0.8|Guci Gerabah#guci-gerabah@1.8|Celengan Gerabah#celengan-gerabah@0.4|Tungku Gerabah#tungku-gerabah@1.2|Anglo Tanah Liat#tungku-gerabah@1.1|Cobek Tanah Liat#cobek-gerabah@0.5|Gentong Gerabah#gentong-gerabah@3'],
			[0.7, 'Tanah Liat|Terakota|Natural|Motif Ukir@1.3|Finishing Cat@1.2|Glasir@1.4|Antik@1.3|Polos@0.9|Minimalis'],
			[0.6, 'Plered|Plered|Kasongan|Kasongan|Banyumulek|Lombok|Purwakarta|Jogja'],
			[0.5, 'Diameter 15 cm@0.6|Diameter 20 cm@0.8|Diameter 25 cm|Diameter 30 cm@1.4|Tinggi 40cm@1.8|Uk 20cm@0.8|Ukuran Besar@1.6|Ukuran Kecil@0.6|Sedang'],
			[0.35, CRAFT_EXTRAS + '|Hiasan Taman']
		],
		packs: [['', 1, 70], ['isi 2', 2, 10], ['isi 3', 3, 6], ['1 set isi 3', 3, 4], ['2 pcs', 2, 5], ['set 3 pcs', 3, 5]],
		wholesale: ['grosir isi 50', 50],
		productWords: ['gerabah', 'tanah', 'liat', 'pot']
	},
	{
		slug: 'keramik-hias',
		basePrice: 85_000,
		weight: 7,
		sellRate: 0.8,
		themes: 'keramik',
		lebaran: 1.0,
		school: 0,
		harbolnas: 0.8,
		trend: 0.1,
		recent: 0,
		slots: [
			[1, 'Vas Bunga Keramik#vas-keramik|Vas Keramik#vas-keramik|Vas Bunga Keramik Glasir#vas-keramik@1.2|Guci Keramik#guci-keramik@2|Patung Keramik#patung-keramik@1.5|Hiasan Dinding Keramik#hiasan-dinding-keramik|Tempat Lilin Keramik#tempat-lilin-keramik@0.5|Lampu Hias Keramik#lampu-keramik@1.6|Wastafel Keramik#wastafel-keramik@3|Wastafel Keramik Lukis#wastafel-keramik@3.5'],
			[0.6, 'Motif Bunga|Motif Batik|Lukis Tangan@1.4|Glossy|Doff|Retro|Nordic|Estetik|Minimalis|Antik@1.3'],
			[0.5, 'Plered|Kasongan|Pejaten|Bali|Lombok|Banyumulek'],
			[0.4, 'Tinggi 25 cm@0.8|Tinggi 30cm|Tinggi 50 cm@2|Diameter 20 cm|Mini@0.5|Jumbo@2.5'],
			[0.35, CRAFT_EXTRAS + '|Hiasan Lebaran|Kado']
		],
		packs: [['', 1, 80], ['isi 2', 2, 8], ['set 2 pcs', 2, 6], ['isi 3', 3, 5]],
		wholesale: ['grosir isi 24', 24],
		productWords: ['keramik', 'vas', 'hias', 'bunga']
	},
	{
		slug: 'keramik-makan',
		basePrice: 22_000,
		weight: 6,
		sellRate: 1.5,
		themes: 'keramik',
		lebaran: 0.9,
		school: 0,
		harbolnas: 0.8,
		trend: 0.15,
		recent: 0,
		slots: [
			[1, 'Piring Keramik#piring-keramik|Piring Saji Keramik#piring-keramik@1.5|Mangkok Keramik#mangkok-keramik@0.8|Gelas Keramik#gelas-keramik|Mug Keramik#gelas-keramik@1.2|Cangkir Keramik#cangkir-keramik|Cangkir dan Lepek Keramik#cangkir-keramik@1.3|Teko Keramik#teko-keramik@3|Teko Keramik Set 4 Cangkir#teko-keramik@4.5'],
			[0.6, 'Motif Bunga|Putih Polos@0.8|Handmade@1.5|Glasir@1.2|Stoneware@1.6|Rustic@1.3|Motif Batik'],
			[0.4, 'Plered|Kasongan|Pejaten|Lombok'],
			[0.4, 'Diameter 20 cm|Diameter 25cm@1.2|Uk 8 inch|Uk 10 inch@1.3'],
			[0.3, CRAFT_EXTRAS + '|Alat Makan']
		],
		packs: [['', 1, 40], ['1 lusin', 12, 20], ['isi 6', 6, 15], ['set isi 4', 4, 10], ['isi 2', 2, 10]],
		wholesale: ['grosir isi 10 lusin', 120],
		productWords: ['keramik', 'piring', 'gelas', 'mug']
	},
	{
		slug: 'anyaman-bambu',
		basePrice: 45_000,
		weight: 6,
		sellRate: 1.5,
		themes: 'anyaman',
		lebaran: 0.6,
		school: 0,
		harbolnas: 0.6,
		trend: 0.05,
		recent: 0,
		slots: [
			[1, 'Keranjang Bambu#keranjang-bambu|Tampah Bambu#tampah-bambu@0.5|Besek Bambu#besek-bambu@0.15|Tudung Saji Bambu#tudung-saji-bambu|Kap Lampu Bambu#kap-lampu-bambu@1.5|Bakul Nasi Bambu#bakul-bambu@0.6|Tempat Tisu Bambu#tempat-tisu-bambu@0.5|Nampan Anyaman Bambu#nampan-bambu|Hampers Bambu#hampers-bambu@0.7'],
			[0.6, 'Anyaman|Handmade|Natural|Motif|Kerajinan Tangan|Tradisional'],
			[0.5, 'Tasikmalaya|Bangli|Bali|Kulon Progo|Jogja|Sleman'],
			[0.4, 'Diameter 30 cm|Ukuran Besar@1.5|Ukuran Kecil@0.6|Diameter 40cm@1.3'],
			[0.3, CRAFT_EXTRAS]
		],
		packs: [['', 1, 65], ['isi 10', 10, 10], ['isi 5', 5, 10], ['set 3 pcs', 3, 10], ['isi 2', 2, 5]],
		wholesale: ['grosir isi 100', 100],
		productWords: ['bambu', 'anyaman', 'keranjang']
	},
	{
		slug: 'anyaman-rotan',
		basePrice: 120_000,
		weight: 5,
		sellRate: 0.7,
		themes: 'anyaman',
		lebaran: 0.5,
		school: 0,
		harbolnas: 0.6,
		trend: -0.12,
		recent: -0.45,
		slots: [
			[1, 'Keranjang Rotan#keranjang-rotan|Kursi Rotan#kursi-rotan@4|Tas Rotan#tas-rotan@1.2|Kap Lampu Rotan#kap-lampu-rotan@1.4|Keranjang Cucian Rotan#keranjang-cucian-rotan|Nampan Rotan#nampan-rotan@0.6|Tempat Buah Rotan#tempat-buah-rotan@0.5|Tas Rotan Bulat#tas-rotan@1.3|Hampers Rotan#hampers-rotan@0.6'],
			[0.6, 'Ketak@1.5|Asli|Sintetis@0.7|Natural|Handmade|Anyaman'],
			[0.5, 'Lombok|Lombok Tengah|Beleka|Bali|Lombok'],
			[0.4, 'Diameter 20 cm|Diameter 35 cm@1.3|Ukuran Besar@1.5|Mini@0.5'],
			[0.3, CRAFT_EXTRAS]
		],
		packs: [['', 1, 80], ['set 3 pcs', 3, 10], ['isi 2', 2, 10]],
		wholesale: ['grosir isi 20', 20],
		productWords: ['rotan', 'keranjang', 'tas', 'anyaman']
	},
	{
		slug: 'tas-anyaman',
		basePrice: 65_000,
		weight: 6,
		sellRate: 1.5,
		themes: 'anyaman',
		lebaran: 0.6,
		school: 0.6,
		harbolnas: 1,
		trend: 0.3,
		recent: 0.8,
		slots: [
			[1, 'Tas Anyaman#tas-anyaman|Tas Pandan#tas-anyaman|Tas Mendong#tas-anyaman|Tas Anyaman Pandan#tas-anyaman|Clutch Anyaman#dompet-anyaman@0.7|Tote Bag Anyaman#tas-anyaman|Tas Belanja Anyaman#tas-anyaman@0.6|Tas Pantai Anyaman#tas-anyaman|Dompet Anyaman#dompet-anyaman@0.4|Tas Sekolah Anyaman#tas-anyaman@0.9'],
			[0.6, 'Wanita|Motif Etnik|Handmade|Premium@1.5|Kekinian|Aesthetic|Souvenir@0.6'],
			[0.5, 'Tasikmalaya|Rajapolah|Kulon Progo|Jogja'],
			[0.3, 'Ukuran 30 cm|Size M|Size L@1.2'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 80], ['isi 10', 10, 6], ['1 lusin', 12, 6], ['isi 2', 2, 8]],
		wholesale: ['grosir isi 50', 50],
		productWords: ['tas', 'anyaman', 'pandan', 'mendong']
	},
	{
		slug: 'kerajinan-tembaga',
		basePrice: 350_000,
		weight: 3,
		sellRate: 0.25,
		themes: 'logam',
		lebaran: 0.4,
		school: 0,
		harbolnas: 0.5,
		trend: -0.05,
		recent: 0,
		slots: [
			[1, 'Lampu Gantung Tembaga#lampu-tembaga@2|Wastafel Tembaga#wastafel-tembaga@3|Kaligrafi Tembaga#kaligrafi-tembaga@1.5|Vas Tembaga#vas-tembaga@0.8|Teko Tembaga#teko-tembaga@0.6|Gelas Tembaga#gelas-tembaga@0.2|Hiasan Dinding Tembaga#hiasan-dinding-tembaga|Kubah Tembaga#kubah-tembaga@2.5|Panci Tembaga#panci-tembaga@0.7'],
			[0.6, 'Ukir@1.3|Antik|Asli|Handmade|Tempa|Mewah@1.5'],
			[0.6, 'Tumang|Tumang|Boyolali|Cepogo|Jawa Tengah'],
			[0.4, 'Diameter 40 cm@1.4|Diameter 30cm|Tinggi 25 cm@0.8|Ukuran 60 cm@1.8'],
			[0.3, CRAFT_EXTRAS]
		],
		packs: [['', 1, 85], ['isi 2', 2, 5], ['set 6 pcs', 6, 5]],
		wholesale: ['grosir isi 12', 12],
		productWords: ['tembaga', 'tumang', 'ukir', 'lampu']
	},
	{
		slug: 'kerajinan-kuningan',
		basePrice: 180_000,
		weight: 3,
		sellRate: 0.4,
		themes: 'logam',
		lebaran: 0.4,
		school: 0,
		harbolnas: 0.5,
		trend: -0.15,
		recent: -0.5,
		slots: [
			[1, 'Lampu Kuningan#lampu-kuningan|Kaligrafi Kuningan#kaligrafi-kuningan@1.5|Vas Kuningan#vas-kuningan|Patung Kuningan#patung-kuningan@1.4|Gantungan Kunci Kuningan#gantungan-kunci-kuningan@0.05|Bel Kuningan#lonceng-kuningan@0.4|Tempat Lilin Kuningan#tempat-lilin-kuningan@0.4|Plakat Kuningan#plakat-kuningan@0.8|Pegangan Pintu Kuningan#pegangan-pintu-kuningan@0.6|Gong Kuningan#gong-kuningan@2'],
			[0.6, 'Ukir|Antik|Asli|Cor@1.1|Handmade|Mewah@1.5'],
			[0.6, 'Juwana|Juwana|Pati|Jawa Tengah'],
			[0.4, 'Tinggi 20cm|Diameter 30 cm@1.3|Ukuran Kecil@0.6'],
			[0.3, CRAFT_EXTRAS]
		],
		packs: [['', 1, 85], ['isi 2', 2, 6], ['1 lusin', 12, 4]],
		wholesale: ['grosir isi 100', 100],
		productWords: ['kuningan', 'juwana', 'antik', 'lampu']
	},
	{
		slug: 'kerajinan-tangan',
		basePrice: 25_000,
		weight: 6,
		sellRate: 1.5,
		themes: 'kerajinan',
		lebaran: 1.0,
		school: 0,
		harbolnas: 0.7,
		trend: 0,
		recent: 0,
		slots: [
			[1, 'Souvenir Kayu#souvenir-kayu|Souvenir Kayu#souvenir-kayu|Miniatur Kayu#miniatur-kayu@2|Topeng Kayu#topeng-kayu@1.5|Gantungan Kunci Kayu#gantungan-kunci-kayu@0.2|Patung Kayu#patung-kayu@3|Wayang Kulit#wayang-kulit@4|Hiasan Dinding Kayu#hiasan-dinding-kayu@1.2|Tempat Pensil Kayu#tempat-pensil-kayu@0.5|Kotak Perhiasan Kayu#kotak-perhiasan-kayu|Souvenir Pernikahan#souvenir-pernikahan@0.2|Hampers Lebaran#hampers-lebaran@2'],
			[0.6, 'Handmade|Ukir|Unik|Etnik|Lucu@0.7|Custom Nama@1.3'],
			[0.6, 'Jogja|Kasongan|Sleman|Bantul|Yogyakarta|Krebet'],
			[0.3, 'Ukuran 20 cm|Mini@0.5|Jumbo@2'],
			[0.3, CRAFT_EXTRAS + '|Oleh Oleh']
		],
		packs: [['', 1, 55], ['1 lusin', 12, 8], ['1 kodi', 20, 5], ['isi 6', 6, 8], ['2 pcs', 2, 8], ['isi 3', 3, 6]],
		wholesale: ['grosir isi 100', 100],
		productWords: ['kayu', 'souvenir', 'jogja', 'handmade']
	},
	{
		slug: 'batik-tulis',
		basePrice: 350_000,
		weight: 5,
		sellRate: 0.4,
		themes: 'tekstil',
		lebaran: 1.1,
		school: 0,
		harbolnas: 1,
		trend: 0.05,
		recent: 0,
		slots: [
			[1, 'Kain Batik Tulis#kain-batik-tulis|Batik Tulis#kain-batik-tulis|Kain Batik Tulis Halus#kain-batik-tulis@1.5|Selendang Batik Tulis#selendang-batik-tulis@0.5|Kain Panjang Batik Tulis#kain-batik-tulis@1.2'],
			[0.7, 'Motif Jlamprang|Motif Buketan|Motif Parang|Motif Mega Mendung|Sutra@2|Katun Primisima|Pewarna Alam@1.4|Motif Pesisir|Sogan'],
			[0.7, 'Pekalongan|Pekalongan|Pekalongan Asli|Wiradesa|Kedungwuni'],
			[0.4, 'Ukuran 2 meter|Panjang 2,5 meter@1.1'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 80], ['1 kodi', 20, 8], ['isi 2', 2, 6], ['set 2 pcs', 2, 6]],
		wholesale: ['grosir isi 5 kodi', 100],
		productWords: ['batik', 'tulis', 'pekalongan', 'kain']
	},
	{
		slug: 'batik-cap',
		basePrice: 65_000,
		weight: 6,
		sellRate: 1.2,
		themes: 'tekstil',
		lebaran: 1.0,
		school: 0.4,
		harbolnas: 1,
		trend: -0.1,
		recent: 0,
		slots: [
			[1, 'Kain Batik Cap#kain-batik-cap|Kain Batik Printing#kain-batik-printing@0.6|Kain Batik Cap Pekalongan#kain-batik-cap|Batik Cap Kombinasi Tulis#kain-batik-kombinasi@1.5|Kain Jarik Batik Cap#kain-batik-cap@0.8|Kain Batik Cap Meteran#kain-batik-cap@0.5|Selendang Batik Cap#selendang-batik-cap@0.4'],
			[0.7, 'Motif Kawung|Motif Parang|Motif Sekar Jagad|Motif Liong|Motif Megamendung|Katun|Rayon@0.8|Dolby@0.9|Primisima@1.2'],
			[0.6, 'Pekalongan|Pekalongan|Pekalongan Asli|Solo|Jogja'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 60], ['1 kodi', 20, 15], ['isi 3', 3, 8], ['isi 5', 5, 6], ['1 lusin', 12, 5]],
		wholesale: ['grosir isi 10 kodi', 200],
		productWords: ['batik', 'cap', 'kain', 'pekalongan']
	},
	{
		slug: 'kemeja-batik',
		basePrice: 95_000,
		weight: 8,
		sellRate: 2,
		themes: 'tekstil',
		lebaran: 1.4,
		school: 1.2,
		harbolnas: 1.2,
		trend: 0.08,
		recent: 0,
		slots: [
			[1, 'Kemeja Batik Pria#kemeja-batik|Kemeja Batik#kemeja-batik|Seragam Batik Sekolah#seragam-batik@0.6|Seragam Batik Kantor#seragam-batik@0.9|Blus Batik Wanita#blus-batik|Dress Batik#dress-batik@1.2|Batik Couple#batik-couple@1.8|Seragam Batik SD#seragam-batik@0.5|Seragam Batik SMP#seragam-batik@0.55'],
			[0.6, 'Lengan Panjang@1.15|Lengan Pendek|Slimfit|Katun|Premium@1.5|Motif Modern|Kombinasi'],
			[0.6, 'Pekalongan|Pekalongan|Solo|Pekalongan Asli'],
			[0.5, 'Size M|Size L|Size XL|Size XXL@1.1|All Size|M L XL'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 75], ['1 kodi', 20, 8], ['1 lusin', 12, 7], ['isi 3', 3, 5]],
		wholesale: ['grosir isi 5 kodi', 100],
		productWords: ['batik', 'kemeja', 'seragam', 'pekalongan']
	},
	{
		slug: 'tenun',
		basePrice: 400_000,
		weight: 4,
		sellRate: 0.3,
		themes: 'tekstil',
		lebaran: 0.8,
		school: 0,
		harbolnas: 0.8,
		trend: 0.12,
		recent: 0,
		slots: [
			[1, 'Kain Tenun#kain-tenun|Kain Tenun Ikat#kain-tenun|Songket#kain-tenun@2|Kain Tenun ATBM#kain-tenun@0.5|Selendang Tenun#selendang-tenun@0.3|Syal Tenun#syal-tenun@0.2|Sarung Tenun#sarung-tenun@0.6'],
			[0.6, 'Motif Subahnale|Motif Tradisional|Benang Emas@1.8|Pewarna Alam@1.4|Handmade|Asli'],
			[0.6, 'Sukarara|Lombok|Lombok|Sasak|Pekalongan'],
			[0.3, 'Ukuran 2 meter|Panjang 180 cm'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 85], ['isi 2', 2, 8], ['1 kodi', 20, 4]],
		wholesale: ['grosir isi 5 kodi', 100],
		productWords: ['tenun', 'kain', 'lombok', 'ikat']
	},
	{
		slug: 'wig',
		basePrice: 250_000,
		weight: 4,
		sellRate: 0.8,
		themes: 'rambut',
		lebaran: 0.5,
		school: 0,
		harbolnas: 1.2,
		trend: 0.2,
		recent: 0,
		slots: [
			[1, 'Wig Rambut Asli#wig@1.8|Wig#wig|Rambut Palsu#wig|Wig Sintetis#wig@0.4|Hair Extension#hair-extension@0.8|Wig Pria#wig@1.1|Wig Wanita#wig|Topi Wig#wig@0.5|Hairpiece#wig@0.9'],
			[0.6, 'Human Hair@2|Lurus|Ikal|Bob Pendek|Panjang 60cm@1.3|Natural|Cosplay@0.6|Tahan Panas'],
			[0.6, 'Purbalingga|Purbalingga|Purbalingga Original'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 90], ['isi 2', 2, 4], ['1 set', 1, 6]],
		wholesale: ['grosir isi 20', 20],
		productWords: ['wig', 'rambut', 'purbalingga', 'asli']
	},
	{
		slug: 'bulu-mata',
		basePrice: 15_000,
		weight: 4,
		sellRate: 3,
		themes: 'rambut',
		lebaran: 0.8,
		school: 0,
		harbolnas: 1.3,
		trend: 0.1,
		recent: 0,
		slots: [
			[1, 'Bulu Mata Palsu#bulu-mata|Bulu Mata#bulu-mata|Eyelash#bulu-mata|Bulu Mata Asli#bulu-mata@1.8|Bulu Mata Magnetik#bulu-mata@2'],
			[0.6, 'Natural|Tebal|Lentik|3D@1.3|Mink@2|Handmade|Lem Gratis'],
			[0.6, 'Purbalingga|Purbalingga|Original'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['1 pasang', 1, 30], ['isi 5 pasang', 5, 20], ['isi 10 pasang', 10, 15], ['', 1, 25], ['1 lusin', 12, 5]],
		wholesale: ['grosir isi 100 pasang', 100],
		productWords: ['bulu', 'mata', 'purbalingga', 'palsu']
	},
	{
		slug: 'jepit-sanggul',
		basePrice: 12_000,
		weight: 5,
		sellRate: 3,
		themes: 'rambut',
		lebaran: 0.8,
		school: 0,
		harbolnas: 1.2,
		trend: -0.05,
		recent: 0,
		slots: [
			[1, 'Jepit Rambut#jepit-rambut|Jepit Rambut#jepit-rambut|Bando Rambut#bando|Ikat Rambut#ikat-rambut@0.4|Sanggul Rambut#sanggul@4|Cepol Rambut#sanggul@2|Hair Clip#jepit-rambut|Scrunchie Rambut#ikat-rambut@0.5|Konde Rambut#sanggul@3|Jepit Rambut Badai#jepit-rambut@1.2'],
			[0.6, 'Korea|Mutiara@1.5|Wanita|Anak|Aesthetic|Kekinian|Premium@1.5'],
			[0.5, 'Purbalingga'],
			[0.3, FASHION_EXTRAS]
		],
		packs: [['', 1, 45], ['isi 12', 12, 12], ['1 lusin', 12, 12], ['isi 6', 6, 10], ['2 pcs', 2, 8], ['1 set isi 3', 3, 8], ['1 kodi', 20, 5]],
		wholesale: ['grosir isi 1 gross', 144],
		productWords: ['rambut', 'jepit', 'sanggul', 'purbalingga']
	},
	{
		slug: 'sambal-bumbu',
		basePrice: 100,
		weight: 6,
		sellRate: 2.5,
		themes: 'makanan',
		lebaran: 0.8,
		school: 0,
		harbolnas: 0.7,
		trend: 0.15,
		recent: 0,
		// Like the real Tokopedia "Aneka Sambal" results: sambal of many flavours beside things that
		// share its words (bawang goreng, black garlic, bumbu/sambel pecel, saus sambal, sambal tabur,
		// keripik "rasa sambal bawang"), and many jars without a weight in the title.
		slots: [
			[1, 'Sambal Bawang#sambal|Sambel Bawang#sambal|Sambal Bawang Pedas#sambal|Sambal Ijo#sambal|Sambal Terasi#sambal|Sambal Cumi#sambal@1.5|Sambal Roa#sambal@1.6|Sambal Teri#sambal@1.3|Sambal Matah#sambal|Bawang Goreng#bawang-goreng@1.4|Bawang Goreng Renyah#bawang-goreng@1.4|Bumbu Pecel#bumbu-pecel@0.7|Sambel Pecel#bumbu-pecel@0.7|Saus Sambal#saus-sambal@0.4|Saus Sambal Pedas#saus-sambal@0.4|Black Garlic Bawang Hitam#bawang-hitam@4|Keripik Singkong Rasa Sambal Bawang#keripik@0.8|Sambal Tabur Cabai Kering#cabai-bubuk@2'],
			[0.6, 'Bu Sri|Mbok Darmi|Bu Rudy|Mak Ijah|Dapur Bunda|Pawon Ndeso|Cap Jempol@0.9|Khas Madiun|Khas Kediri|Khas Blitar'],
			[0.5, 'Pedas|Extra Pedas|Level 5|Tidak Pedas|Manis Pedas|Pedas Manis'],
			[0.3, SAMBAL_EXTRAS]
		],
		packs: [['150 gr', 150, 18], ['200 gr', 200, 18], ['250gr', 250, 10], ['Toples 500 gr', 500, 6], ['1 kg', 1000, 4], ['Sachet 20gr (Isi 10 Pcs)', 200, 6], ['isi 10 × 18 gr', 180, 5], ['', 1, 16, 200], ['Botol', 1, 6, 220], ['(1kg) - 160 gram', 1, 2, 160]],
		kindPacks: {
			'saus-sambal': [['140 ml', 140, 20], ['340ml', 340, 30], ['535ml', 535, 25], ['1 liter', 1000, 10], ['', 1, 15, 340]],
			'cabai-bubuk': [['35 gr', 35, 20], ['Botol 50gr', 50, 30], ['100 gram', 100, 20], ['', 1, 10, 50]],
			'bawang-hitam': [['220 gr', 220, 40], ['500 gr', 500, 40], ['', 1, 20, 250]],
			keripik: [['200 gr', 200, 40], ['250gr', 250, 40], ['', 1, 20, 200]],
			'bawang-goreng': [['100 gr', 100, 25], ['250 gr', 250, 30], ['500 gr', 500, 20], ['1 kg', 1000, 10], ['', 1, 15, 200]]
		},
		wholesale: ['grosir 5 kg', 5000],
		kindWholesale: { 'saus-sambal': ['grosir isi 20 liter', 20_000] },
		productWords: ['sambal', 'bawang', 'pecel', 'pedas']
	},
	{
		slug: 'kopi-bubuk',
		basePrice: 130,
		weight: 8,
		sellRate: 3,
		themes: 'kopi',
		lebaran: 0.9,
		school: 0,
		harbolnas: 0.8,
		trend: 0.12,
		recent: 0,
		slots: [
			[1, 'Kopi Robusta#kopi-bubuk@0.8|Kopi Arabika#kopi-bubuk@1.7|Kopi#kopi-bubuk|Kopi Bubuk#kopi-bubuk|Kopi Tubruk#kopi-bubuk@0.8|Kopi Luwak#kopi-bubuk@4|Kopi Lanang#kopi-bubuk@1.3|Kopi Robusta Bubuk#kopi-bubuk@0.8|Kopi Arabika Bubuk#kopi-bubuk@1.7'],
			[0.7, 'Temanggung|Temanggung|Wonosobo|Sindoro|Sumbing|Dieng|Semarang|Gunung Kelir|Banjarnegara|Jawa Tengah'],
			[0.5, 'Bubuk|Asli|Murni|Premium@1.2|Original|Single Origin@1.3|Tanpa Campuran|Giling Halus'],
			[0.3, FOOD_EXTRAS]
		],
		packs: [['250 gr', 250, 25], ['250gr', 250, 10], ['200 gram', 200, 10], ['500 gr', 500, 12], ['1 kg', 1000, 12], ['100 gr', 100, 10], ['isi 3 x 250gr', 750, 5], ['1 ons', 100, 6], ['500gram', 500, 5]],
		wholesale: ['grosir 25 kg', 25_000],
		productWords: ['kopi', 'bubuk', 'robusta', 'temanggung']
	},
	{
		slug: 'kopi-biji',
		basePrice: 150,
		weight: 5,
		sellRate: 1.5,
		themes: 'kopi',
		lebaran: 0.6,
		school: 0,
		harbolnas: 0.8,
		trend: 0.25,
		recent: 0,
		slots: [
			[1, 'Biji Kopi#kopi-biji|Kopi Biji#kopi-biji|Roasted Bean Kopi#kopi-biji|Kopi Sangrai#kopi-biji|Biji Kopi Sangrai#kopi-biji'],
			[1, 'Arabika@1.8|Robusta@0.85|Arabica@1.8|Robusta Fine@1.1|Excelsa|Luwak@3.5'],
			[0.7, 'Temanggung|Temanggung|Wonosobo|Sindoro|Sumbing|Dieng|Gunung Kelir|Semarang|Jawa Tengah'],
			[0.4, 'Medium Roast|Dark Roast|Light Roast@1.1|Natural Process@1.2|Honey Process@1.3|Full Wash'],
			[0.3, FOOD_EXTRAS]
		],
		packs: [['250 gr', 250, 20], ['500 gr', 500, 15], ['1 kg', 1000, 25], ['200gr', 200, 10], ['100 gram', 100, 5]],
		wholesale: ['grosir 20 kg', 20_000],
		productWords: ['kopi', 'biji', 'arabika', 'robusta']
	},
	{
		slug: 'kopi-siap-minum',
		basePrice: 75,
		weight: 2,
		sellRate: 2,
		themes: 'kopi',
		lebaran: 0.3,
		school: 0,
		harbolnas: 0.6,
		trend: 0.45,
		recent: 1.0,
		slots: [
			[1, 'Kopi Susu Literan#kopi-minuman|Kopi Literan#kopi-minuman|Cold Brew Kopi#kopi-minuman|Kopi Susu Gula Aren#kopi-minuman|Kopi Cold Brew#kopi-minuman'],
			[0.6, 'Arabika@1.3|Robusta|Gula Aren|Original|Less Sugar|Botol'],
			[0.6, 'Temanggung|Wonosobo|Semarang'],
			[0.3, FOOD_EXTRAS]
		],
		packs: [['1 liter', 1000, 35], ['1 L', 1000, 10], ['250 ml', 250, 20], ['500 ml', 500, 20], ['2 liter', 2000, 5]],
		wholesale: ['grosir isi 20 liter', 20_000],
		productWords: ['kopi', 'literan', 'susu', 'aren']
	}
];

/** A leaf of the tree with its demo behaviour. */
export interface Leaf extends LeafBehaviour, CategoryNode {
	parent: string;
}

export const LEAVES: Leaf[] = BEHAVIOUR.map((b) => {
	const node = CATEGORY_LEAVES.find((l) => l.slug === b.slug);
	if (!node) throw new Error(`demo leaf ${b.slug} is not in the category tree`);
	return { ...node, ...b };
});

export interface Cluster {
	id: string;
	/** Regency name as findRegency understands it. */
	regency: string;
	/** District (kecamatan) where the craft village lies; producers are placed in its villages. */
	district?: string;
	leaves: string[];
	cooperative: string;
	/** Which agent (index into AGENT_NAMES) serves this cluster. */
	agent: number;
	names: NameStyle;
	/** Share of cluster shops among listings of its leaves. */
	weight: number;
}

export type NameStyle = 'sunda' | 'jawa' | 'bali' | 'sasak';

export const CLUSTERS: Cluster[] = [
	{ id: 'gerabah-plered', regency: 'Purwakarta', district: 'Plered', leaves: ['gerabah', 'keramik-hias', 'keramik-makan'], cooperative: 'KUD Gerabah Plered', agent: 0, names: 'sunda', weight: 3 },
	{ id: 'gerabah-kasongan', regency: 'Bantul', district: 'Kasihan', leaves: ['gerabah', 'keramik-hias', 'kerajinan-tangan'], cooperative: 'KUD Gerabah Kasongan', agent: 4, names: 'jawa', weight: 3 },
	{ id: 'keramik-pejaten', regency: 'Tabanan', district: 'Kediri', leaves: ['keramik-hias', 'keramik-makan', 'gerabah'], cooperative: 'KUD Keramik Pejaten Tabanan', agent: 5, names: 'bali', weight: 2 },
	{ id: 'gerabah-banyumulek', regency: 'Lombok Barat', district: 'Kediri', leaves: ['gerabah', 'keramik-hias'], cooperative: 'KUD Gerabah Banyumulek', agent: 6, names: 'sasak', weight: 2 },
	{ id: 'anyaman-rajapolah', regency: 'Tasikmalaya', district: 'Rajapolah', leaves: ['tas-anyaman', 'anyaman-bambu'], cooperative: 'KUD Anyaman Rajapolah', agent: 0, names: 'sunda', weight: 3 },
	{ id: 'anyaman-kulonprogo', regency: 'Kulon Progo', district: 'Sentolo', leaves: ['tas-anyaman', 'anyaman-bambu'], cooperative: 'KUD Anyaman Kulon Progo', agent: 7, names: 'jawa', weight: 2 },
	{ id: 'bambu-bangli', regency: 'Bangli', district: 'Bangli', leaves: ['anyaman-bambu'], cooperative: 'KUD Bambu Bangli', agent: 5, names: 'bali', weight: 2 },
	{ id: 'rotan-lombok', regency: 'Lombok Tengah', district: 'Praya Timur', leaves: ['anyaman-rotan', 'tenun'], cooperative: 'KUD Rotan dan Tenun Lombok Tengah', agent: 6, names: 'sasak', weight: 3 },
	{ id: 'batik-pekalongan', regency: 'Pekalongan', district: 'Wiradesa', leaves: ['batik-tulis', 'batik-cap', 'kemeja-batik', 'tenun'], cooperative: 'KUD Batik Pekalongan', agent: 1, names: 'jawa', weight: 4 },
	{ id: 'tembaga-tumang', regency: 'Boyolali', district: 'Cepogo', leaves: ['kerajinan-tembaga'], cooperative: 'KUD Tembaga Tumang', agent: 3, names: 'jawa', weight: 3 },
	{ id: 'kuningan-juwana', regency: 'Pati', district: 'Juwana', leaves: ['kerajinan-kuningan'], cooperative: 'KUD Kuningan Juwana', agent: 3, names: 'jawa', weight: 3 },
	{ id: 'rambut-purbalingga', regency: 'Purbalingga', district: 'Bojongsari', leaves: ['wig', 'bulu-mata', 'jepit-sanggul'], cooperative: 'KUD Rambut Purbalingga', agent: 1, names: 'jawa', weight: 3 },
	{ id: 'kerajinan-sleman', regency: 'Sleman', district: 'Moyudan', leaves: ['kerajinan-tangan', 'anyaman-bambu'], cooperative: 'KUD Kerajinan Sleman', agent: 7, names: 'jawa', weight: 2 },
	{ id: 'kopi-temanggung', regency: 'Temanggung', district: 'Kledung', leaves: ['kopi-bubuk', 'kopi-biji', 'kopi-siap-minum'], cooperative: 'KUD Kopi Temanggung', agent: 2, names: 'jawa', weight: 3 },
	{ id: 'kopi-wonosobo', regency: 'Wonosobo', district: 'Kalikajar', leaves: ['kopi-bubuk', 'kopi-biji'], cooperative: 'KUD Kopi Wonosobo', agent: 2, names: 'jawa', weight: 2 },
	{ id: 'kopi-semarang', regency: 'Semarang', district: 'Jambu', leaves: ['kopi-bubuk', 'kopi-biji', 'kopi-siap-minum'], cooperative: 'KUD Kopi Gunung Kelir Semarang', agent: 2, names: 'jawa', weight: 1 },
	{ id: 'sambal-madiun', regency: 'Madiun', district: 'Dagangan', leaves: ['sambal-bumbu'], cooperative: 'KUD Sambal Pecel Madiun', agent: 8, names: 'jawa', weight: 3 }
];

/** Cities where resellers (not producers) sell every kind of product. */
export const RESELLER_CITIES = [
	'Kota Jakarta Barat',
	'Kota Jakarta Selatan',
	'Kota Jakarta Timur',
	'Kota Surabaya',
	'Kota Bandung',
	'Kota Semarang',
	'Kota Yogyakarta',
	'Kota Denpasar',
	'Kota Tangerang',
	'Kota Bekasi',
	'Kota Malang',
	'Kota Medan'
];

/** Share of a leaf's listings sold by resellers in the cities above. */
export const RESELLER_SHARE = 0.22;

export const AGENT_NAMES = [
	'Rina Marlina', // Jawa Barat
	'Fajar Nugroho', // Pekalongan, Purbalingga
	'Dewi Anggraini', // kopi Jawa Tengah
	'Hendra Kurniawan', // Boyolali, Pati
	'Yuliana Sari', // Bantul
	'I Gede Putra Wirawan', // Bali
	'Lalu Hendri Wijaya', // Lombok
	'Nur Aini', // Kulon Progo, Sleman
	'Wulan Purnamasari' // Madiun
];

export const PERSON_NAMES: Record<NameStyle, { first: string[]; last: string[] }> = {
	sunda: {
		first: ['Asep', 'Ujang', 'Euis', 'Dede', 'Iis', 'Cecep', 'Enok', 'Yayan', 'Neneng', 'Oman', 'Entis', 'Lilis', 'Jajang', 'Imas'],
		last: ['Saepudin', 'Suherman', 'Komariah', 'Rohmat', 'Suryani', 'Hidayat', 'Kurniasih', 'Sopandi', 'Rahmawati', 'Mulyana', 'Sutisna', 'Nurjanah']
	},
	jawa: {
		first: ['Sri', 'Slamet', 'Siti', 'Joko', 'Bambang', 'Tri', 'Agus', 'Endang', 'Dwi', 'Sumarno', 'Wahyu', 'Suparmi', 'Eko', 'Rini', 'Budi', 'Tutik', 'Heru', 'Yuni'],
		last: ['Wahyuni', 'Riyadi', 'Aminah', 'Susilo', 'Hartono', 'Wulandari', 'Prasetyo', 'Lestari', 'Hartati', 'Santoso', 'Setiawan', 'Rahayu', 'Purnomo', 'Astuti', 'Widodo', 'Handayani']
	},
	bali: {
		first: ['I Wayan', 'Ni Made', 'I Nyoman', 'I Ketut', 'Ni Ketut', 'I Made', 'Ni Wayan', 'Ni Nyoman', 'I Putu', 'Ni Putu'],
		last: ['Sudarta', 'Suartini', 'Budiasa', 'Arsana', 'Sriani', 'Sukadana', 'Suardana', 'Widiastuti', 'Mertha', 'Ariani']
	},
	sasak: {
		first: ['Lalu', 'Baiq', 'Inaq', 'Amaq', 'Muhammad', 'Siti', 'Ahmad', 'Nurul'],
		last: ['Zaini', 'Nurhayati', 'Fauzi', 'Sumiati', 'Rahmah', 'Sahnan', 'Hamdi', 'Aisyah', 'Jayadi', 'Hidayati']
	}
};

export const SHOP_PARTS = {
	prefix: ['Toko', 'UD', 'CV', 'Griya', 'Rumah', 'Pusat', 'Sentra', 'Galeri', 'Kedai', 'Warung', '', '', '', ''],
	suffix: ['Jaya', 'Makmur', 'Abadi', 'Sejahtera', 'Barokah', 'Berkah', 'Official', 'Store', 'Shop', 'Sentosa', 'Mandiri', 'Indah', 'Lestari', 'Craft', 'Art', 'ID', 'Collection', 'Grosir'],
	/** Core word by theme group. */
	core: {
		keramik: ['Gerabah', 'Keramik', 'Tanah Liat', 'Pottery', 'Terakota'],
		tekstil: ['Batik', 'Kain', 'Tenun', 'Busana', 'Sandang'],
		anyaman: ['Anyaman', 'Bambu', 'Rotan', 'Pandan', 'Craft'],
		logam: ['Tembaga', 'Kuningan', 'Logam', 'Metal Art'],
		rambut: ['Wig', 'Rambut', 'Hair', 'Beauty', 'Lash'],
		kopi: ['Kopi', 'Coffee', 'Roastery', 'Kopi Tani', 'Kopi Rakyat'],
		kerajinan: ['Kerajinan', 'Souvenir', 'Handicraft', 'Art Shop', 'Kriya'],
		makanan: ['Sambal', 'Sambel', 'Dapur', 'Pawon', 'Rumah Sambal', 'Camilan', 'Oleh Oleh', 'Rasa Desa']
	} satisfies Record<ThemeGroup, string[]>,
	reseller: ['Grosir Nusantara', 'Pasar Oleh Oleh', 'Serba Ada', 'Kado Indah', 'Dekorasi Rumah', 'Lapak Murah', 'Belanja Hemat', 'Produk Desa', 'UMKM Mart', 'Kios Nusantara']
};

/** Placeholder prices sellers use for "ask first" or out-of-stock listings. */
export const PLACEHOLDER_PRICES = [1, 1, 100, 999_999_999, 99_999_999, 123_456_789];

export const PLACEHOLDER_SHARE = 0.01;
export const WHOLESALE_SHARE = 0.02;

/** How many weekly observations the demo holds (≥ 24 months). */
export const WEEKS = 106;
