// Sentiment lexicon for Indonesian product reviews, written by hand for this project.
// Words are in standard form (after slang mapping) and, where the word is a derived form, its
// root is enough: lookups fall back to our stemmer. Weights run from -3 to +3; most words are ±1
// or ±2 so that a score can be read back as "two praise words, one complaint".
// We studied which words buyers use (PRDECT-ID, Tokopedia fashion) but wrote every entry ourselves
// from general product-review vocabulary; no public lexicon file is copied.

function weighted(groups: [number, string][]): Map<string, number> {
	const map = new Map<string, number>();
	for (const [weight, words] of groups) for (const w of words.split(/\s+/)) if (w) map.set(w.replace(/-/g, ' '), weight);
	return map;
}

export const WORDS: ReadonlyMap<string, number> = weighted([
	// strong praise
	[2.5, 'sempurna memuaskan puas rekomendasi terbaik mantap'],
	[2, 'bagus keren jos sip amanah sukses senang bahagia cakep cantik elegan mewah istimewa berkualitas'],
	[1.5, 'suka nyaman enak lezat nikmat gurih ramah responsif komunikatif top juara oke joss lucu indah ganteng wangi harum'],
	// food praise: texture and "I keep coming back" words buyers use for snacks and sambal
	[2, 'nagih ketagihan'],
	[1.5, 'renyah kriuk pulen legit nendang sedap favorit'],
	// ordinary approval: a single one of these makes a clause lean positive
	[1, 'cepat aman rapi rapih sesuai original awet adem lembut halus empuk kuat kokoh kilat mulus bersih jernih terjangkau murah hemat ekonomis worth layak cocok lengkap utuh selamat lancar tepat berfungsi baik menarik terpercaya kinclong langganan laris stylish trendi praktis fresh segar teliti tebal'],
	[0.7, 'alhamdulillah pas lumayan mudah gampang ringan terang tahan'],
	// mild complaints
	[-0.5, 'habis ketat'],
	[-0.7, 'kecil'],
	// "plastiknya murahan", "perbagus lagi bahannya": not the praise their roots are
	[-1, 'murahan campuran kendor'],
	[1, 'bersahabat nempel tanggap persis'],
	[-0.7, 'perbagus'],
	[-0.7, 'panas gerah kaku kasar longgar ternyata harusnya seharusnya kenapa keras over'],
	[-1, 'kusam pahit bising lemah aneh transparan nyasar muntah mencret waspada malas mending lama menerawang sempit salah beda berbeda mahal susah sulit ribet kotor bau lepas hilang pendek kusut melar lecek asal telat bekas kosong error eror macet penyok lecet baret noda pudar bulak belel apek hambar anyep lembek malah asem alot gosong kemanisan keasinan kepedasan renggang leleh meleleh'],
	[-2, 'berjamur jamur basi busuk'],
	// thin cloth and colour that runs are what textile buyers complain about most
	[-1.5, 'tipis luntur kemahalan rontok karat berkarat amis melempem mual php nyusut kelupas amburadul sia bangkai lambat terlambat kekecilan kebesaran kepanjangan kependekan rusak cacat mati bocor bolong sobek robek patah copot berantakan kw sedih kesal marah refund retur komplain percuma rugi menyesal kapok parah gagal jebol somplak cuil'],
	// strong complaints
	[-2, 'sampah rongsokan angkuh sombong menyebalkan sebal ngaco jelek pecah retak hancur remuk gompal payah zonk bohong palsu menjijikkan kacau lelet'],
	[-2.5, 'kecewa mengecewakan tipu penipu penipuan nipu']
]);

