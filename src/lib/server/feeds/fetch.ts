// Downloading a feed's export (issue 18): one GET with the validators of the content last
// imported (If-None-Match, If-Modified-Since), so an unchanged export costs a 304; redirects
// followed up to a limit, each hop's address checked again (address.ts); one deadline for the
// whole pull; the body streamed to a file in a private temporary folder (never held whole in
// memory), decompressed if the server compressed it, counted against a size limit (after
// decompression: a small gzip cannot unpack into gigabytes) and hashed on the way. What the
// server says it sends must be CSV, JSON, JSON Lines or XLSX: a login page or an error page in
// HTML is refused as the wrong type instead of being fed to the importer.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AddressError, bareHost, guardedLookup, isPrivateAddress, parseFeedUrl } from './address';

export type FeedFormat = 'csv' | 'json' | 'jsonl' | 'xlsx';

export interface FetchLimits {
	/** The whole pull, redirects and body included. */
	timeoutMs: number;
	/** The most bytes accepted, after decompression. */
	maxBytes: number;
	maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 60_000, maxBytes: 50 * 1024 * 1024, maxRedirects: 5 };

/** Bytes from "50M", "800K", "1G" or a plain number; null when unreadable. */
export function parseBytes(value: string): number | null {
	const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg])?b?\s*$/i.exec(value);
	if (!m) return null;
	const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
	return Math.floor(Number(m[1]) * unit);
}

/** FEED_TIMEOUT_MS, FEED_MAX_BYTES and FEED_MAX_REDIRECTS over the defaults. */
export function limitsFromEnv(env: Record<string, string | undefined> = process.env): FetchLimits {
	const num = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : null);
	return {
		timeoutMs: num(env.FEED_TIMEOUT_MS) ?? DEFAULT_LIMITS.timeoutMs,
		maxBytes: (env.FEED_MAX_BYTES ? parseBytes(env.FEED_MAX_BYTES) : null) ?? DEFAULT_LIMITS.maxBytes,
		maxRedirects: num(env.FEED_MAX_REDIRECTS) ?? DEFAULT_LIMITS.maxRedirects
	};
}

/** A pull that failed, with the sentence the admin reads and the HTTP status where there was one. */
export class FetchError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number | null = null
	) {
		super(message);
		this.name = 'FetchError';
	}
}

export interface Validators {
	etag: string | null;
	lastModified: string | null;
}

export type Fetched =
	| { kind: 'not-modified'; httpStatus: 304; etag: string | null; lastModified: string | null }
	| {
			kind: 'body';
			httpStatus: number;
			/** The downloaded file, named `<baseName>.<ext>` after its format. */
			path: string;
			fileName: string;
			format: FeedFormat;
			bytes: number;
			sha256: string;
			etag: string | null;
			lastModified: string | null;
	  };

const sayBytes = (n: number) =>
	n >= 1024 ** 2 ? `${(n / 1024 ** 2).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB` : `${Math.round(n / 1024).toLocaleString('id-ID')} KB`;

const MEDIA: Record<string, FeedFormat | 'any'> = {
	'text/csv': 'csv',
	'application/csv': 'csv',
	'text/comma-separated-values': 'csv',
	'text/tab-separated-values': 'csv',
	// Many servers send CSV exports as an Excel type.
	'application/vnd.ms-excel': 'csv',
	'application/json': 'json',
	'text/json': 'json',
	'application/x-ndjson': 'jsonl',
	'application/ndjson': 'jsonl',
	'application/jsonl': 'jsonl',
	'application/x-jsonlines': 'jsonl',
	'application/jsonlines': 'jsonl',
	'application/json-lines': 'jsonl',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	// Types that say nothing about the content: the URL's extension or the first bytes decide.
	'text/plain': 'any',
	'application/octet-stream': 'any',
	'binary/octet-stream': 'any',
	'application/download': 'any',
	'application/force-download': 'any',
	'': 'any'
};

const EXT: Record<string, FeedFormat> = { csv: 'csv', tsv: 'csv', txt: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', xlsx: 'xlsx' };

/** What the Content-Type header promises; null: a type the importer cannot read (HTML, images…). */
export function mediaFormat(contentType: string | undefined): FeedFormat | 'any' | null {
	const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (media in MEDIA) return MEDIA[media];
	if (media.endsWith('+json')) return 'json';
	return null;
}

function looksLikeHtml(head: Buffer): boolean {
	return /^\s*(<!doctype html|<html|<head|<body)/i.test(head.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, ''));
}

