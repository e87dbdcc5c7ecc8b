// A look at an upload before it is loaded (/impor "Lihat dulu", issue 13): the same readers,
// shape rules and normaliser as the import, over the first rows only, writing nothing. It says
// which column is read as which field, how the first rows were understood ("1rb+" → at least
// 1.000 sold, "Rp14,9jt" → Rp14.900.000, the pack size) and which date the rows will carry.
import { formatPackSize } from '$lib/analysis/units';
import { formatRupiah } from '$lib/format';
import { ALL_FIELDS, type Field } from './fields';
import { normaliseListing, normaliseReview, type NormaliseContext, type NormalListing } from './normalise';
import { dateFromSearchId, decideBatchDate, MissingDateError, scanContentDate } from './observed-date';
import { formatOf } from './pipeline';
import { readCsv } from './readers/csv';
import { ReaderError, readJson, readJsonLines } from './readers/json';
import type { TableSink } from './readers/types';
import { readXlsx } from './readers/xlsx';
import { norm, parseColumnMap, recordMapper, resolveShape, ShapeError, type Shape } from './shapes';

/** Indonesian names of the fields, for the mapping form's choices. */
export const FIELD_LABELS: Record<Field, string> = {
	marketplace: 'Marketplace',
	listing_id: 'Nomor produk',
	url: 'Alamat (URL) produk',
	title: 'Nama produk',
	price: 'Harga',
	price_max: 'Harga tertinggi',
	price_original: 'Harga sebelum diskon',
	sold: 'Terjual',
	sold_period: 'Masa hitung terjual',
	rating: 'Rating bintang',
	review_count: 'Jumlah ulasan',
	stars_1: 'Jumlah bintang 1',
	stars_2: 'Jumlah bintang 2',
	stars_3: 'Jumlah bintang 3',
	stars_4: 'Jumlah bintang 4',
	stars_5: 'Jumlah bintang 5',
	shop_id: 'Nomor toko',
	shop_name: 'Nama toko',
	shop_rating: 'Rating toko',
	location: 'Lokasi',
	category: 'Kategori',
	observed_at: 'Tanggal data',
	listing_url: 'Alamat (URL) produk yang diulas',
	listing_title: 'Nama produk yang diulas',
	review_id: 'Nomor ulasan',
	reviewed_at: 'Tanggal ulasan',
	stars: 'Bintang ulasan',
	text: 'Isi ulasan',
	reviewer: 'Nama pengulas',
	// A co-op's sales book (issue 14).
	product_id: 'Nomor produk di Despro',
	week_start: 'Minggu (tanggal Senin)',
	units: 'Jumlah terjual seminggu'
};

export const FIELD_CHOICES: { value: Field; label: string }[] = ALL_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }));

export interface PreviewColumn {
	header: string;
	/** The field this column is read as, or null when it is not used. */
	field: Field | null;
}

export interface PreviewRow {
	line: number;
	title: string;
	/** "Rp14,9jt → Rp14.900.000" */
	price: string;
	/** "1rb+ → paling sedikit 1.000 terjual" */
	sold: string;
	pack: string;
	/** Why the import would refuse this row, in words; empty when it would be loaded. */
	problems: string[];
}

export interface ImportPreview {
	fileName: string;
	shape: { id: string; label: string } | null;
	kind: 'listings' | 'reviews' | 'sales' | null;
	columns: PreviewColumn[];
	rows: PreviewRow[];
	/** The date the rows without one of their own get, and where it came from. */
	date: { day: string; note: string } | null;
	/** A file-level problem: nothing could be read as it stands (map the columns, choose the shape). */
	problem: string | null;
}

class Enough {}

const nf = new Intl.NumberFormat('id-ID');

function soldText(raw: string | undefined, l: NormalListing): string {
	const shown = (raw ?? '').trim();
	if (!shown) return '-';
	if (l.soldMonthly !== null) return `${shown} → ${nf.format(l.soldMonthly)} terjual sebulan`;
	if (l.sold === null) return shown;
	return `${shown} → ${l.soldLowerBound ? 'paling sedikit ' : ''}${nf.format(l.sold)} terjual`;
}

/**
 * Reads the first `limit` rows of an upload as the import would. `map` is the form's column map
 * ("kolom=field,…"); `observedAt` the form's date. Never writes and never throws for a bad file:
 * the problem comes back in words.
 */
