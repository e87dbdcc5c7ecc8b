import { describe, expect, test } from 'vitest';
import { AddressError, checkFeedUrl, isPrivateAddress, resolveAll, type Resolver } from './address';

describe('private and public addresses', () => {
	test.each([
		'127.0.0.1',
		'127.255.0.9',
		'10.1.2.3',
		'172.16.0.1',
		'172.31.255.255',
		'192.168.1.10',
		'169.254.169.254',
		'0.0.0.0',
		'100.64.0.1',
		'::1',
		'::',
		'fc00::1',
		'fd12:3456::9',
		'fe80::1',
		'::ffff:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:10.0.0.1',
		'[::1]'
	])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

	test.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (ip) =>
		expect(isPrivateAddress(ip)).toBe(false)
	);
});

describe('a feed URL', () => {
	const publicDns = async () => ['93.184.216.34'];
	const refused = async (raw: string, resolve: Resolver = publicDns, allowPrivate = false) => {
		try {
			await checkFeedUrl(raw, { allowPrivate, resolve });
		} catch (e) {
			expect(e).toBeInstanceOf(AddressError);
			return (e as Error).message;
		}
		throw new Error(`${raw} was accepted`);
	};

	test('http and https on the internet are accepted', async () => {
		expect((await checkFeedUrl('https://data.contoh.id/ekspor.csv', { allowPrivate: false, resolve: publicDns })).href).toBe('https://data.contoh.id/ekspor.csv');
		expect((await checkFeedUrl('http://93.184.216.34/a.json', { allowPrivate: false })).hostname).toBe('93.184.216.34');
	});

	test('file:, other schemes and nonsense are refused in plain words', async () => {
		expect(await refused('file:///etc/passwd')).toMatch(/file:\) tidak bisa jadi sumber/);
		expect(await refused('ftp://contoh.id/a.csv')).toMatch(/harus diawali http:\/\/ atau https:\/\//);
		expect(await refused('contoh.id/a.csv')).toMatch(/tidak bisa dibaca/);
		expect(await refused('')).toMatch(/Isi alamat sumber/);
	});

	test('private IPs, and names resolving there, are refused unless allowed for this feed', async () => {
		expect(await refused('http://127.0.0.1:8080/a.csv')).toMatch(/jaringan lokal/);
		expect(await refused('http://[::1]/a.csv')).toMatch(/jaringan lokal/);
		expect(await refused('http://169.254.169.254/latest/meta-data')).toMatch(/jaringan lokal/);
		expect(await refused('https://intranet.contoh.id/a.csv', async () => ['93.184.216.34', '10.0.0.5'])).toMatch(/menunjuk ke jaringan lokal \(10\.0\.0\.5\)/);
		// The real resolver: localhost is loopback.
		expect(await refused('http://localhost:3000/a.csv', resolveAll)).toMatch(/jaringan lokal/);
		expect((await checkFeedUrl('http://127.0.0.1:8080/a.csv', { allowPrivate: true })).port).toBe('8080');
	});

	test('a name that does not resolve is refused', async () => {
		expect(
			await refused('https://tidak-ada.invalid/a.csv', async () => {
				throw new Error('ENOTFOUND');
			})
		).toMatch(/tidak ditemukan/);
	});
});
