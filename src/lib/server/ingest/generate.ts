// A synthetic listing file in the generic format, for the benchmark and the kill test: many
// rows, every notation the normaliser handles (Rupiah strings, bucketed sold counts, pack sizes
// in titles, regency names), written as a stream so a million rows never sit in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const PRODUCTS: [string, string, string[]][] = [
	['Kopi Robusta Temanggung', 'kopi', ['250 gr', '500gr', '1 kg', '100 gram']],
	['Kopi Arabika Gayo Bubuk', 'kopi', ['200 gr', '1kg', '3 x 250gr']],
	['Pot Gerabah Plered', 'gerabah', ['Diameter 20 cm', 'isi 3', '']],
	['Sambal Bawang Pedas', 'Aneka Sambal', ['150 ml', '200gr', '10 x 20gr']],
	['Kemeja Batik Pekalongan Pria', 'batik', ['', 'Lengan Pendek', '1 kodi']],
	['Tas Anyaman Rotan Lombok', 'anyaman', ['', 'Ukuran Besar']],
	['Headset Bluetooth Bass', 'Earphone', ['', '1 pcs']]
];
const LOCATIONS = ['Kab. Purwakarta', 'Kota Administrasi Jakarta Barat', 'jakarta barat', 'Bantul', 'Kab. Pekalongan', 'Kota Bandung', 'Temanggung', 'Lombok Barat'];
const MARKETS = ['tokopedia', 'Shopee', 'Lazada', 'TikTok Shop'];
const SOLD = (n: number) => (n % 5 === 0 ? `${(n % 9) + 1} rb+ terjual` : n % 5 === 1 ? `${n % 500}+ terjual` : String(n % 1000));

/** Writes `rows` listing rows to `path`; row i is the same in every run (deterministic). */
export async function writeGenericListings(path: string, rows: number, opts: { startId?: number } = {}): Promise<void> {
	const out = createWriteStream(path);
	out.write('marketplace,listing_id,url,title,price,sold,rating,review_count,shop_name,location,category\n');
	const start = opts.startId ?? 0;
	let buf = '';
	for (let i = start; i < start + rows; i++) {
		const [name, category, packs] = PRODUCTS[i % PRODUCTS.length];
		const pack = packs[(i >> 3) % packs.length];
		const mp = MARKETS[i % MARKETS.length];
		const price = 5000 + ((i * 7919) % 400) * 500;
		const priceText = i % 3 === 0 ? `Rp${price.toLocaleString('id-ID')}` : String(price);
		const title = `${name} ${pack} Varian ${i % 977}`.trim();
		buf += `${mp},${i},https://example.id/p/${i},"${title}",${priceText},${SOLD(i)},${(4 + (i % 10) / 10).toFixed(1)},${i % 300},Toko ${i % 5000},${LOCATIONS[i % LOCATIONS.length]},${category}\n`;
		if (buf.length > 1 << 16) {
			if (!out.write(buf)) await once(out, 'drain');
			buf = '';
		}
	}
	out.end(buf);
	await once(out, 'finish');
}