// Fixed expressions, matched on standard-form tokens before single words. A phrase is one
// decision ("tidak sesuai" is a complaint even though "sesuai" alone is praise) and it is what
// ClauseAnalysis.words reports. Three tokens at most.
export const PHRASES: ReadonlyMap<string, number> = weighted([
	[2.5, 'sangat-puas tidak-menyesal tidak-kecewa tidak-pernah-kecewa tidak-rugi tidak-nyesal sampai-dengan-selamat bintang-5 bintang-lima'],
	[1, 'langsung-sampai'],
	[1.5, 'real-pict real-pic real-picture seperti-gambar seperti-di-gambar seperti-foto seperti-di-foto sama-dengan-gambar sama-dengan-foto cepat-pengiriman'],
	[2, 'sesuai-pesanan sesuai-deskripsi sesuai-foto sesuai-gambar sesuai-harapan sesuai-ekspektasi sesuai-order sesuai-iklan sesuai-keterangan sesuai-aslinya tidak-mengecewakan worth-it cepat-respon respon-cepat dengan-baik tepat-waktu sampai-dengan-aman sampai-dengan-baik tidak-pakai-lama tidak-ada-cacat tidak-ada-masalah tidak-ada-kendala tidak-ada-minus tidak-ada-lecet tidak-ada-kurang tanpa-cacat tanpa-kendala tanpa-masalah tanpa-minus order-lagi beli-lagi pesan-lagi repeat-order'],
	[2, 'wajib-beli pesan-ulang beli-ulang repeat-pesan'],
	[1.5, 'kedaluwarsa-lama kedaluwarsa-masih-lama'],
	[0.5, 'terima-kasih'],
	[1.5, 'isinya-banyak isi-banyak isian-banyak isiannya-banyak porsinya-banyak porsi-banyak'],
	[1, 'tahan-lama luar-biasa tidak-apa-apa tidak-apa tidak-papa harga-bersaing tidak-ragu jangan-ragu tidak-nerawang bukan-murahan'],
	// neutral idioms that would otherwise be read as negation or praise
	// "salah satu" (one of), "tidak kuat pedas" (a boast about the heat), "jangan lupa"
	[0, 'resiko-pecah risiko-pecah salah-satu tidak-kuat-pedas kurang-lebih tidak-sabar tidak-nyangka tidak-menyangka tidak-tahu belum-dicoba belum-coba belum-dipakai belum-pakai belum-dicek belum-cek belum-tahu belum-dicuci belum-sempat belum-digunakan belum-diuji belum-tes belum-test tidak-perlu tidak-usah semoga-awet semoga-tahan-lama semoga-berkah jangan-lupa'],
	[-1, 'jahitan-miring tidak-full tidak-penuh belum-ada kecil-banget kecil-sekali besar-banget lebih-baik-lagi biasa-saja hati-hati lebih-teliti kedaluwarsa-dekat'],
	[-1.5, 'minggu-baru-sampai minggu-baru-datang wangi-hilang aroma-hilang kedaluwarsa-tinggal kedaluwarsa-nya-dekat sudah-asem tidak-sama lebih-baik-beli belum-jahit belum-di-jahit belum-ke-jahit tidak-jahit tidak-di-jahit isinya-sedikit isi-sedikit isian-sedikit isiannya-sedikit porsinya-sedikit porsi-sedikit porsi-kecil porsinya-kecil tidak-ada-rasa tidak-ada-rasanya tidak-berasa tidak-rapat cukup-tahu-saja cukup-tahu belum-menerima belum-terima tidak-menerima tidak-terima tidak-bisa tidak-nyala tidak-menyala tidak-hidup tidak-jalan tidak-muat tidak-lengkap tidak-datang tidak-sampai tidak-dikirim tidak-ada-respon tidak-dibalas tidak-direspon belum-sampai belum-datang belum-diterima belum-dikirim belum-dibalas belum-direspon tidak-rapi tidak-jelas kurang-teliti slow-respon lama-respon respon-lambat salah-kirim dikirim-salah lama-sampai tidak-layak mau-retur minta-refund minta-retur tidak-cocok tidak-pas tidak-original bintang-1 bintang-satu asal-asalan'],
	[-2, 'sudah-kedaluwarsa tidak-berfungsi tidak-recommended tidak-rekomendasi tidak-bagus tidak-puas jangan-beli jangan-pesan tidak-akan-beli tidak-mau-beli tidak-lagi-beli beli-di-tempat-lain cari-toko-lain tidak-worth tidak-layak-pakai toko-lain penjual-lain tempat-lain tidak-seperti-biasanya sangat-kecewa kecewa-berat']
]);

