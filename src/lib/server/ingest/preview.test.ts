import { describe, expect, test } from 'vitest';
import { previewImport } from './preview';
import { mapFromForm } from '../write/imports-preview';

const csv = (text: string) => ({ fileName: 'toko-saya.csv', bytes: new TextEncoder().encode(text) });
const FILE = ['Nama Barang,Harga Jual,Laku,Kota', 'Kopi Robusta 250 gr,Rp14.9jt,1rb+,Temanggung', 'Vas Gerabah isi 2,-25000,12,Purwakarta', 'Laptop Contoh,Rp14,9jt,250+,Jakarta'].join('\n');

describe('previewImport', () => {
	test('an unknown header: said in words, every column offered for mapping, no CLI flag', async () => {
		const p = await previewImport(csv(FILE), { observedAt: '2026-11-20', today: '2026-11-30' });
		expect(p.problem).toMatch(/Bentuk berkas tidak dikenali/);
		expect(p.problem).not.toMatch(/--map/);
		expect(p.columns).toEqual([
			{ header: 'Nama Barang', field: null },
			{ header: 'Harga Jual', field: null },
			{ header: 'Laku', field: null },
			{ header: 'Kota', field: null }
		]);
		expect(p.rows).toEqual([]);
	});

	test('mapped in the form: the first rows as the import reads them, a negative price called negative, the date', async () => {
		const p = await previewImport(csv(FILE), { map: 'Nama Barang=title,Harga Jual=price,Laku=sold,Kota=location', observedAt: '2026-11-20', today: '2026-11-30' });
		expect(p.problem).toBeNull();
		expect(p.shape?.label).toBe('Format umum: daftar produk');
		expect(p.columns.map((c) => c.field)).toEqual(['title', 'price', 'sold', 'location']);
		expect(p.rows[0]).toMatchObject({ line: 2, title: 'Kopi Robusta 250 gr', sold: '1rb+ → paling sedikit 1.000 terjual', pack: '250 gram', problems: [] });
		expect(p.rows[1].problems.join(' ')).toMatch(/Harga negatif: "-25000"/);
		// "Rp14,9jt" with its comma is split by the CSV into two cells: the row is refused, and the preview says why.
		expect(p.rows[2].problems.join(' ')).toMatch(/Jumlah kolom 5, seharusnya 4/);
		expect(p.date).toMatchObject({ day: '2026-11-20' });
	});

	test('"Rp14,9jt" read as Rp14.900.000', async () => {
		const p = await previewImport(csv('title;price;sold\nLaptop Contoh;Rp14,9jt;250+\n'), { observedAt: '2026-11-20', today: '2026-11-30' });
		expect(p.rows[0].price).toBe('Rp14,9jt → Rp14.900.000');
		expect(p.rows[0].sold).toBe('250+ → paling sedikit 250 terjual');
	});
});

describe('mapFromForm', () => {
	const form = (pairs: [string, string][]) => {
		const f = new FormData();
		for (const [k, v] of pairs) f.append(k, v);
		return f;
	};
	test('one choice per column becomes the column map; "not used" is left out', () => {
		expect(mapFromForm(form([['nama_0', 'Nama Barang'], ['kolom_0', 'title'], ['nama_1', 'Kota'], ['kolom_1', ''], ['nama_2', 'Harga Jual'], ['kolom_2', 'price']]))).toEqual({
			map: 'Nama Barang=title,Harga Jual=price'
		});
		expect(mapFromForm(form([]))).toEqual({});
	});
	test('two columns with the same meaning are refused in words', () => {
		expect(mapFromForm(form([['nama_0', 'Harga'], ['kolom_0', 'price'], ['nama_1', 'Harga Jual'], ['kolom_1', 'price']])).problem).toBe(
			'Kolom "Harga" dan "Harga Jual" sama-sama dipilih sebagai Harga. Pilih satu saja.'
		);
	});
});
