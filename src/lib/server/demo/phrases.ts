// Phrase banks for demo reviews: themes per product group plus themes every product shares.
// Each theme has the aspect the review analysis should find (DESIGN.md "Reviews") and a
// polarity; generate.ts composes 1–3 clauses, joins contrasts with "tapi" and roughens the
// spelling (gk, bgt, brg, elongations, "??" where an emoji got lost) like real buyers write.
import type { Aspect } from '$lib/analysis/reviews';
import type { ThemeGroup } from './catalog';

export interface Theme {
	id: string;
	aspect: Aspect;
	polarity: 'pos' | 'neg';
	phrases: string[];
}

export const GENERAL_THEMES: Theme[] = [
	{
		id: 'pengiriman-lama',
		aspect: 'pengiriman',
		polarity: 'neg',
		phrases: ['pengiriman lama', 'pengiriman lama banget', 'nunggu 2 minggu baru sampai', 'kirimnya lama', 'dikirim lama padahal udah bayar', 'pengirimannya lambat', 'barang lama sampainya']
	},
	{
		id: 'tidak-sesuai',
		aspect: 'kesesuaian',
		polarity: 'neg',
		phrases: ['tidak sesuai foto', 'ga sesuai gambar', 'barang tidak sesuai deskripsi', 'beda sama yang di foto', 'tidak sesuai pesanan', 'yang dikirim beda model']
	},
	{
		id: 'penjual-lambat',
		aspect: 'pelayanan',
		polarity: 'neg',
		phrases: ['chat tidak dibalas', 'penjual slow respon', 'seller susah dihubungi', 'komplain ga ditanggapi']
	},
	{
		id: 'kemahalan',
		aspect: 'harga',
		polarity: 'neg',
		phrases: ['kemahalan untuk barang segini', 'harga tidak sebanding', 'mahal tapi biasa aja']
	},
	{
		id: 'pengiriman-cepat',
		aspect: 'pengiriman',
		polarity: 'pos',
		phrases: ['pengiriman cepat', 'pengiriman cepet', 'fast delivery', 'sehari langsung sampai', 'kurir ramah barang cepat sampai']
	},
	{
		id: 'penjual-ramah',
		aspect: 'pelayanan',
		polarity: 'pos',
		phrases: ['penjual ramah', 'fast respon', 'seller responsif', 'penjualnya ramah dan sabar', 'fast respon kak', 'pelayanan memuaskan']
	},
	{
		id: 'sesuai-foto',
		aspect: 'kesesuaian',
		polarity: 'pos',
		phrases: ['sesuai foto', 'barang sesuai pesanan', 'sesuai deskripsi', 'persis kayak di gambar', 'real pict']
	},
	{
		id: 'harga-murah',
		aspect: 'harga',
		polarity: 'pos',
		phrases: ['harga murah', 'murah meriah', 'worth it', 'harga bersahabat', 'murah tapi bagus', 'harga terjangkau']
	},
	{
		id: 'packing-aman',
		aspect: 'kemasan',
		polarity: 'pos',
		phrases: ['packing aman', 'packing rapi', 'dikemas dengan rapi', 'packingnya rapi banget', 'packing aman pakai bubble wrap']
	}
];

