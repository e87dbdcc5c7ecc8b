// Which part of the purchase a clause talks about. Written by hand for this project.
// `named` words name the aspect ("pengiriman", "kemasan"): a clause that names one is about it.
// `implied` words only suggest it ("cepat" is usually about delivery, "enak" about taste): they
// are used only when the clause names no aspect, so "respon cepat" stays pelayanan and does not
// also count as pengiriman.
import type { Aspect } from './types';

function table(groups: [Aspect, string][]): Map<string, Aspect> {
	const map = new Map<string, Aspect>();
	for (const [aspect, words] of groups) for (const w of words.split(/\s+/)) if (w) map.set(w.replace(/-/g, ' '), aspect);
	return map;
}

export const NAMED: ReadonlyMap<string, Aspect> = table([
	['kualitas', 'kualitas mutu build fungsi garansi'],
	['kemasan', 'kemasan kemas packing bungkus bungkusan dus kardus box bubble-wrap wrap plastik segel lakban kotak dibungkus dikemas kaleng'],
	['pengiriman', 'pengiriman kiriman kurir ekspedisi jne jnt j&t sicepat anteraja ninja pos gosend grab gojek paket resi pengantaran antar pengirimannya'],
	['kesesuaian', 'deskripsi foto gambar ekspektasi harapan pic pict picture realpict iklan keterangan display katalog etalase spesifikasi spek varian'],
	// "gratis ongkir", "ongkir mahal": what the buyer pays
	['harga', 'harga duit ongkir'],
	['pelayanan', 'penjual toko admin respon pelayanan layanan cs pelapak olshop chat seller'],
	['ukuran', 'ukuran ukur size'],
	['rasa', 'rasa rasanya citarasa aroma tekstur'],
	// Heat is its own theme for sambal and keripik pedas: "kurang pedas" and "terlalu pedas"
	// are different advice from "rasanya kurang enak".
	['pedas', 'pedas kepedasan'],
	['kesegaran', 'kesegaran'],
	['kedaluwarsa', 'kedaluwarsa'],
	['porsi', 'porsi porsinya'],
	['bocor', 'bocor rembes tumpah'],
	['bahan', 'bahan kain'],
	['warna', 'warna motif corak'],
	['jahitan', 'jahitan jahit jaitan jait obras benang kancing'],
	['anyaman', 'anyaman anyam anyamannya'],
	['kekuatan', 'kekuatan'],
	['pecah', 'pecah retak hancur gompal remuk somplak cuil']
]);

export const IMPLIED: ReadonlyMap<string, Aspect> = table([
	['kualitas', 'rontok kusut kaku nempel karat berkarat bagus jelek keren berkualitas robek sobek bolong kusam kinclong rusak cacat awet original palsu kw berfungsi mati nyala menyala hidup error eror macet copot lepas jebol tahan berkualitas baret lecet noda kotor bekas mulus leleh meleleh kelupas'],
	// "rapi" alone says nothing about what is neat ("gak rapih dalemnya" is the stitching)
	['kemasan', 'penyok'],
	['pengiriman', 'cepat lama lambat terlambat telat kilat sampai tiba selamat'],
	['kesesuaian', 'sesuai beda berbeda salah lengkap mirip persis'],
	['harga', 'murah mahal kemahalan terjangkau hemat ekonomis worth'],
	['pelayanan', 'ramah responsif komunikatif amanah php tanggap'],
	['ukuran', 'kekecilan kebesaran kepanjangan kependekan sempit longgar ketat muat kecil besar xl xxl xxxl oversize jumbo'],
	['rasa', 'enak lezat gurih nikmat manis asin hambar anyep renyah kriuk garing pulen legit empuk alot keras pahit nagih ketagihan nendang sedap kemanisan keasinan lembek melempem asem'],
	['kesegaran', 'segar fresh basi busuk berjamur jamur apek amis layu'],
	['porsi', 'isi isian isiannya isinya'],
	['bahan', 'adem tipis tebal menerawang gerah panas lembut halus kasar melar'],
	['warna', 'luntur pudar bulak belel hitam putih merah biru hijau kuning abu coklat cokelat navy pink ungu krem cream maroon'],
	['anyaman', 'renggang kendor'],
	['kekuatan', 'kuat kokoh rapuh ringkih patah']
]);

