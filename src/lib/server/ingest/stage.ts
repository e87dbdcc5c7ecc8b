// Staging: the first half of an import, done without touching the main database. Every row of
// the file is mapped, validated and normalised here (through the pure analysis core) and written
// to a temporary SQLite file of its own, one per thread that reads (stage-worker.ts for large
// CSV files, the importing thread itself otherwise). Only then does merge.ts take the main
// file's write lock, once and briefly, to fold the staged rows in. A row that cannot be read is
// staged as a rejection with its line, column and reasons, as before.
import type { StageWriter } from '../db/staging-file';
import { CategoryResolver } from './category-rules';
import { Companions, type Table } from './companions';
import type { Field, RowProblem } from './fields';
import { clip, MAX_RAW_ROW_CHARS, MAX_REASON_CHARS } from './limits';
import { LocationResolver } from './locations';
import { normaliseListing, normaliseReview, type NormaliseContext, type NormalListing } from './normalise';
import { dateFromSearchId } from './observed-date';
import { toCsvLine } from './readers/csv';
import { recordMapper, resolveShape, type CompanionKind, type Shape } from './shapes';
import { basename } from 'node:path';

// The staging file itself (its tables, its connection, its batched inserts) is db-layer: db/staging-file.ts.
export { StageWriter } from '../db/staging-file';

/** What a staging thread needs to know about the file, decided by the importing thread at its header. */
export interface StageConfig {
	fileName: string;
	/** json and jsonl rows may have any number of values; csv and xlsx rows must match the header. */
	format: 'csv' | 'json' | 'jsonl' | 'xlsx';
	source?: string;
	map?: Partial<Record<Field, string>>;
	columns: string[];
	/** The batch's date, for rows without one of their own. */
	batchDay: string;
	today: string;
	companions: [CompanionKind, Table][];
	/** Keep each row's text for rejections found later (the fast CSV path finds it again instead). */
	keepRaw: boolean;
}

/** What a staging thread counted, returned to the importing thread. */
export interface StageCounts {
	rows: number;
	rejectedRows: number;
	ownDates: number;
	unmappedCategories: [string, number][];
	unknownLocations: [string, number][];
	/** Listing files: the first row of each marketplace [id, name, seq] and shop [marketplace, key, name, region, rating, seq]. */
	marketplaces: [string, string, number][];
	shops: [string, string, string, string | null, number | null, number][];
	/** Listing files: the first row of each category slug [slug, seq] (categories are created in that order). */
	categories: [string, number][];
}

/**
 * Maps, validates and normalises rows and stages them: the per-row half of what pipeline.ts
 * used to do inside its transaction, unchanged in what it accepts and refuses.
 */
export class RowStager {
	rows = 0;
	rejectedRows = 0;
	ownDates = 0;
	readonly categories = new CategoryResolver();
	readonly locations = new LocationResolver();
	readonly shape: Shape;
	private mapRow: (values: string[]) => ReturnType<ReturnType<typeof recordMapper>>;
	private companions = new Companions();
	private ctx: NormaliseContext;
	private headerLength: number;
	private listingsShape: boolean;

	constructor(
		private cfg: StageConfig,
		private out: StageWriter,
		/** Added to every row's line to make its seq (parts of one file read by several threads). */
		private seqBase = 0
	) {
		this.shape = resolveShape(cfg.columns, { source: cfg.source, map: cfg.map });
		for (const [kind, rows] of cfg.companions) this.companions.add(kind, rows);
		this.mapRow = recordMapper(this.shape, cfg.columns);
		const shape = this.shape;
		this.ctx = { shape, columnOf: (field: Field) => shape.columns[field] ?? field, fileName: basename(cfg.fileName) };
		this.headerLength = cfg.columns.length;
		this.listingsShape = shape.kind === 'listings';
		out.columns(this.listingsShape ? 'listings' : 'reviews', cfg.keepRaw);
	}

	private marketplaces = new Map<string, [string, string, number]>();
	private shops = new Map<string, [string, string, string, string | null, number | null, number]>();
	private firstOfCategory = new Map<string, number>();