/** The format of a body the header did not name: the URL's extension, else its first bytes. */
function sniffFormat(url: URL, head: Buffer): FeedFormat {
	const ext = /\.([a-z]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
	if (ext && EXT[ext]) return EXT[ext];
	if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
	const first = head.toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
	if (first === '[' || first === '{') return 'json';
	return 'csv';
}

const wrongType = (type: string, status: number) =>
	new FetchError(
		`Sumber mengirim ${type || 'isi tanpa jenis'}, bukan CSV, JSON, JSON Lines atau XLSX. Periksa alamatnya (mungkin halaman masuk atau halaman galat).`,
		status
	);

function request(url: URL, headers: Record<string, string>, allowPrivate: boolean, signal: AbortSignal): Promise<IncomingMessage> {
	return new Promise((done, fail) => {
		const lib = url.protocol === 'https:' ? https : http;
		const req = lib.request(url, { method: 'GET', headers, signal, lookup: guardedLookup(allowPrivate) as never }, done);
		req.on('error', fail);
		req.end();
	});
}

function decoder(encoding: string | undefined): Transform | null {
	const e = (encoding ?? '').trim().toLowerCase();
	if (e === 'gzip' || e === 'x-gzip') return createGunzip();
	if (e === 'deflate') return createInflate();
	if (e === 'br') return createBrotliDecompress();
	return null;
}

/**
 * Pulls `rawUrl` into `dir`. Resolves with the body's file (or not-modified); rejects with a
 * FetchError or AddressError carrying the reason in Indonesian.
 */
export async function fetchExport(
	rawUrl: string,
	opts: { allowPrivate: boolean; validators: Validators; limits: FetchLimits; dir: string; baseName: string; signal?: AbortSignal }
): Promise<Fetched> {
	const { limits } = opts;
	const controller = new AbortController();
	const timeout = new FetchError(`Sumber tidak selesai menjawab dalam ${Math.max(1, Math.round(limits.timeoutMs / 1000))} detik.`);
	const timer = setTimeout(() => controller.abort(timeout), limits.timeoutMs);
	const stop = () => controller.abort(opts.signal?.reason ?? new FetchError('Penarikan dihentikan.'));
	opts.signal?.addEventListener('abort', stop, { once: true });
	if (opts.signal?.aborted) stop();
	const reasonOf = (e: unknown) => (controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : e);
	try {
		let url = parseFeedUrl(rawUrl);
		for (let hop = 0; ; hop++) {
			const host = bareHost(url);
			if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) {
				throw new AddressError(`Alamat ${host} ada di jaringan lokal, bukan internet${hop ? ' (dari pengalihan)' : ''}.`);
			}
			const headers: Record<string, string> = {
				'user-agent': 'DesproPasar-sumber/1',
				accept: 'text/csv, application/json, application/x-ndjson, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.1',
				'accept-encoding': 'gzip, deflate, br'
			};
			if (opts.validators.etag) headers['if-none-match'] = opts.validators.etag;
			if (opts.validators.lastModified) headers['if-modified-since'] = opts.validators.lastModified;
			let res: IncomingMessage;
			try {
				res = await request(url, headers, opts.allowPrivate, controller.signal);
			} catch (e) {
				const reason = reasonOf(e);
				if (reason instanceof FetchError || reason instanceof AddressError) throw reason;
				const code = (e as { code?: string }).code;
				if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new FetchError(`Nama server "${url.hostname}" tidak ditemukan.`);
				if (code === 'ECONNREFUSED') throw new FetchError(`Server ${url.host} menolak sambungan.`);
				throw new FetchError(`Sumber tidak bisa dihubungi (${code ?? (e as Error).message}).`);
			}
			const status = res.statusCode ?? 0;
			const etag = (res.headers.etag as string | undefined) ?? null;
			const lastModified = (res.headers['last-modified'] as string | undefined) ?? null;
			if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
				res.resume();
				if (hop >= limits.maxRedirects) throw new FetchError(`Sumber mengalihkan lebih dari ${limits.maxRedirects} kali.`, status);
				url = parseFeedUrl(new URL(res.headers.location, url).href);
				continue;
			}
			if (status === 304) {
				res.resume();
				return { kind: 'not-modified', httpStatus: 304, etag: etag ?? opts.validators.etag, lastModified: lastModified ?? opts.validators.lastModified };
			}
			if (status !== 200) {
				res.resume();
				throw new FetchError(`Server sumber menjawab ${status}${res.statusMessage ? ` (${res.statusMessage})` : ''}.`, status);
			}
			const declared = mediaFormat(res.headers['content-type']);
			if (declared === null) {
				res.resume();
				throw wrongType(String(res.headers['content-type']).split(';')[0], status);
			}
			const length = Number(res.headers['content-length']);
			const tooBig = new FetchError(`Berkas dari sumber lebih besar dari batas ${sayBytes(limits.maxBytes)} (FEED_MAX_BYTES).`, status);
			if (!res.headers['content-encoding'] && Number.isFinite(length) && length > limits.maxBytes) {
				res.resume();
				throw tooBig;
			}
			// Written under a neutral name first: the format is known once the first bytes are in.
			const partPath = join(opts.dir, 'unduhan.part');
			const hash = createHash('sha256');
			let bytes = 0;
			const heads: Buffer[] = [];
			let headBytes = 0;
			const meter = new Transform({
				transform(chunk: Buffer, _enc, next) {
					bytes += chunk.length;
					if (bytes > limits.maxBytes) return next(tooBig);
					hash.update(chunk);
					if (headBytes < 4096) {
						heads.push(chunk);
						headBytes += chunk.length;
					}
					next(null, chunk);
				}
			});
			const decode = decoder(res.headers['content-encoding'] as string | undefined);
			try {
				if (decode) await pipeline(res, decode, meter, createWriteStream(partPath), { signal: controller.signal });
				else await pipeline(res, meter, createWriteStream(partPath), { signal: controller.signal });
			} catch (e) {
				const reason = reasonOf(e);
				if (reason instanceof FetchError) throw reason;
				if (e === tooBig || (e as { cause?: unknown }).cause === tooBig) throw tooBig;
				throw new FetchError(`Unduhan dari sumber terputus (${(e as { code?: string }).code ?? (e as Error).message}).`, status);
			}
			const head = Buffer.concat(heads).subarray(0, 4096);
			if (looksLikeHtml(head)) throw wrongType('halaman web (HTML)', status);
			if (bytes === 0) throw new FetchError('Sumber mengirim berkas kosong.', status);
			const format = declared === 'any' ? sniffFormat(url, head) : declared;
			const fileName = `${opts.baseName}.${format}`;
			const path = join(opts.dir, fileName);
			await rename(partPath, path);
			return { kind: 'body', httpStatus: status, path, fileName, format, bytes, sha256: hash.digest('hex'), etag, lastModified };
		}
	} finally {
		clearTimeout(timer);
		opts.signal?.removeEventListener('abort', stop);
	}
}
