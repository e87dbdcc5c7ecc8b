// Which addresses a feed may be pulled from (issue 18). A feed makes the server fetch a URL an
// admin typed, so without a guard it could read the server's own loopback services, the
// office network or a cloud metadata endpoint (169.254.169.254) and import whatever answers.
// Only http: and https: are allowed (never file:), and an address in a private, loopback,
// link-local or otherwise non-public range is refused, whether written as an IP or reached
// through a name that resolves there. The check runs when a feed is added and again at every
// connection and every redirect (guardedLookup), so a name that later resolves to a private
// address (DNS rebinding) is refused too. An admin may allow private addresses for one feed
// explicitly (a partner system on the same network).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length, name]. */
const V4_BLOCKED: [string, number][] = [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8],
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8],
	['169.254.0.0', 16], // link-local, cloud metadata
	['172.16.0.0', 12],
	['192.168.0.0', 16],
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, broadcast
];

function v4ToInt(ip: string): number {
	return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Blocked(ip: string): boolean {
	const n = v4ToInt(ip);
	return V4_BLOCKED.some(([base, bits]) => {
		const size = 2 ** (32 - bits);
		const start = v4ToInt(base);
		return n >= start && n < start + size;
	});
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail read too). */
function v6Groups(ip: string): number[] | null {
	let text = ip.replace(/^\[|\]$/g, '').split('%')[0].toLowerCase();
	const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (tail) {
		const n = v4ToInt(tail[1]);
		text = `${text.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
	}
	const [head, rest] = text.split('::');
	const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
	const a = part(head);
	const b = part(rest);
	if (text.includes('::')) {
		const fill = 8 - a.length - b.length;
		if (fill < 0) return null;
		return [...a, ...new Array(fill).fill(0), ...b];
	}
	return a.length === 8 ? a : null;
}

function v6Blocked(ip: string): boolean {
	const g = v6Groups(ip);
	if (!g || g.some((x) => !Number.isFinite(x))) return true;
	// ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible): judged as the IPv4 address.
	if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
		if (g[5] === 0 && g[6] === 0 && g[7] <= 1) return true; // :: and ::1
		const v4 = `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
		return v4Blocked(v4);
	}
	if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
	if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
	if ((g[0] & 0xff00) === 0xff00) return true; // multicast
	return false;
}

/** Whether an IP address (v4 or v6) is outside the public internet. */
export function isPrivateAddress(ip: string): boolean {
	const bare = ip.replace(/^\[|\]$/g, '');
	const family = isIP(bare);
	if (family === 4) return v4Blocked(bare);
	if (family === 6) return v6Blocked(bare);
	return true;
}

/** A refusal with the Indonesian sentence the admin reads. */
export class AddressError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AddressError';
	}
}

const PRIVATE_HINT = 'Centang "izinkan jaringan lokal" (atau --allow-private) hanya bila sumber itu memang di jaringan Anda sendiri.';

/** The URL a feed may have, or an AddressError: http(s) only, no file:, a host, not too long. */
export function parseFeedUrl(raw: string): URL {
	const text = raw.trim();
	if (!text) throw new AddressError('Isi alamat sumber, misalnya https://contoh.id/ekspor.csv.');
	if (text.length > 2000) throw new AddressError('Alamat sumber terlalu panjang (paling banyak 2.000 huruf).');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new AddressError(`Alamat "${text.slice(0, 80)}" tidak bisa dibaca. Tulis lengkap, misalnya https://contoh.id/ekspor.csv.`);
	}
	if (url.protocol === 'file:') throw new AddressError('Berkas di server (file:) tidak bisa jadi sumber. Taruh berkas di folder impor (IMPORT_INBOX).');
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AddressError('Alamat sumber harus diawali http:// atau https://.');
	if (!url.hostname) throw new AddressError('Alamat sumber tidak menyebut nama server.');
	return url;
}

/** The host as the resolver and isIP want it (IPv6 literals without brackets). */
export function bareHost(url: URL): string {
	return url.hostname.replace(/^\[|\]$/g, '');
}

export type Resolver = (host: string) => Promise<string[]>;

/** Every address a name resolves to (A and AAAA). */
export const resolveAll: Resolver = (host) =>
	new Promise((done, fail) => dnsLookup(host, { all: true }, (e, addresses) => (e ? fail(e) : done(addresses.map((a) => a.address)))));

/**
 * Checks a feed's URL before it is saved or fetched: the scheme, and unless private addresses
 * are allowed, the host's addresses. Returns the parsed URL; throws AddressError.
 */
export async function checkFeedUrl(raw: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<URL> {
	const url = parseFeedUrl(raw);
	if (opts.allowPrivate) return url;
	const host = bareHost(url);
	if (isIP(host)) {
		if (isPrivateAddress(host)) throw new AddressError(`Alamat ${host} ada di jaringan lokal, bukan internet. ${PRIVATE_HINT}`);
		return url;
	}
	let addresses: string[];
	try {
		addresses = await (opts.resolve ?? resolveAll)(host);
	} catch {
		throw new AddressError(`Nama server "${host}" tidak ditemukan. Periksa alamatnya.`);
	}
	const inside = addresses.find(isPrivateAddress);
	if (inside) throw new AddressError(`Nama server "${host}" menunjuk ke jaringan lokal (${inside}), bukan internet. ${PRIVATE_HINT}`);
	return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses private addresses at connection time (unless
 * allowed), so the address connected to is the address checked.
 */
export function guardedLookup(allowPrivate: boolean) {
	return (hostname: string, options: { all?: boolean } & Record<string, unknown>, callback: LookupCallback): void => {
		dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
			if (err) return callback(err, '', 0);
			const list = addresses as LookupAddress[];
			const inside = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
			if (inside) {
				const e = new AddressError(`Nama server "${hostname}" menunjuk ke jaringan lokal (${inside.address}), bukan internet. ${PRIVATE_HINT}`) as AddressError & { code: string };
				e.code = 'EPRIVATE';
				return callback(e, '', 0);
			}
			if (options.all) return callback(null, list);
			callback(null, list[0].address, list[0].family);
		});
	};
}
