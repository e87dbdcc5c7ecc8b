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
	['kualitas', 'kualitas mutu jahitan jahit jaitan jait build fungsi garansi'],
	['kemasan', 'kemasan kemas packing bungkus bungkusan dus kardus box bubble-wrap wrap plastik segel lakban kotak dibungkus dikemas'],
	['pengiriman', 'pengiriman kiriman kurir ekspedisi ongkir jne jnt j&t sicepat anteraja ninja pos gosend grab gojek paket resi pengantaran antar pengirimannya'],
	['kesesuaian', 'deskripsi foto gambar ekspektasi harapan pic picture realpict iklan keterangan display katalog etalase spesifikasi spek varian'],
	['harga', 'harga duit'],
	['pelayanan', 'penjual toko admin respon pelayanan layanan cs pelapak olshop chat seller'],
	['ukuran', 'ukuran ukur size'],
	['rasa', 'rasa rasanya citarasa aroma'],
	['kedaluwarsa', 'kedaluwarsa'],
	['bahan', 'bahan kain'],
	['warna', 'warna motif corak'],
	['pecah', 'pecah retak hancur gompal remuk somplak cuil']
]);

export const IMPLIED: ReadonlyMap<string, Aspect> = table([
	['kualitas', 'bagus jelek keren berkualitas robek sobek bolong kusam kinclong rusak cacat awet original palsu kw berfungsi mati nyala menyala hidup error eror macet bocor patah copot lepas jebol kokoh kuat tahan berkualitas baret lecet noda kotor bekas mulus'],
	['kemasan', 'rapi rapih penyok'],
	['pengiriman', 'cepat lama lambat terlambat telat kilat sampai tiba selamat'],
	['kesesuaian', 'sesuai beda berbeda salah lengkap mirip'],
	['harga', 'murah mahal terjangkau hemat ekonomis worth'],
	['pelayanan', 'ramah responsif komunikatif amanah jujur'],
	['ukuran', 'kekecilan kebesaran kepanjangan kependekan sempit longgar ketat muat kecil besar xl xxl xxxl oversize jumbo'],
	['rasa', 'enak lezat gurih nikmat manis asin pedas hambar anyep'],
	['kedaluwarsa', 'basi busuk berjamur jamur'],
	['bahan', 'adem tipis tebal menerawang gerah panas lembut halus kasar melar'],
	['warna', 'luntur pudar bulak belel hitam putih merah biru hijau kuning abu coklat cokelat navy pink ungu krem cream maroon']
]);

// Aspects that only make sense for some product categories. When summarizeThemes is given a
// category that matches none of these, those aspects are left out (taste is no theme for a batik
// shirt even if a buyer writes "enak dipakai").
export const CATEGORY_ASPECTS: Partial<Record<Aspect, RegExp>> = {
	rasa: /makan|minum|food|kopi|teh|sambal|snack|kue|keripik|bumbu|madu|kuliner|beverage/i,
	kedaluwarsa: /makan|minum|food|kopi|teh|sambal|snack|kue|keripik|bumbu|madu|kuliner|beverage|obat|kosmetik|skincare|beauty|health/i,
	bahan: /tekstil|kain|batik|tenun|baju|kaos|kemeja|celana|fashion|pakaian|jaket|hijab|sarung|textile|cloth|anyam|rotan|bambu|tas/i,
	warna: /tekstil|kain|batik|tenun|baju|kaos|kemeja|celana|fashion|pakaian|jaket|hijab|sarung|textile|cloth|cat|keramik|gerabah|hias/i,
	pecah: /gerabah|keramik|tembikar|kaca|gelas|piring|pottery|ceramic|guci|vas|pot|hias/i
};