export async function previewImport(
	input: { fileName: string; bytes: Uint8Array },
	opts: { source?: string; map?: string; observedAt?: string; today?: string; limit?: number } = {}
): Promise<ImportPreview> {
	const today = opts.today ?? new Date().toISOString().slice(0, 10);
	const limit = opts.limit ?? 8;
	const out: ImportPreview = { fileName: input.fileName, shape: null, kind: null, columns: [], rows: [], date: null, problem: null };
	let map: Partial<Record<Field, string>> | undefined;
	try {
		map = opts.map ? parseColumnMap(opts.map) : undefined;
	} catch (e) {
		out.problem = (e as ShapeError).messageId;
		return out;
	}
	const format = formatOf(input.fileName, input.bytes.subarray(0, 4096));
	const chunks = async function* () {
		yield input.bytes;
	};
	let shape: Shape | undefined;
	let ctx: NormaliseContext | undefined;
	let mapRow: ReturnType<typeof recordMapper> | undefined;
	let width = 0;
	const sink: TableSink = {
		header(columns) {
			out.columns = columns.map((header) => ({ header, field: null }));
			try {
				shape = resolveShape(columns, { source: opts.source, map });
			} catch (e) {
				if (e instanceof ShapeError) {
					out.problem = e.messageId.replace(/--map "[^"]*"/, 'pilih arti setiap kolom di bawah');
					throw new Enough();
				}
				throw e;
			}
			if (shape.kind === 'companion') {
				out.problem = `Berkas ini adalah berkas pendamping (${shape.label}). Pilih berkas utamanya lebih dulu, lalu berkas ini.`;
				throw new Enough();
			}
			out.shape = { id: shape.id, label: shape.label };
			out.kind = shape.kind;
			for (const [field, column] of Object.entries(shape.columns)) {
				const c = out.columns.find((x) => column && norm(x.header) === norm(column) && x.field === null);
				if (c) c.field = field as Field;
			}
			width = columns.length;
			mapRow = recordMapper(shape, columns);
			ctx = { shape, columnOf: (f) => shape!.columns[f] ?? f, fileName: input.fileName };
		},
		row(values, line) {
			const problems: string[] = [];
			if (values.length !== width && format !== 'json' && format !== 'jsonl') problems.push(`Jumlah kolom ${values.length}, seharusnya ${width}.`);
			const rec = mapRow!(values);
			if (shape!.kind === 'sales') {
				// A sales book (ingest/sales.ts checks it on import): each row as the co-op will read it.
				out.rows.push({ line, title: `Produk ${(rec.product_id ?? '').trim() || '-'}`, price: '-', sold: `${(rec.units ?? '').trim() || '-'} terjual, minggu ${(rec.week_start ?? '').trim() || '-'}`, pack: '-', problems });
				if (out.rows.length >= limit) throw new Enough();
				return;
			}
			const n = shape!.kind === 'reviews' ? normaliseReview(rec, ctx!) : normaliseListing(rec, ctx!);
			if (!n.ok) problems.push(...n.problems.map((p) => `${p.reasonId}${p.column ? ` (kolom ${p.column})` : ''}.`));
			const listing = n.ok ? ('listing' in n.value ? n.value.listing : n.value) : null;
			const priceRaw = (rec.price ?? '').trim();
			out.rows.push({
				line,
				title: (listing?.title || rec.title || rec.listing_title || rec.text || '').slice(0, 120),
				price: listing && listing.price > 0 ? `${priceRaw || '-'} → ${formatRupiah(listing.price)}${listing.priceMax ? `–${formatRupiah(listing.priceMax)}` : ''}` : priceRaw || '-',
				sold: listing ? soldText(rec.sold, listing) : (rec.sold ?? '-'),
				pack: listing?.pack ? formatPackSize(listing.pack) : listing?.packStatus === 'conflict' ? 'dua ukuran yang berbeda' : 'tanpa ukuran',
				problems
			});
			if (listing) listing.observedAt ??= dateFromSearchId(listing.url, today);
			if (out.rows.length >= limit) throw new Enough();
		}
	};
	try {
		if (format === 'csv') await readCsv(chunks(), sink, { name: input.fileName, format });
		else if (format === 'json') await readJson(chunks(), sink, { name: input.fileName, format });
		else if (format === 'jsonl') await readJsonLines(chunks(), sink, { name: input.fileName, format });
		else {
			let taken = false;
			await readXlsx(Buffer.from(input.bytes), {
				sheet: (columns) => {
					if (taken) return null;
					try {
						if (resolveShape(columns, { source: opts.source, map }).kind === 'companion') return null;
					} catch {
						// The first sheet is the one to explain when no sheet is recognised.
					}
					taken = true;
					return sink;
				}
			});
		}
	} catch (e) {
		if (e instanceof ReaderError) out.problem = e.messageId;
		else if (!(e instanceof Enough)) out.problem = 'Berkas tidak terbaca. Periksa bahwa isinya CSV, JSON atau XLSX yang utuh.';
	}
	if (!out.problem && out.columns.length === 0) out.problem = 'Berkas kosong: tidak ada baris judul kolom.';
	// A sales book dates itself by its weeks: no batch date to decide.
	if (!out.problem && shape && shape.kind !== 'sales') {
		const content = await scanContentDate({ chunks, xlsx: () => Buffer.from(input.bytes) }, format, { source: opts.source, map }, today);
		try {
			const date = decideBatchDate({
				fileName: input.fileName,
				content,
				companionDay: null,
				explicit: opts.observedAt ? { day: opts.observedAt, source: 'form' } : undefined
			});
			out.date = { day: date.day, note: date.notes.map((n) => n.id).join(' ') };
		} catch (e) {
			if (e instanceof MissingDateError) out.problem = e.messageId;
			else throw e;
		}
	}
	return out;
}
