import { describe, expect, test } from 'vitest';
import { mapCategory } from './categories';
import { fingerprint, idFromUrl, listingKey, urlKey } from './keys';
import { parseDay } from './normalise';
import { detectDelimiter } from './readers/csv';
import { detectShape, parseColumnMap, resolveShape, ShapeError } from './shapes';

describe('detectShape', () => {
	test.each([
		['name,price,location,rating,sold,details_link', 'tokopedia-laptop'],
		['Produk,URL Gambar,Penjual,Lokasi,Harga Normal,Diskon,Harga Diskon,Rate,Terjual', 'tokopedia-smartphone'],
		['Title,Price,Sold', 'lazada-iphone'],
		['title,pricedc,terjual,link,Original Price,Min Price,Max Price', 'shopee-skincare'],
		['nama_produk,link_produk,harga,jumlah_terjual,toko,rating', 'bukalapak-oximeter'],
		['review,rating', 'tokopedia-reviews'],
		['itemid,variant_name,price,price_before_discount,stock', 'shopee-variants'],
		['marketplace,title,price,sold', 'generic-listings'],
		['listing_id,text,stars,reviewed_at', 'generic-reviews']
	])('%s → %s', (header, shape) => {
		expect(detectShape(header.split(','))?.id).toBe(shape);
	});

	test('unrecognised headers: a message that names the expected columns, in both languages', () => {
		expect(() => resolveShape(['foo', 'bar'], {})).toThrow(ShapeError);
		try {
			resolveShape(['foo', 'bar'], {});
		} catch (e) {
			expect((e as ShapeError).messageId).toMatch(/Kolom yang ditemukan: foo, bar.*title dan price/);
			expect((e as ShapeError).messageEn).toMatch(/Columns found: foo, bar.*title and price/);
		}
	});

	test('a column map names existing fields only', () => {
		expect(parseColumnMap('Nama Barang=title, Harga=price')).toEqual({ title: 'Nama Barang', price: 'Harga' });
		expect(() => parseColumnMap('Harga=harga')).toThrow(/field/);
	});
});

describe('readers and keys', () => {
	test('delimiter detection', () => {
		expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
		expect(detectDelimiter('\uFEFFa;b;"c;d"\r\n1;2;3\r\n')).toBe(';');
		expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
		expect(detectDelimiter('judul\nx\n')).toBe(',');
	});

	test('stable keys from ids, marketplace URLs, URLs and fingerprints', () => {
		expect(idFromUrl('/SOMETHINC-Twin-Pack-i.195455930.12323645944?sp_atk=x')).toBe('12323645944');
		expect(idFromUrl('https://www.bukalapak.com/p/kesehatan-2359/alat/3z93kky-jual-oxymeter-finger')).toBe('3z93kky');
		expect(urlKey('https://www.tokopedia.com/eatsambel/paket-eat?extParam=1')).toBe('url:tokopedia.com/eatsambel/paket-eat');
		expect(urlKey('https://ta.tokopedia.com/promo/v1/clicks/8a-xgV')).toBeNull();
		expect(listingKey({ title: 'Laptop', url: 'https://ta.tokopedia.com/promo/v1/clicks/x', location: 'Jakarta Pusat' })).toBe(fingerprint('laptop', 'jakarta  pusat'));
		expect(listingKey({ listingId: ' 42 ', title: 'x' })).toBe('id:42');
	});

	test('dates and category rules', () => {
		expect(parseDay('2023-03-23 02:54:28')).toBe('2023-03-23');
		expect(parseDay('23/03/2023')).toBe('2023-03-23');
		expect(parseDay('2023-02-30')).toBeNull();
		expect(mapCategory('Aneka Sambal', 'Bunga Telang Kering 50gr')).toBe('sambal-bumbu');
		expect(mapCategory(null, 'kemeja murah - kemeja batik termurah')).toBe('kemeja-batik');
		expect(mapCategory("Men's Fashion", 'Jaket Bomber')).toBe('pakaian');
		expect(mapCategory('Computers and Laptops', 'SSD 128 Gb')).toBeNull();
	});
});
