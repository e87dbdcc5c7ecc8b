// An XLSX is a ZIP. Before exceljs sees one, this module reads its central directory and hands
// exceljs a new, bounded ZIP stream of only the parts it reads, in the order it wants them:
//
// - Bounded: at most XLSX_MAX_ENTRIES entries, and the parts kept may unpack to at most
//   XLSX_MAX_UNPACKED bytes, counted while inflating (a part that inflates beyond the size its
//   directory entry declares is refused: the declared sizes of a ZIP bomb lie). An 11.8 KB
//   upload unpacked to 20 MB before.
// - No temporary files: exceljs's streaming reader writes each sheet to a temp file when the
//   sheet comes before the shared strings, or when there are none (and left the file behind
//   when the parse failed). Here the shared strings and workbook relations always come first
//   (an empty shared-strings part is added where a workbook has none), so it never does.
// - Stored, not compressed: the new ZIP holds each part inflated (method 0) with the CRC of its
//   directory entry, so exceljs's unzip only copies bytes.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { parseByteSize, ReaderError } from './types';

/** Parts of one workbook (a normal one has a dozen). */
export const XLSX_MAX_ENTRIES = 2000;
/** Unpacked bytes of the parts read, unless XLSX_MAX_UNPACKED says otherwise ("200M", "1G"). */
const DEFAULT_MAX_UNPACKED = 200 * 1024 ** 2;

export function xlsxMaxUnpacked(env: Record<string, string | undefined> = process.env): number {
	return parseByteSize(env.XLSX_MAX_UNPACKED) ?? DEFAULT_MAX_UNPACKED;
}

