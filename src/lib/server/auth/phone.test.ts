import { describe, expect, test } from 'vitest';
import { displayPhone, normalisePhone } from './phone';

describe('normalisePhone', () => {
	test.each([
		['081234567890', '6281234567890'],
		['0812-3456-7890', '6281234567890'],
		['+62 812 3456 7890', '6281234567890'],
		['6281234567890', '6281234567890'],
		['(0811) 0000 0001', '6281100000001'],
		['0895.1234.5678', '6289512345678']
	])('%s → %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	test.each(['', '12345', '0212345678', '+6521234567', '08abc', '0812', '081234567890123456', '62 21 1234 5678', "0812' or 1=1"])(
		'rejects %j',
		(input) => {
			expect(normalisePhone(input)).toBeNull();
		}
	);

	test('shows a stored number the way people write it', () => {
		expect(displayPhone('6281100000001')).toBe('0811-0000-0001');
	});
});
