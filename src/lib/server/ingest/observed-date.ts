// The day an import's data was observed on the marketplace. Every price and sold counter is
// dated by it, and pages call data older than 4 weeks "data sudah lama", so a wrong date makes
// an April scrape look current (issue 11: the sambal file was shown "per 30 November 2026"
// because the file's modification time was taken). Where the date comes from, in order:
//   1. the content: a date column (observed_at), a `search_id=YYYYMMDD…` in listing URLs
//      (Tokopedia stamps every search with the time it ran), for review files the newest
//      review date, for Shopee's shops.csv companion the shops' last activity (a shop's
//      `last_active_time` can only be before the moment it was scraped: in the real file all
//      364 fall on 25 November 2025);
//   2. the date the user gave (--observed-at on the CLI, the date field on /impor), or for a
//      feed (issue 18) the day it was pulled: what a URL serves is what the source shows now;
//   3. nothing: the import is refused with a message naming --observed-at.
// A date in the file name is never applied: it is only suggested for the user to confirm. The
// file's modification time is never used (a copy or a download changes it).
import { DATE_SOURCE_LABEL, dateInFileName, isDay, type DateSource } from '$lib/import-dates';
import type { CompanionKind, Shape } from './shapes';
import { recordMapper, resolveShape } from './shapes';
import { parseDay } from './normalise';
import { readCsv } from './readers/csv';
import { readJson, readJsonLines } from './readers/json';
import type { ByteChunks, TableSink } from './readers/types';
import type { Field } from './fields';

export type { DateSource } from '$lib/import-dates';
export { DATE_SOURCE_LABEL, dateInFileName, isDay } from '$lib/import-dates';

/** Whether the source is the data itself (not a date someone typed). */
export function fromContent(source: DateSource): boolean {
	return source !== 'cli' && source !== 'form' && source !== 'feed';
}

const DAY_MS = 86_400_000;

/**
 * A date found in the content is only believed when it could be an observation: from 2000 on,
 * and not after tomorrow (a scrape cannot be from the future; one day of slack covers time zones).
 */
export function plausible(day: string | null, today: string): day is string {
	return day !== null && isDay(day) && day >= '2000-01-01' && Date.parse(day) <= Date.parse(today) + DAY_MS;
}

// search_id=20250426031249694C84F11642B92552A1 (also URL-encoded inside extParam: search_id%3D2025…).
const SEARCH_ID = /search_id(?:=|%3D)(20\d{2})(\d{2})(\d{2})/i;

/** The day a Tokopedia search ran, from a listing URL's search_id; null when there is none. */
export function dateFromSearchId(url: string | null | undefined, today: string): string | null {
	if (!url) return null;
	const m = SEARCH_ID.exec(url);
	if (!m) return null;
	const day = `${m[1]}-${m[2]}-${m[3]}`;
	return plausible(day, today) ? day : null;
}

