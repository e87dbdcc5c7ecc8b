import { describe, expect, test } from 'vitest';
import { decide, procedureRule, routeRule, safeReturnPath } from './rules';

describe('return path after sign-in (ke)', () => {
	test.each([
		['/agen', '/agen'],
		['/produk/12?tab=harga', '/produk/12?tab=harga'],
		['/agen/produk/3/cetak?kertas=a5', '/agen/produk/3/cetak?kertas=a5']
	])('follows the local path %s', (input, expected) => {
		expect(safeReturnPath(input)).toBe(expected);
	});

	test.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'agen', '/masuk?ke=/x', '/keluar', '', null])(
		'ignores %j',
		(input) => {
			expect(safeReturnPath(input)).toBeNull();
		}
	);
});

describe('rule lookup', () => {
	test('a new route under a guarded section inherits its guard; never the public root', () => {
		expect(routeRule('/impor/[id]/unduh')).toEqual(['admin']);
		expect(routeRule('/tidak-ada')).toBeNull();
		expect(procedureRule('trends.somethingNew')).toBe('signed-in');
		expect(procedureRule('imports.somethingNew')).toEqual(['admin']);
		expect(procedureRule('nothing.here')).toBeNull();
	});

	test('decisions: public, signed-in, role lists; a missing rule is forbidden', () => {
		expect(decide('public', null)).toBe('allow');
		expect(decide('signed-in', null)).toBe('sign-in');
		expect(decide('signed-in', { role: 'produsen' })).toBe('allow');
		expect(decide(['admin'], { role: 'agen' })).toBe('forbidden');
		expect(decide(['admin'], { role: 'admin' })).toBe('allow');
		expect(decide(null, { role: 'admin' })).toBe('forbidden');
		expect(decide(null, null)).toBe('sign-in');
	});
});