// Categories, by words of their names (ours and the marketplaces', Indonesian and English).
const FOOD = /makan|minum|food|drink|kopi|teh\b|sambal|sambel|snack|kue|keripik|kripik|kerupuk|bumbu|madu|kuliner|beverage|camilan|cemilan|frozen|roti|coklat/i;
const TEXTILE = /tekstil|kain|batik|tenun|songket|baju|kaos|kemeja|celana|fashion|pakaian|jaket|hijab|sarung|textile|cloth|seragam|busana/i;
const CRAFT = /kerajinan|craft|anyam|rotan|bambu|pandan|mendong|gerabah|keramik|tembikar|tanah liat|souvenir|suvenir|hias|tembaga|kuningan|kayu|ukir|\btas\b|wig|rambut/i;
const WOVEN = /anyam|rotan|bambu|pandan|mendong|purun|tikar|keranjang/i;
const LIQUID = /kosmetik|skincare|beauty|body care|health|minyak|parfum|obat/i;

/** A category name (of the product a review is read for) and whether an aspect applies to it. */
export type CategoryRule = (category: string) => boolean;

// Aspects that only make sense for some product categories. When summarizeThemes is given a
// category that a rule rejects, that aspect is left out (taste is no theme for a batik shirt even
// if a buyer writes "enak dipakai"; no "sudah kedaluwarsa" on a woven bag). Aspects without a rule
// apply everywhere. Without a category nothing is left out.
export const CATEGORY_ASPECTS: Partial<Record<Aspect, CategoryRule>> = {
	rasa: (c) => FOOD.test(c),
	pedas: (c) => FOOD.test(c),
	porsi: (c) => FOOD.test(c),
	// mould is also what goes wrong with bamboo and pandan kept damp
	kesegaran: (c) => FOOD.test(c) || WOVEN.test(c),
	kedaluwarsa: (c) => FOOD.test(c) || LIQUID.test(c),
	bocor: (c) => FOOD.test(c) || LIQUID.test(c),
	bahan: (c) => TEXTILE.test(c) || CRAFT.test(c),
	warna: (c) => TEXTILE.test(c) || CRAFT.test(c),
	jahitan: (c) => !FOOD.test(c),
	anyaman: (c) => WOVEN.test(c),
	kekuatan: (c) => !FOOD.test(c),
	// a crushed keripik is "pecah" too; a shirt is never
	pecah: (c) => !TEXTILE.test(c) || CRAFT.test(c)
};

// Fixed expressions whose aspect is not carried by any of their words: "tidak dikirim" is about
// delivery even though "kirim" alone names nothing, "tidak rapat" about a leaking seal.
export const PHRASE_ASPECTS: ReadonlyMap<string, Aspect> = table([
	['pengiriman', 'tidak-dikirim belum-dikirim tidak-sampai belum-sampai tidak-datang belum-datang belum-menerima belum-terima tidak-menerima tidak-terima belum-diterima'],
	['bocor', 'tidak-rapat'],
	['kedaluwarsa', 'sudah-kedaluwarsa kedaluwarsa-lama kedaluwarsa-masih-lama'],
	['porsi', 'tidak-full tidak-penuh'],
	['pengiriman', 'minggu-baru-sampai minggu-baru-datang langsung-sampai'],
	['rasa', 'wangi-hilang aroma-hilang'],
	['kedaluwarsa', 'kedaluwarsa-tinggal kedaluwarsa-nya-dekat'],
	['kesesuaian', 'tidak-sama'],
	['kualitas', 'tahan-lama'],
	// "sudah asem" is a drink gone off; "agak asem" is its taste
	['kesegaran', 'sudah-asem']
]);

// A specific aspect named in the same clause as a general one takes its place: "kemasan bocor"
// is the leak, not packaging in general.
export const SPECIFIC_OVER: ReadonlyMap<Aspect, Aspect> = new Map([
	['bocor', 'kemasan'],
	['porsi', 'ukuran'],
	['jahitan', 'kekuatan'],
	['kesegaran', 'kemasan']
]);