// Aspects are the finer ones of issue 17 where a group has them (pecah for pottery, warna and
// jahitan for cloth, anyaman for woven goods, rasa and kesegaran for food); phrases.test.ts checks
// that the analysis reads every phrase as its theme.
export const GROUP_THEMES: Record<ThemeGroup, Theme[]> = {
	keramik: [
		{ id: 'pecah', aspect: 'pecah', polarity: 'neg', phrases: ['pecah di jalan', 'sampai rumah sudah pecah', 'barang pecah 1', 'datang dalam keadaan pecah', 'pecah di pinggirnya', 'pecah jadi dua'] },
		{ id: 'retak', aspect: 'pecah', polarity: 'neg', phrases: ['ada retak halus', 'retak di bagian bawah', 'retak dikit', 'ada retakan di pinggir'] },
		{ id: 'kemasan-tipis', aspect: 'kemasan', polarity: 'neg', phrases: ['kemasan kurang tebal', 'packing cuma kardus tipis', 'bubble wrap nya tipis banget', 'packingnya asal asalan', 'tidak pakai packing kayu'] },
		{ id: 'finishing-kasar', aspect: 'kualitas', polarity: 'neg', phrases: ['catnya ngelupas', 'finishing kurang bagus', 'kualitas glasirnya jelek', 'permukaannya jelek'] },
		{ id: 'halus-cantik', aspect: 'kualitas', polarity: 'pos', phrases: ['barangnya bagus', 'bagus buat hiasan', 'glasirnya bagus mengkilap', 'bagus buat tanaman', 'kualitasnya bagus'] },
		{ id: 'kokoh', aspect: 'kekuatan', polarity: 'pos', phrases: ['barangnya kokoh', 'tebal dan kuat', 'kuat dan kokoh sekali'] },
		{ id: 'packing-kayu', aspect: 'kemasan', polarity: 'pos', phrases: ['packing kayu aman tidak ada yang pecah', 'dikemas rapi tidak ada yang pecah', 'packing aman sampai tujuan'] }
	],
	tekstil: [
		{ id: 'warna-beda', aspect: 'warna', polarity: 'neg', phrases: ['warna beda dari foto', 'warnanya lebih pudar dari di foto', 'luntur pas dicuci', 'warnanya luntur', 'warna kusam tidak seperti gambar'] },
		{ id: 'bahan-tipis', aspect: 'bahan', polarity: 'neg', phrases: ['bahan tipis', 'kainnya tipis nerawang', 'bahannya panas', 'bahan kasar'] },
		{ id: 'ukuran-tidak-pas', aspect: 'ukuran', polarity: 'neg', phrases: ['ukuran kekecilan', 'size tidak sesuai', 'kebesaran', 'ukurannya tidak sesuai tabel', 'ukurannya lebih pendek dari deskripsi'] },
		{ id: 'jahitan', aspect: 'jahitan', polarity: 'neg', phrases: ['jahitan tidak rapi', 'benangnya banyak yang lepas', 'jahitannya lepas'] },
		{ id: 'bahan-adem', aspect: 'bahan', polarity: 'pos', phrases: ['bahannya adem', 'kainnya halus', 'bahan tebal dan adem', 'bahannya nyaman dipakai'] },
		{ id: 'motif-bagus', aspect: 'warna', polarity: 'pos', phrases: ['motifnya cantik', 'motif batiknya bagus', 'warnanya cantik', 'motif rapi'] },
		{ id: 'jahitan-rapi', aspect: 'jahitan', polarity: 'pos', phrases: ['jahitannya rapi', 'jahitan rapi dan kuat'] },
		{ id: 'ukuran-pas', aspect: 'ukuran', polarity: 'pos', phrases: ['ukuran pas', 'size pas di badan', 'ukurannya sesuai'] }
	],
	anyaman: [
		{ id: 'anyaman-kendor', aspect: 'anyaman', polarity: 'neg', phrases: ['anyamannya kurang rapi', 'ada yang lepas anyamannya', 'anyaman kendor', 'anyaman di pinggir tidak rapi', 'anyamannya renggang'] },
		{ id: 'jamur', aspect: 'kesegaran', polarity: 'neg', phrases: ['agak jamuran', 'bau apek', 'ada bintik jamur', 'sudah berjamur pas dibuka'] },
		{ id: 'penyok', aspect: 'kemasan', polarity: 'neg', phrases: ['penyok di jalan', 'bentuknya penyok', 'penyok pas sampai'] },
		{ id: 'ukuran-kecil', aspect: 'ukuran', polarity: 'neg', phrases: ['ukurannya lebih kecil dari perkiraan', 'kekecilan', 'ukurannya lebih kecil dari foto'] },
		{ id: 'anyaman-rapi', aspect: 'anyaman', polarity: 'pos', phrases: ['anyamannya rapi', 'anyamannya rapat dan rapi', 'anyaman halus dan rapi', 'anyamannya bagus'] },
		{ id: 'kuat', aspect: 'kekuatan', polarity: 'pos', phrases: ['kuat dan kokoh', 'kokoh buat bawa belanjaan', 'kuat banget'] }
	],
	logam: [
		{ id: 'penyok', aspect: 'kemasan', polarity: 'neg', phrases: ['penyok sedikit', 'ada penyok di pinggir', 'penyok di jalan'] },
		{ id: 'kusam', aspect: 'warna', polarity: 'neg', phrases: ['warnanya kusam', 'warnanya cepat pudar', 'warna catnya tidak rata, jelek'] },
		{ id: 'karat', aspect: 'kualitas', polarity: 'neg', phrases: ['ada noda hitam', 'cepat berkarat', 'sudah ada karatnya'] },
		{ id: 'tipis', aspect: 'bahan', polarity: 'neg', phrases: ['bahannya tipis', 'bahan lebih tipis dari perkiraan', 'bahannya tipis tidak sekokoh di foto'] },
		{ id: 'ukiran-detail', aspect: 'kualitas', polarity: 'pos', phrases: ['ukirannya bagus', 'mewah banget kualitasnya', 'kerajinannya bagus', 'mengkilap dan bagus'] },
		{ id: 'kokoh', aspect: 'kekuatan', polarity: 'pos', phrases: ['berat dan kokoh', 'kokoh banget'] }
	],
	rambut: [
		{ id: 'rontok', aspect: 'kualitas', polarity: 'neg', phrases: ['rambutnya rontok', 'gampang rontok', 'bulu matanya rontok', 'banyak yang lepas'] },
		{ id: 'kusut', aspect: 'kualitas', polarity: 'neg', phrases: ['gampang kusut', 'kaku, keliatan murahan', 'keliatan palsu', 'kualitasnya jelek'] },
		{ id: 'ukuran-tidak-pas', aspect: 'ukuran', polarity: 'neg', phrases: ['kekecilan di kepala', 'kepanjangan', 'ukurannya tidak pas'] },
		{ id: 'lem', aspect: 'kualitas', polarity: 'neg', phrases: ['lemnya tidak nempel', 'lemnya jelek bikin perih', 'jepitnya cepat rusak'] },
		{ id: 'natural', aspect: 'kualitas', polarity: 'pos', phrases: ['keliatan natural dan bagus', 'lembut dan bagus', 'kualitasnya bagus', 'bagus dan ringan dipakai', 'lentik dan bagus'] }
	],
	kopi: [
		{ id: 'rasa', aspect: 'rasa', polarity: 'neg', phrases: ['rasanya hambar', 'rasanya asam banget', 'pahitnya aneh', 'rasanya kurang', 'rasanya kayak campuran jagung'] },
		{ id: 'aroma', aspect: 'rasa', polarity: 'neg', phrases: ['aromanya kurang', 'aromanya tidak wangi', 'aroma apek', 'aroma wanginya hilang'] },
		{ id: 'kedaluwarsa', aspect: 'kedaluwarsa', polarity: 'neg', phrases: ['tanggal kedaluwarsa tinggal 1 bulan', 'expired nya dekat', 'sudah kedaluwarsa', 'tidak ada tanggal expired'] },
		{ id: 'kemasan-bocor', aspect: 'bocor', polarity: 'neg', phrases: ['kemasan bocor', 'kopinya tumpah karena bocor', 'ziplock nya bocor', 'botolnya bocor'] },
		{ id: 'rasa-mantap', aspect: 'rasa', polarity: 'pos', phrases: ['rasanya mantap', 'pahitnya pas, enak', 'nikmat', 'kopinya enak', 'rasanya mantap pas diseduh'] },
		{ id: 'aroma-wangi', aspect: 'rasa', polarity: 'pos', phrases: ['aromanya wangi', 'aromanya wangi banget pas dibuka', 'aromanya mantap', 'aroma wangi kopi asli'] }
	],
	kerajinan: [
		{ id: 'patah', aspect: 'kekuatan', polarity: 'neg', phrases: ['ada yang patah', 'patah satu', 'gampang patah', 'rapuh, patah pas sampai'] },
		{ id: 'finishing-kasar', aspect: 'kualitas', polarity: 'neg', phrases: ['finishing jelek', 'pernisnya belepotan jelek', 'kualitas kurang bagus', 'masih ada serpihan, jelek'] },
		{ id: 'ukuran-kecil', aspect: 'ukuran', polarity: 'neg', phrases: ['ukurannya lebih kecil dari foto', 'kecil banget', 'kekecilan'] },
		{ id: 'unik-detail', aspect: 'kualitas', polarity: 'pos', phrases: ['unik dan bagus', 'lucu banget, bagus', 'bagus buat souvenir', 'detailnya bagus', 'kualitasnya bagus'] }
	],
	// Sambal, keripik and other village food (a leaf may use it; issue 17)
	makanan: [
		{ id: 'rasa-enak', aspect: 'rasa', polarity: 'pos', phrases: ['rasanya enak', 'enak banget bikin nagih', 'gurih dan renyah', 'sambalnya mantap, bikin ketagihan', 'kriuk banget'] },
		{ id: 'pedas-mantap', aspect: 'pedas', polarity: 'pos', phrases: ['pedasnya mantap', 'gila pedesnya', 'pedes banget, mantap', 'pedasnya pas'] },
		{ id: 'isi-banyak', aspect: 'porsi', polarity: 'pos', phrases: ['isinya banyak', 'isiannya banyak, puas'] },
		{ id: 'rasa-kurang', aspect: 'rasa', polarity: 'neg', phrases: ['rasanya hambar', 'keasinan', 'rasanya kurang enak', 'kemanisan, rasanya aneh'] },
		{ id: 'pedas-kurang', aspect: 'pedas', polarity: 'neg', phrases: ['kurang pedas', 'tidak pedas sama sekali', 'terlalu pedas'] },
		{ id: 'basi', aspect: 'kesegaran', polarity: 'neg', phrases: ['sudah basi pas sampai', 'ada jamurnya', 'baunya apek', 'sudah asem'] },
		{ id: 'bocor', aspect: 'bocor', polarity: 'neg', phrases: ['kemasan bocor', 'minyaknya tumpah, bocor', 'segel tidak rapat', 'toplesnya bocor'] },
		{ id: 'isi-sedikit', aspect: 'porsi', polarity: 'neg', phrases: ['isinya sedikit', 'isinya tidak full', 'isiannya sedikit'] },
		{ id: 'kedaluwarsa', aspect: 'kedaluwarsa', polarity: 'neg', phrases: ['sudah kedaluwarsa', 'expired nya dekat'] }
	]
};

/** Theme ids a group's reviews must show (used by tests and docs). */
export function groupThemeIds(group: ThemeGroup): string[] {
	return GROUP_THEMES[group].map((t) => t.id);
}

export const POSITIVE_OPENERS = ['Barang sudah sampai', 'Alhamdulillah sudah sampai', 'Mantap', 'Mantul', 'Bagus', 'Oke', 'Puas', 'Recommended', 'Top', 'Sudah diterima'];
export const POSITIVE_CLOSERS = ['recommended seller', 'mantul', 'sukses terus kak', 'next order lagi', 'makasih kak', 'terima kasih', 'puas banget', 'bakal repeat order', 'thank you seller', 'good quality'];
export const NEGATIVE_CLOSERS = ['kecewa', 'kecewa banget', 'tidak bakal order lagi', 'tolong diperbaiki', 'ga rekomen', 'rugi', 'nyesel beli'];
// The last three say nothing for or against: real buyers write those too, and the card counts
// them as "tidak jelas".
export const SHORT_REVIEWS = ['ok', 'mantap', 'bagus', 'good', 'sesuai', 'oke kak', 'mantul', 'josss', 'nice', 'barang bagus', 'sudah sampai', 'barang sudah diterima', 'baru sampai, belum dicoba'];
