// Phrase banks for demo reviews: themes per product group plus themes every product shares.
// Each theme has the aspect the review analysis should find (DESIGN.md "Reviews") and a
// polarity; generate.ts composes 1–3 clauses, joins contrasts with "tapi" and roughens the
// spelling (gk, bgt, brg, elongations, "??" where an emoji got lost) like real buyers write.
import type { ThemeGroup } from './catalog';

export type Aspect = 'kualitas' | 'kemasan' | 'pengiriman' | 'kesesuaian' | 'harga' | 'pelayanan' | 'ukuran';

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
		phrases: ['kemahalan untuk kualitas segini', 'harga tidak sebanding', 'mahal tapi biasa aja']
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

export const GROUP_THEMES: Record<ThemeGroup, Theme[]> = {
	keramik: [
		{ id: 'pecah', aspect: 'kemasan', polarity: 'neg', phrases: ['pecah di jalan', 'sampai rumah sudah pecah', 'barang pecah 1', 'datang dalam keadaan pecah', 'pecah di pinggirnya', 'pecah jadi dua'] },
		{ id: 'retak', aspect: 'kualitas', polarity: 'neg', phrases: ['ada retak halus', 'retak di bagian bawah', 'retak dikit', 'ada retakan di pinggir'] },
		{ id: 'kemasan-tipis', aspect: 'kemasan', polarity: 'neg', phrases: ['kemasan kurang tebal', 'packing cuma kardus tipis', 'bubble wrap nya tipis banget', 'packingnya asal asalan', 'tidak pakai packing kayu'] },
		{ id: 'finishing-kasar', aspect: 'kualitas', polarity: 'neg', phrases: ['catnya ngelupas', 'finishing kurang rapi', 'glasirnya tidak rata', 'permukaan kasar'] },
		{ id: 'kokoh-halus', aspect: 'kualitas', polarity: 'pos', phrases: ['barangnya kokoh', 'halus dan rapi', 'cantik banget buat hiasan', 'glasirnya mengkilap', 'bagus buat tanaman', 'tebal dan kuat'] },
		{ id: 'packing-kayu', aspect: 'kemasan', polarity: 'pos', phrases: ['packing kayu aman tidak ada yang pecah', 'dikemas rapi tidak ada yang pecah', 'aman sampai tujuan'] }
	],
	tekstil: [
		{ id: 'warna-beda', aspect: 'kesesuaian', polarity: 'neg', phrases: ['warna beda dari foto', 'warnanya lebih pudar dari di foto', 'luntur pas dicuci', 'warnanya luntur', 'warna kusam tidak seperti gambar'] },
		{ id: 'bahan-tipis', aspect: 'kualitas', polarity: 'neg', phrases: ['bahan tipis', 'kainnya tipis nerawang', 'bahannya panas', 'bahan kasar'] },
		{ id: 'ukuran-tidak-pas', aspect: 'ukuran', polarity: 'neg', phrases: ['ukuran kekecilan', 'size tidak sesuai', 'kebesaran', 'ukurannya tidak sesuai tabel', 'kainnya lebih pendek dari deskripsi'] },
		{ id: 'jahitan', aspect: 'kualitas', polarity: 'neg', phrases: ['jahitan tidak rapi', 'benangnya banyak yang keluar', 'jahitannya lepas'] },
		{ id: 'bahan-adem', aspect: 'kualitas', polarity: 'pos', phrases: ['bahannya adem', 'kainnya halus', 'bahan tebal dan adem', 'nyaman dipakai'] },
		{ id: 'motif-bagus', aspect: 'kualitas', polarity: 'pos', phrases: ['motifnya cantik', 'batiknya bagus', 'warnanya cerah', 'motif rapi'] },
		{ id: 'ukuran-pas', aspect: 'ukuran', polarity: 'pos', phrases: ['ukuran pas', 'size pas di badan', 'ukurannya sesuai'] }
	],
	anyaman: [
		{ id: 'anyaman-kendor', aspect: 'kualitas', polarity: 'neg', phrases: ['anyamannya kurang rapi', 'ada yang lepas anyamannya', 'anyaman kendor', 'tidak rapi di bagian pinggir'] },
		{ id: 'jamur', aspect: 'kualitas', polarity: 'neg', phrases: ['agak jamuran', 'bau apek', 'ada bintik jamur', 'lembab pas dibuka'] },
		{ id: 'penyok', aspect: 'kemasan', polarity: 'neg', phrases: ['penyok di jalan', 'bentuknya penyok', 'gepeng pas sampai'] },
		{ id: 'ukuran-kecil', aspect: 'ukuran', polarity: 'neg', phrases: ['ukurannya lebih kecil dari perkiraan', 'kekecilan', 'lebih kecil dari foto'] },
		{ id: 'rapi-kuat', aspect: 'kualitas', polarity: 'pos', phrases: ['anyamannya rapi', 'kuat dan kokoh', 'natural banget', 'rapi dan halus', 'cantik buat hampers'] }
	],
	logam: [
		{ id: 'penyok', aspect: 'kemasan', polarity: 'neg', phrases: ['penyok sedikit', 'ada penyok di pinggir', 'penyok di jalan'] },
		{ id: 'kusam', aspect: 'kualitas', polarity: 'neg', phrases: ['warnanya kusam', 'ada noda hitam', 'cepat berkarat', 'catnya tidak rata'] },
		{ id: 'tipis', aspect: 'kualitas', polarity: 'neg', phrases: ['bahannya tipis', 'lebih ringan dari perkiraan', 'tidak sekokoh di foto'] },
		{ id: 'ukiran-detail', aspect: 'kualitas', polarity: 'pos', phrases: ['ukirannya detail', 'mewah banget', 'berat dan kokoh', 'kerajinannya halus', 'mengkilap'] }
	],
	rambut: [
		{ id: 'rontok', aspect: 'kualitas', polarity: 'neg', phrases: ['rambutnya rontok', 'gampang rontok', 'bulu matanya rontok', 'banyak yang lepas'] },
		{ id: 'kusut', aspect: 'kualitas', polarity: 'neg', phrases: ['gampang kusut', 'kaku', 'keliatan palsu', 'mengkilap kayak plastik'] },
		{ id: 'ukuran-tidak-pas', aspect: 'ukuran', polarity: 'neg', phrases: ['kekecilan di kepala', 'kepanjangan', 'ukurannya tidak pas'] },
		{ id: 'lem', aspect: 'kualitas', polarity: 'neg', phrases: ['lemnya tidak nempel', 'lemnya bikin perih', 'jepitnya cepat patah'] },
		{ id: 'natural', aspect: 'kualitas', polarity: 'pos', phrases: ['keliatan natural banget', 'lembut', 'rapi jahitannya', 'ringan dipakai', 'lentik dan natural'] }
	],
	kopi: [
		{ id: 'rasa', aspect: 'kualitas', polarity: 'neg', phrases: ['rasanya hambar', 'rasanya asam banget', 'pahitnya aneh', 'rasanya kurang', 'kayak campuran jagung'] },
		{ id: 'aroma', aspect: 'kualitas', polarity: 'neg', phrases: ['aromanya kurang', 'tidak wangi', 'aroma apek', 'wanginya hilang'] },
		{ id: 'kedaluwarsa', aspect: 'kualitas', polarity: 'neg', phrases: ['tanggal kedaluwarsa tinggal 1 bulan', 'expired nya dekat', 'sudah kedaluwarsa', 'tidak ada tanggal expired'] },
		{ id: 'kemasan-bocor', aspect: 'kemasan', polarity: 'neg', phrases: ['kemasan bocor', 'kopinya tumpah karena bocor', 'ziplock nya rusak', 'botolnya bocor'] },
		{ id: 'rasa-mantap', aspect: 'kualitas', polarity: 'pos', phrases: ['rasanya mantap', 'pahitnya pas', 'nikmat', 'kopinya enak', 'rasanya mantap pas diseduh'] },
		{ id: 'aroma-wangi', aspect: 'kualitas', polarity: 'pos', phrases: ['aromanya wangi', 'wangi banget pas dibuka', 'aromanya kuat', 'wangi kopi asli'] }
	],
	sambal: [
		{ id: 'rasa-sambal', aspect: 'kualitas', polarity: 'neg', phrases: ['kurang pedas', 'rasanya keasinan', 'terlalu asin', 'rasanya hambar', 'kebanyakan minyak'] },
		{ id: 'basi', aspect: 'kualitas', polarity: 'neg', phrases: ['sampai sudah basi', 'ada jamurnya', 'baunya sudah tidak enak'] },
		{ id: 'kedaluwarsa', aspect: 'kualitas', polarity: 'neg', phrases: ['tanggal kedaluwarsa tinggal 2 minggu', 'expired nya dekat', 'tidak ada tanggal expired'] },
		{ id: 'kemasan-bocor', aspect: 'kemasan', polarity: 'neg', phrases: ['minyaknya rembes', 'toplesnya bocor', 'kemasan bocor', 'tutupnya tidak rapat'] },
		{ id: 'rasa-enak', aspect: 'kualitas', polarity: 'pos', phrases: ['pedasnya pas', 'enak banget', 'bikin nagih', 'sambalnya mantap', 'cocok buat lauk'] },
		{ id: 'kemasan-rapi', aspect: 'kemasan', polarity: 'pos', phrases: ['dibungkus rapi', 'packing aman tidak bocor', 'toplesnya rapat'] }
	],
	kerajinan: [
		{ id: 'patah', aspect: 'kemasan', polarity: 'neg', phrases: ['ada yang patah', 'patah satu', 'rusak pas sampai', 'lem nya lepas'] },
		{ id: 'finishing-kasar', aspect: 'kualitas', polarity: 'neg', phrases: ['finishing kasar', 'pernisnya belepotan', 'kurang rapi', 'masih ada serpihan'] },
		{ id: 'ukuran-kecil', aspect: 'ukuran', polarity: 'neg', phrases: ['ukurannya lebih kecil dari foto', 'kecil banget', 'kekecilan'] },
		{ id: 'unik-detail', aspect: 'kualitas', polarity: 'pos', phrases: ['unik dan detail', 'lucu banget', 'cantik buat souvenir', 'rapi dan halus', 'tamu pada suka'] }
	]
};

/** Theme ids a group's reviews must show (used by tests and docs). */
export function groupThemeIds(group: ThemeGroup): string[] {
	return GROUP_THEMES[group].map((t) => t.id);
}

export const POSITIVE_OPENERS = ['Barang sudah sampai', 'Alhamdulillah sudah sampai', 'Mantap', 'Mantul', 'Bagus', 'Oke', 'Puas', 'Recommended', 'Top', 'Sudah diterima'];
export const POSITIVE_CLOSERS = ['recommended seller', 'mantul', 'sukses terus kak', 'next order lagi', 'makasih kak', 'terima kasih', 'puas banget', 'bakal repeat order', 'thank you seller', 'good quality'];
export const NEGATIVE_CLOSERS = ['kecewa', 'kecewa banget', 'tidak bakal order lagi', 'tolong diperbaiki', 'ga rekomen', 'rugi', 'nyesel beli'];
export const SHORT_REVIEWS = ['ok', 'mantap', 'bagus', 'good', 'sesuai', 'oke kak', 'mantul', 'josss', 'nice', 'barang bagus'];