// Negated praise that is a stronger complaint than the praise is praise: "tidak sesuai" is the
// single most common complaint, while "sesuai" alone is mild approval.
export const NEGATED: ReadonlyMap<string, number> = new Map([
	['sesuai', -1.5],
	['berfungsi', -2],
	['nyaman', -1.5]
]);

// Words that reverse the next sentiment word within a short window. `alone` is the score the
// negator carries when no sentiment word follows: in a product review a negated fact
// ("tidak ada tutupnya", "tidak dikirim") is almost always a complaint, while "belum ..." usually
// just says the buyer has not tried it yet.
export const NEGATORS: ReadonlyMap<string, { flip: number; alone: number }> = new Map([
	['tidak', { flip: -1, alone: -0.7 }],
	['bukan', { flip: -1, alone: -0.5 }],
	['jangan', { flip: -1, alone: -0.7 }],
	['tanpa', { flip: -1, alone: 0 }],
	['belum', { flip: -0.7, alone: 0 }],
	// "kurang bagus" is a complaint, but softer than "tidak bagus"
	['kurang', { flip: -0.8, alone: -1 }]
]);

// Intensifiers: `pre` modifies the following sentiment word ("sangat bagus"), `post` the one
// before ("bagus banget"). Softeners shrink it ("agak lama").
export const PRE_MODIFIERS: ReadonlyMap<string, number> = new Map([
	['sangat', 1.5],
	// "gila enak", "gila pedesnya": an intensifier, not a complaint
	['gila', 1.5],
	['amat', 1.5],
	['paling', 1.5],
	['super', 1.5],
	['sungguh', 1.5],
	['benar', 1.3],
	['terlalu', 1.3],
	['cukup', 0.6],
	['lumayan', 0.6],
	['agak', 0.5],
	['sedikit', 0.5],
	['rada', 0.5]
]);

export const POST_MODIFIERS: ReadonlyMap<string, number> = new Map([
	['banget', 1.5],
	['sekali', 1.5],
	['parah', 1.3],
	['pol', 1.5],
	['gila', 1.5],
	['abis', 1.3],
	['sedikit', 0.6]
]);

// Complaint words that also intensify the praise right before them: "enak parah", "keren parah".
export const INTENSIFYING_COMPLAINTS: ReadonlyMap<string, number> = new Map([['parah', 1.3]]);

// Heat itself is neither praise nor complaint; made stronger it is praise ("gila pedesnya",
// "pedes banget"), made too strong or too weak it is a complaint ("terlalu pedas", "kurang pedas").
export const PRAISED_WHEN_INTENSE: ReadonlySet<string> = new Set(['pedas']);

// Words that split a review into clauses. `weight` is how much the clause they open counts in
// the review score: what follows "tapi" is what the buyer wants the seller to hear, while a
// "walaupun" clause is a concession the buyer has already forgiven.
export const CONTRAST: ReadonlyMap<string, { weight: number; previous: number }> = new Map([
	['tapi', { weight: 1.5, previous: 0.8 }],
	['namun', { weight: 1.5, previous: 0.8 }],
	['cuma', { weight: 1.3, previous: 0.8 }],
	['sayangnya', { weight: 1.5, previous: 0.8 }],
	['sayang sekali', { weight: 1.5, previous: 0.8 }],
	['hanya saja', { weight: 1.5, previous: 0.8 }],
	// "berjamur padahal exp masih lama", "hancur padahal sudah dibubble": what follows "padahal"
	// is what should have prevented the complaint, not praise
	['padahal', { weight: 0.15, previous: 1 }],
	['walaupun', { weight: 0.6, previous: 1 }],
	['kecuali', { weight: 1, previous: 1 }]
]);