/** The Indonesian (WIB, UTC+7) calendar day of a Unix time in seconds. */
export function wibDayOfUnix(seconds: number): string | null {
	if (!Number.isFinite(seconds) || seconds <= 0) return null;
	return new Date(seconds * 1000 + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** What the content of a file says about its date (a bounded look at its first rows). */
export interface ContentDate {
	day: string;
	source: Extract<DateSource, 'column' | 'search-id' | 'reviews'>;
	/** Rows looked at, and how many of them carried this source's date. */
	rows: number;
	dated: number;
}

/** Rows read to find a content date: enough to see it, bounded so a million-row file is not read twice. */
export const SCAN_ROWS = 20_000;

/** Tallies the dates rows carry while the first rows are read. */
export class DateTally {
	private listingDays = new Map<string, { n: number; source: 'column' | 'search-id' }>();
	private latestReview: string | null = null;
	private reviewDated = 0;
	rows = 0;

	constructor(private today: string) {}

	/** One mapped record of the main table. */
	add(rec: Partial<Record<Field, string>>, kind: 'listings' | 'reviews'): void {
		this.rows++;
		const column = rec.observed_at ? parseDay(rec.observed_at) : null;
		const url = kind === 'listings' ? rec.url : rec.listing_url;
		let day: string | null = null;
		let source: 'column' | 'search-id' = 'column';
		if (plausible(column, this.today)) day = column;
		else if ((day = dateFromSearchId(url, this.today))) source = 'search-id';
		if (day) {
			const t = this.listingDays.get(day);
			if (t) t.n++;
			else this.listingDays.set(day, { n: 1, source });
		}
		if (kind === 'reviews' && rec.reviewed_at) {
			const reviewed = parseDay(rec.reviewed_at);
			if (plausible(reviewed, this.today)) {
				this.reviewDated++;
				if (this.latestReview === null || reviewed > this.latestReview) this.latestReview = reviewed;
			}
		}
	}

	/**
	 * The file's date: the day most dated rows carry (ties: the later day); for a review file
	 * without such dates, the newest review (the data is at least that recent, and no newer).
	 */
	decide(): ContentDate | null {
		let best: { day: string; n: number; source: 'column' | 'search-id' } | null = null;
		let dated = 0;
		for (const [day, t] of this.listingDays) {
			dated += t.n;
			if (!best || t.n > best.n || (t.n === best.n && day > best.day)) best = { day, ...t };
		}
		if (best) return { day: best.day, source: best.source, rows: this.rows, dated };
		if (this.latestReview) return { day: this.latestReview, source: 'reviews', rows: this.rows, dated: this.reviewDated };
		return null;
	}
}

class StopScan {}

/**
 * Reads at most SCAN_ROWS rows of the main table and tallies their dates. Problems with the
 * file (unknown shape, unreadable bytes) are left to the real pass, which reports them: the
 * scan then answers null.
 */
export async function scanContentDate(
	read: { chunks: () => ByteChunks; xlsx: () => string | Buffer },
	format: 'csv' | 'json' | 'jsonl' | 'xlsx',
	shapeOpts: { source?: string; map?: Partial<Record<Field, string>> },
	today: string
): Promise<ContentDate | null> {
	const tally = new DateTally(today);
	let mapRow: ((values: string[]) => Partial<Record<Field, string>>) | null = null;
	let kind: 'listings' | 'reviews' = 'listings';
	const sink: TableSink = {
		header(columns) {
			let shape: Shape;
			try {
				shape = resolveShape(columns, shapeOpts);
			} catch {
				throw new StopScan();
			}
			if (shape.kind === 'companion') throw new StopScan();
			kind = shape.kind === 'reviews' ? 'reviews' : 'listings';
			mapRow = recordMapper(shape, columns);
		},
		row(values) {
			tally.add(mapRow!(values), kind);
			if (tally.rows >= SCAN_ROWS) throw new StopScan();
		}
	};
	try {
		if (format === 'csv') await readCsv(read.chunks(), sink, { name: 'scan', format });
		else if (format === 'json') await readJson(read.chunks(), sink, { name: 'scan', format });
		else if (format === 'jsonl') await readJsonLines(read.chunks(), sink, { name: 'scan', format });
		else {
			let taken = false;
			// Loaded when needed: the import's staging threads use this module's date helpers, not exceljs.
			const { readXlsx } = await import('./readers/xlsx');
			await readXlsx(read.xlsx(), {
				sheet(columns) {
					if (taken) return null;
					try {
						const shape = resolveShape(columns, shapeOpts);
						if (shape.kind === 'companion') return null;
					} catch {
						return null;
					}
					taken = true;
					return sink;
				}
			});
		}
	} catch (e) {
		if (!(e instanceof StopScan)) return null;
	}
	return tally.decide();
}

/**
 * The day Shopee's shops.csv companion was scraped: the newest `last_active_time` of its shops
 * (WIB). Null without that companion or column.
 */
export function dateFromCompanions(tables: Map<CompanionKind, Record<string, string>[]>, today: string): string | null {
	const shops = tables.get('shopee-shops');
	if (!shops?.length) return null;
	let latest = 0;
	for (const s of shops) {
		const t = Number(s.last_active_time);
		if (Number.isFinite(t) && t > latest) latest = t;
	}
	const day = wibDayOfUnix(latest);
	return plausible(day, today) ? day : null;
}

/** The import has no date: the message names --observed-at (and a date the file name suggests). */
export class MissingDateError extends Error {
	constructor(
		readonly messageId: string,
		readonly messageEn: string,
		readonly suggestion: string | null
	) {
		super(messageEn);
		this.name = 'MissingDateError';
	}
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const sayDay = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const sayMonth = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

export function missingDate(fileName: string): MissingDateError {
	const hint = dateInFileName(fileName);
	const base =
		'Isi berkas tidak menyebut tanggal data diambil. Sebutkan tanggalnya dengan --observed-at TTTT-BB-HH (hari data diambil dari marketplace).';
	const baseEn = 'The file does not say when its data was observed. Give the day with --observed-at YYYY-MM-DD.';
	if (hint?.day) {
		return new MissingDateError(
			`${base} Nama berkas menyebut ${sayDay(hint.day)}: jika benar, jalankan lagi dengan --observed-at ${hint.day}.`,
			`${baseEn} The file name suggests ${hint.day}: if that is right, run again with --observed-at ${hint.day}.`,
			hint.day
		);
	}
	if (hint) {
		return new MissingDateError(
			`${base} Nama berkas menyebut ${sayMonth(hint.month)}: sebutkan harinya, misalnya --observed-at ${hint.month}-01.`,
			`${baseEn} The file name suggests ${hint.month}: give the day, e.g. --observed-at ${hint.month}-01.`,
			null
		);
	}
	return new MissingDateError(base, baseEn, null);
}

/** Checks a date the user gave; returns an Indonesian problem or null. */
export function explicitDateProblem(value: string, today: string): string | null {
	if (!isDay(value)) return `Tanggal "${value}" harus berbentuk TTTT-BB-HH, misalnya 2025-04-26.`;
	if (value < '2000-01-01') return `Tanggal ${value} terlalu lama. Tulis hari data diambil dari marketplace.`;
	if (Date.parse(value) > Date.parse(today) + DAY_MS) return `Tanggal ${value} belum terjadi. Tulis hari data diambil dari marketplace.`;
	return null;
}

export interface BatchDate {
	day: string;
	source: DateSource;
	/** Sentences for the batch summary: which date, from where, what was not used. */
	notes: { id: string; en: string }[];
}

/**
 * The batch's date (used by every row that carries none of its own): the content's, else the
 * shops companion's, else the user's; throws MissingDateError when there is none.
 */
export function decideBatchDate(input: {
	fileName: string;
	content: ContentDate | null;
	companionDay: string | null;
	explicit?: { day: string; source: 'cli' | 'form' | 'feed' };
}): BatchDate {
	const { content, companionDay, explicit } = input;
	let chosen: { day: string; source: DateSource } | null = null;
	if (content) chosen = { day: content.day, source: content.source };
	else if (companionDay) chosen = { day: companionDay, source: 'shop-activity' };
	else if (explicit) chosen = explicit;
	if (!chosen) throw missingDate(input.fileName);
	const notes: BatchDate['notes'] = [];
	const where = DATE_SOURCE_LABEL[chosen.source];
	notes.push({ id: `Tanggal data ${sayDay(chosen.day)}, dari ${where}.`, en: `Data date ${chosen.day}, from ${chosen.source}.` });
	if (explicit && fromContent(chosen.source) && explicit.day !== chosen.day) {
		const given = { cli: '--observed-at', form: 'formulir', feed: 'waktu tarik sumber' }[explicit.source];
		notes.push({
			id: `Tanggal ${sayDay(explicit.day)} dari ${given} tidak dipakai: isi berkas menyebut tanggalnya sendiri.`,
			en: `The date ${explicit.day} given by ${explicit.source} was not used: the file states its own date.`
		});
	}
	return { day: chosen.day, source: chosen.source, notes };
}
