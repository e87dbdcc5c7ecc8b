import { describe, expect, test } from 'vitest';
import { closestSentence, leftOutLines, leftOutSentences } from './narrate-competitors';

describe('what the price card says about left-out listings', () => {
	test('one short line per reason, in a fixed order, worded for the product’s unit', () => {
		const lines = leftOutLines({ outlier: 2, removed: 1, 'no-size': 12, conflict: 0 }, 'mass');
		expect(lines.map((l) => l.reason)).toEqual(['no-size', 'removed', 'outlier']);
		expect(leftOutSentences(lines)).toEqual([
			'12 produk tanpa berat di judul tidak dihitung.',
			'1 produk dikeluarkan oleh agen tidak dihitung.',
			'2 produk dengan harga tidak wajar tidak dihitung.'
		]);
		expect(leftOutLines({ 'no-size': 3 }, 'volume')[0].label).toBe('tanpa isi (ml/liter) di judul');
		expect(leftOutLines({ 'other-unit': 1 }, 'count')[0].label).toBe('dijual per berat atau per liter');
		expect(leftOutLines({}, 'mass')).toEqual([]);
		// Short sentences for a producer: at most 15 words.
		for (const s of leftOutSentences(leftOutLines({ 'no-size': 1, conflict: 1, 'other-unit': 1, removed: 1, outlier: 1 }, 'mass')))
			expect(s.split(' ').length).toBeLessThanOrEqual(15);
	});

	test('a set that kept only the closest says so', () => {
		expect(closestSentence(400, 1234)).toBe('Dipilih 400 yang paling mirip dari 1.234 produk sejenis.');
		expect(closestSentence(40, 40)).toBe('');
	});
});