	counts(): StageCounts {
		return {
			rows: this.rows,
			rejectedRows: this.rejectedRows,
			ownDates: this.ownDates,
			unmappedCategories: [...this.categories.unmapped],
			unknownLocations: [...this.locations.unknown],
			marketplaces: [...this.marketplaces.values()],
			shops: [...this.shops.values()],
			categories: [...this.firstOfCategory]
		};
	}

	private refuse(line: number, problems: RowProblem[], values: string[]): void {
		this.rejectedRows++;
		const raw = clip(toCsvLine(values), MAX_RAW_ROW_CHARS);
		for (const p of problems) this.out.rejection(this.seqBase + line, line, p.column, clip(p.reasonId, MAX_REASON_CHARS), clip(p.reasonEn, MAX_REASON_CHARS), raw);
	}

	row(values: string[], line: number): void {
		this.rows++;
		const cfg = this.cfg;
		if (values.length !== this.headerLength && !(cfg.format === 'json' || cfg.format === 'jsonl')) {
			this.refuse(line, [{ column: null, reasonId: `Jumlah kolom ${values.length}, seharusnya ${this.headerLength}`, reasonEn: `${values.length} columns, expected ${this.headerLength}` }], values);
			return;
		}
		const rec = this.mapRow(values);
		this.companions.apply(this.shape, rec);
		const raw = cfg.keepRaw ? clip(toCsvLine(values), MAX_RAW_ROW_CHARS) : null;
		if (this.listingsShape) {
			const n = normaliseListing(rec, this.ctx);
			if (!n.ok) return this.refuse(line, n.problems, values);
			// A row's own date (a date column, else its URL's search_id) beats the batch's.
			n.value.observedAt ??= dateFromSearchId(n.value.url, cfg.today);
			if (n.value.observedAt && n.value.observedAt !== cfg.batchDay) this.ownDates++;
			const staged = this.listingValues(line, n.value, true);
			if (raw !== null) staged.push(raw);
			this.out.add(staged);
			// The first row of a marketplace and of a shop names them (merge.ts upserts them from it).
			const l = n.value;
			if (!this.marketplaces.has(l.marketplace.id)) this.marketplaces.set(l.marketplace.id, [l.marketplace.id, l.marketplace.name, this.seqBase + line]);
			const cat = staged[5] as string | null;
			if (cat !== null && !this.firstOfCategory.has(cat)) this.firstOfCategory.set(cat, this.seqBase + line);
			if (l.shop) {
				const k = `${l.marketplace.id}\u0000${l.shop.externalId}`;
				if (!this.shops.has(k)) this.shops.set(k, [l.marketplace.id, l.shop.externalId, l.shop.name, staged[8] as string | null, l.shop.rating, this.seqBase + line]);
			}
		} else {
			const n = normaliseReview(rec, this.ctx);
			if (!n.ok) return this.refuse(line, n.problems, values);
			const r = n.value;
			r.listing.observedAt ??= dateFromSearchId(r.listing.url, cfg.today);
			// A review row's listing is counted in the unmapped tallies once per listing (resolve.ts), not per row.
			const l = r.listing;
			const staged = this.listingValues(line, l, false);
			staged.push(l.marketplace.name, l.shop?.name ?? null, l.shop?.rating ?? null, r.listingObserved ? 1 : 0, r.key, r.reviewedAt, r.stars, r.text);
			if (raw !== null) staged.push(raw);
			this.out.add(staged);
		}
	}

	/** A listing's values in LISTING_COLUMNS order. */
	private listingValues(line: number, l: NormalListing, count: boolean): unknown[] {
		const region = this.locations.resolve(l.location, count);
		const cat = this.categories.resolve(l.category, l.title, count);
		return [
			this.seqBase + line,
			l.marketplace.id,
			l.key,
			l.url,
			l.title,
			cat,
			cat === null ? l.category : null,
			region === null ? l.location : null,
			region,
			l.shop?.externalId ?? null,
			l.price,
			l.priceMax,
			l.sold,
			l.soldLowerBound ? 1 : 0,
			l.soldMonthly,
			l.rating,
			l.reviewCount,
			l.starCounts ? JSON.stringify(l.starCounts) : null,
			l.pack?.quantity ?? 1,
			l.pack?.unit ?? 'pcs',
			l.pack?.family ?? 'count',
			l.packStatus,
			l.observedAt ?? this.cfg.batchDay
		];
	}
}