interface Entry {
	name: string;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

/** The bytes of the workbook, from memory or read from its file on demand. */
interface Source {
	length: number;
	read(offset: number, length: number): Buffer;
	stream(start: number, length: number): AsyncIterable<Buffer>;
	close(): void;
}

function bufferSource(bytes: Buffer): Source {
	return {
		length: bytes.length,
		read: (offset, length) => bytes.subarray(offset, offset + length),
		async *stream(start, length) {
			for (let at = start; at < start + length; at += 1 << 16) yield bytes.subarray(at, Math.min(start + length, at + (1 << 16)));
		},
		close() {}
	};
}

function fileSource(path: string): Source {
	const fd = openSync(path, 'r');
	return {
		length: fstatSync(fd).size,
		read(offset, length) {
			const buf = Buffer.alloc(length);
			const n = readSync(fd, buf, 0, length, offset);
			return buf.subarray(0, n);
		},
		stream: (start, length) => (length === 0 ? (async function* () {})() : createReadStream(path, { start, end: start + length - 1, highWaterMark: 1 << 20 })),
		close: () => closeSync(fd)
	};
}

const BROKEN = (why: string) =>
	new ReaderError(
		`Berkas XLSX rusak atau bukan XLSX (${why}). Simpan ulang dari Excel atau LibreOffice sebagai .xlsx, atau ekspor sebagai CSV.`,
		`The XLSX file is damaged or not an XLSX (${why}). Save it again as .xlsx, or export it as CSV.`
	);

/** The central directory's entries (throws ReaderError for anything that is not a plain ZIP). */
function readDirectory(src: Source): Entry[] {
	// The end-of-directory record is in the last 22 bytes plus at most a 64 KB comment.
	const tailLength = Math.min(src.length, 22 + 0xffff);
	const tail = src.read(src.length - tailLength, tailLength);
	let eocd = -1;
	for (let i = tail.length - 22; i >= 0; i--) {
		if (tail.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw BROKEN('tidak ada daftar isi ZIP');
	const count = tail.readUInt16LE(eocd + 10);
	const dirSize = tail.readUInt32LE(eocd + 12);
	const dirOffset = tail.readUInt32LE(eocd + 16);
	if (count === 0xffff || dirOffset === 0xffffffff) {
		throw new ReaderError('Berkas XLSX terlalu besar (ZIP64). Ekspor sebagai CSV lalu impor CSV-nya.', 'The XLSX is too large (ZIP64). Export it as CSV and import that.');
	}
	if (count > XLSX_MAX_ENTRIES) {
		throw new ReaderError(
			`Berkas XLSX berisi ${count.toLocaleString('id-ID')} bagian; paling banyak ${XLSX_MAX_ENTRIES.toLocaleString('id-ID')}. Simpan ulang hanya lembar datanya, atau ekspor sebagai CSV.`,
			`The XLSX has ${count} parts; at most ${XLSX_MAX_ENTRIES}. Save only the data sheet, or export as CSV.`
		);
	}
	if (dirOffset + dirSize > src.length) throw BROKEN('daftar isi terpotong');
	const dir = src.read(dirOffset, dirSize);
	const entries: Entry[] = [];
	let p = 0;
	for (let i = 0; i < count; i++) {
		if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw BROKEN('daftar isi tidak terbaca');
		const flags = dir.readUInt16LE(p + 8);
		const nameLength = dir.readUInt16LE(p + 28);
		const extraLength = dir.readUInt16LE(p + 30);
		const commentLength = dir.readUInt16LE(p + 32);
		const entry: Entry = {
			method: dir.readUInt16LE(p + 10),
			crc: dir.readUInt32LE(p + 16),
			compressedSize: dir.readUInt32LE(p + 20),
			size: dir.readUInt32LE(p + 24),
			localOffset: dir.readUInt32LE(p + 42),
			name: dir.toString('utf8', p + 46, p + 46 + nameLength)
		};
		if (flags & 1) throw new ReaderError('Berkas XLSX ini dikunci dengan kata sandi. Buka kuncinya dulu, lalu simpan ulang.', 'The XLSX is password-protected.');
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
			throw new ReaderError('Berkas XLSX terlalu besar (ZIP64). Ekspor sebagai CSV lalu impor CSV-nya.', 'The XLSX is too large (ZIP64). Export it as CSV and import that.');
		}
		entries.push(entry);
		p += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const SHEET_RELS = /^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/;
const EMPTY_SHARED_STRINGS = Buffer.from(
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
);
const EMPTY_RELS = Buffer.from(
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
);

/** The parts exceljs reads, in the order that keeps it off the disk: relations, workbook, strings, then sheets. */
function partsInOrder(entries: Entry[]): (Entry | { name: string; data: Buffer })[] {
	const byName = new Map(entries.map((e) => [e.name, e]));
	const sheetNo = (e: Entry) => Number((SHEET.exec(e.name) ?? SHEET_RELS.exec(e.name))![1]);
	const sheets = entries.filter((e) => SHEET.test(e.name) || SHEET_RELS.test(e.name));
	// Per sheet, its relations (hyperlinks) before the sheet itself.
	sheets.sort((a, b) => sheetNo(a) - sheetNo(b) || (SHEET_RELS.test(a.name) ? -1 : 1));
	return [
		byName.get('xl/_rels/workbook.xml.rels') ?? { name: 'xl/_rels/workbook.xml.rels', data: EMPTY_RELS },
		...(byName.has('xl/workbook.xml') ? [byName.get('xl/workbook.xml')!] : []),
		byName.get('xl/sharedStrings.xml') ?? { name: 'xl/sharedStrings.xml', data: EMPTY_SHARED_STRINGS },
		...sheets
	];
}

/** CRC-32 (for the parts this module makes up; real parts keep their directory's CRC). */
function crc32(buf: Buffer): number {
	let c = ~0;
	for (let i = 0; i < buf.length; i++) {
		c ^= buf[i];
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

function localHeader(name: string, crc: number, size: number): Buffer {
	const nameBytes = Buffer.from(name, 'utf8');
	const h = Buffer.alloc(30);
	h.writeUInt32LE(0x04034b50, 0);
	h.writeUInt16LE(20, 4); // version needed
	h.writeUInt16LE(0x0800, 6); // UTF-8 names, sizes known up front (no data descriptor)
	h.writeUInt16LE(0, 8); // stored
	h.writeUInt32LE(crc, 14);
	h.writeUInt32LE(size, 18);
	h.writeUInt32LE(size, 22);
	h.writeUInt16LE(nameBytes.length, 26);
	return Buffer.concat([h, nameBytes]);
}

function centralDirectory(written: { name: string; crc: number; size: number; offset: number }[], start: number): Buffer {
	const records = written.map((w) => {
		const nameBytes = Buffer.from(w.name, 'utf8');
		const r = Buffer.alloc(46);
		r.writeUInt32LE(0x02014b50, 0);
		r.writeUInt16LE(20, 4);
		r.writeUInt16LE(20, 6);
		r.writeUInt16LE(0x0800, 8);
		r.writeUInt32LE(w.crc, 16);
		r.writeUInt32LE(w.size, 20);
		r.writeUInt32LE(w.size, 24);
		r.writeUInt16LE(nameBytes.length, 28);
		r.writeUInt32LE(w.offset, 42);
		return Buffer.concat([r, nameBytes]);
	});
	const dir = Buffer.concat(records);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(written.length, 8);
	end.writeUInt16LE(written.length, 10);
	end.writeUInt32LE(dir.length, 12);
	end.writeUInt32LE(start, 16);
	return Buffer.concat([dir, end]);
}

/** One part's bytes, inflated, never more than it declared. */
async function* inflated(src: Source, entry: Entry): AsyncIterable<Buffer> {
	const header = src.read(entry.localOffset, 30);
	if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw BROKEN(`bagian ${entry.name} tidak terbaca`);
	const dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
	if (dataStart + entry.compressedSize > src.length) throw BROKEN(`bagian ${entry.name} terpotong`);
	const raw = src.stream(dataStart, entry.compressedSize);
	let out = 0;
	const over = () =>
		new ReaderError(
			`Berkas XLSX tidak wajar: bagian ${entry.name} lebih besar dari yang tertulis di daftar isinya. Berkas ditolak.`,
			`Suspicious XLSX: part ${entry.name} inflates beyond its declared size. Refused.`
		);
	if (entry.method === 0) {
		for await (const chunk of raw) {
			out += chunk.length;
			if (out > entry.size) throw over();
			yield chunk;
		}
	} else if (entry.method === 8) {
		const inflate = createInflateRaw();
		const feeding = (async () => {
			try {
				for await (const chunk of raw) {
					if (inflate.destroyed) break;
					if (!inflate.write(chunk)) await new Promise((r) => (inflate.once('drain', r), inflate.once('close', r)));
				}
				if (!inflate.destroyed) inflate.end();
			} catch (e) {
				inflate.destroy(e as Error);
			}
		})();
		try {
			for await (const chunk of inflate as AsyncIterable<Buffer>) {
				out += chunk.length;
				if (out > entry.size) throw over();
				yield chunk;
			}
		} catch (e) {
			if (e instanceof ReaderError) throw e;
			throw BROKEN(`bagian ${entry.name} tidak bisa dibuka`);
		} finally {
			// Stopped early (an error, or the reader gave up): no late error may go unheard.
			inflate.on('error', () => {});
			inflate.destroy();
			await feeding;
		}
	} else {
		throw BROKEN(`cara kompresi ${entry.method} tidak dikenal`);
	}
	if (out !== entry.size) throw BROKEN(`bagian ${entry.name} tidak lengkap`);
}

/**
 * The workbook (a path or its bytes) as a bounded ZIP stream exceljs can read without temp
 * files. Throws ReaderError (Indonesian and English) before anything is inflated when the
 * directory is broken or over the limits, and while streaming when a part lies about its size.
 */
export function boundedXlsx(input: string | Buffer, maxUnpacked = xlsxMaxUnpacked()): AsyncIterable<Buffer> {
	const src = typeof input === 'string' ? fileSource(input) : bufferSource(input);
	let parts: ReturnType<typeof partsInOrder>;
	try {
		const entries = readDirectory(src);
		parts = partsInOrder(entries);
		const total = parts.reduce((sum, p) => sum + ('data' in p ? p.data.length : p.size), 0);
		if (total > maxUnpacked) {
			const mb = (n: number) => `${(n / 1024 ** 2).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
			throw new ReaderError(
				`Isi berkas XLSX terlalu besar setelah dibuka: ${mb(total)}, paling banyak ${mb(maxUnpacked)}. Pecah berkasnya, atau ekspor sebagai CSV (CSV dibaca sedikit demi sedikit).`,
				`The XLSX unpacks to ${total} bytes, over the limit of ${maxUnpacked} (XLSX_MAX_UNPACKED). Split it, or export it as CSV.`
			);
		}
		if (!parts.some((p) => SHEET.test(p.name))) throw BROKEN('tidak ada lembar kerja');
	} catch (e) {
		src.close();
		throw e;
	}
	return (async function* () {
		try {
			let offset = 0;
			const written: { name: string; crc: number; size: number; offset: number }[] = [];
			for (const part of parts) {
				const size = 'data' in part ? part.data.length : part.size;
				const crc = 'data' in part ? crc32(part.data) : part.crc;
				const header = localHeader(part.name, crc, size);
				written.push({ name: part.name, crc, size, offset });
				yield header;
				if ('data' in part) yield part.data;
				else yield* inflated(src, part);
				offset += header.length + size;
			}
			yield centralDirectory(written, offset);
		} finally {
			src.close();
		}
	})();
}
