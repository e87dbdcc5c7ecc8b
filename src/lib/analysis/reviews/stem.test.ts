import { describe, expect, test } from 'vitest';
import { stemToKnown } from './stem';

const ROOTS = new Set(['kirim', 'kecewa', 'kemas', 'jual', 'fungsi', 'mahal', 'rusak', 'pesan', 'lama', 'warna', 'bagus', 'tahan']);
const known = (w: string) => ROOTS.has(w);

describe('stemToKnown (light Nazief–Adriani)', () => {
	test.each([
		['pengirimannya', 'kirim'],
		['dikirim', 'kirim'],
		['mengecewakan', 'kecewa'],
		['ngecewain', 'kecewa'],
		['kemasannya', 'kemas'],
		['pengemasan', 'kemas'],
		['penjualnya', 'jual'],
		['berfungsi', 'fungsi'],
		['kemahalan', 'mahal'],
		['kerusakan', 'rusak'],
		['pemesanan', 'pesan'],
		['kelamaan', 'lama'],
		['warnax', 'warna'],
		['bagusnya', 'bagus'],
		['bertahan', 'tahan'],
		['badan', null],
		['pasti', null]
	])('%s → %s', (word, root) => {
		expect(stemToKnown(word, known)).toBe(root);
	});
});
