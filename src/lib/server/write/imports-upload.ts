// The /impor upload form, read the same way by the no-JavaScript form action and by the
// streaming endpoint used with JavaScript. Uploads are held in memory, so their size is
// bounded by BODY_SIZE_LIMIT: adapter-node refuses larger bodies (default 512K); this module
// reads the same variable to tell the user the limit in plain words before reading the body.
import type { ImportOptions } from '../ingest/pipeline';
import type { CompanionFile } from '../ingest/companions';
import { explicitDateProblem } from '../ingest/observed-date';
import { keptUpload, mapFromForm } from './imports-preview';

/** adapter-node's default when BODY_SIZE_LIMIT is unset. */
const ADAPTER_DEFAULT = '512K';

/** Bytes as adapter-node reads BODY_SIZE_LIMIT ("512K", "20M", "1G", "Infinity", plain bytes). */
export function uploadLimitBytes(env: Record<string, string | undefined> = process.env): number {
	const value = (env.BODY_SIZE_LIMIT ?? ADAPTER_DEFAULT).trim();
	if (/^infinity$/i.test(value)) return Infinity;
	const m = /^(\d+(?:\.\d+)?)\s*([kmg])?b?$/i.exec(value);
	if (!m) return 512 * 1024;
	const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
	return Math.floor(Number(m[1]) * unit);
}

export function formatBytes(n: number): string {
	if (!Number.isFinite(n)) return 'tanpa batas';
	if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
	return `${Math.round(n / 1024).toLocaleString('id-ID')} KB`;
}

export function tooLargeMessage(limit = uploadLimitBytes()): string {
	return `Berkas terlalu besar. Batas unggah ${formatBytes(limit)}. Pecah berkas menjadi beberapa bagian, atau minta admin server menaikkan BODY_SIZE_LIMIT (misalnya BODY_SIZE_LIMIT=50M).`;
}

/** True when the request declares a body larger than the limit (checked before reading it). */
export function declaredTooLarge(request: Request, limit = uploadLimitBytes()): boolean {
	const length = Number(request.headers.get('content-length'));
	return Number.isFinite(length) && length > limit;
}

/** Longest file name kept with a batch (shown in the history and the summary). */
export const MAX_FILE_NAME = 200;

export interface UploadForm {
	fileName: string;
	bytes: Uint8Array;
	companions: CompanionFile[];
	options: Pick<ImportOptions, 'source' | 'map' | 'observedAt' | 'observedAtSource'>;
	/** The token of an upload kept by a preview, when the files came from there. */
	keptToken: string | null;
}

/** The upload's files and options, or an Indonesian message saying what is missing. */
export async function readUploadForm(request: Request): Promise<{ ok: true; form: UploadForm } | { ok: false; status: number; message: string }> {
	if (declaredTooLarge(request)) return { ok: false, status: 413, message: tooLargeMessage() };
	let data: FormData;
	try {
		data = await request.formData();
	} catch (e) {
		// adapter-node stops reading at BODY_SIZE_LIMIT (when the size was not declared up front).
		if ((e as { status?: number }).status === 413 || /BODY_SIZE_LIMIT|exceeds limit/.test(String(e))) {
			return { ok: false, status: 413, message: tooLargeMessage() };
		}
		return { ok: false, status: 400, message: 'Formulir tidak terbaca. Muat ulang halaman, lalu unggah lagi.' };
	}
	const chosen = data.getAll('berkas').filter((f): f is File => f instanceof File && f.size > 0);
	// After a preview the form carries the kept upload's token instead of the files (imports-preview.ts).
	const kept = chosen.length === 0 ? keptUpload(String(data.get('simpanan') ?? '')) : null;
	if (chosen.length === 0 && data.get('simpanan') && !kept) return { ok: false, status: 422, message: 'Berkas dari pratinjau sudah tidak disimpan (lebih dari satu jam). Pilih berkasnya lagi.' };
	const files = kept ? kept.map((f) => ({ name: f.fileName, size: f.bytes.length, bytes: f.bytes })) : chosen;
	if (files.length === 0) return { ok: false, status: 422, message: 'Pilih berkas CSV, JSON atau XLSX dulu.' };
	const mapped = mapFromForm(data);
	if (mapped.problem) return { ok: false, status: 422, message: mapped.problem };
	const long = files.find((f) => f.name.length > MAX_FILE_NAME);
	if (long) return { ok: false, status: 422, message: `Nama berkas terlalu panjang (${long.name.length} huruf; paling banyak ${MAX_FILE_NAME}). Ganti namanya, lalu unggah lagi.` };
	const bad = files.find((f) => !/\.(csv|tsv|txt|json|jsonl|ndjson|xlsx)$/i.test(f.name));
	if (bad) return { ok: false, status: 422, message: `Jenis berkas "${bad.name}" tidak didukung. Pakai CSV, JSON, JSON Lines atau XLSX.` };
	// The form's date is required (pre-filled with today, or with a date the file's name suggests,
	// for the user to check): it dates the rows whose content states no date of its own.
	const observedAt = String(data.get('tanggal') ?? '').trim();
	if (!observedAt) return { ok: false, status: 422, message: 'Isi tanggal data diambil dari marketplace, misalnya 2025-04-26.' };
	const dateProblem = explicitDateProblem(observedAt, new Date().toISOString().slice(0, 10));
	if (dateProblem) return { ok: false, status: 422, message: dateProblem };
	const loaded = await Promise.all(files.map(async (f) => ({ fileName: f.name, bytes: f instanceof File ? new Uint8Array(await f.arrayBuffer()) : f.bytes })));
	// With several files, the first is the main file; the others are companions (shops.csv, variants.csv…).
	const [main, ...companions] = loaded;
	return {
		ok: true,
		form: {
			fileName: main.fileName,
			bytes: main.bytes,
			companions,
			keptToken: kept ? String(data.get('simpanan')) : null,
			options: {
				source: String(data.get('bentuk') ?? 'auto') || 'auto',
				map: mapped.map ?? (String(data.get('peta') ?? '').trim() || undefined),
				observedAt,
				observedAtSource: 'form'
			}
		}
	};
}

/**
 * A message from the import as the web form should say it: the command line's flags
 * (`--map`, `--observed-at`, `--source`) become the form's own fields.
 */
export function forTheForm(message: string): string {
	return message
		.replace(/petakan kolom sendiri: --map "[^"]*"/g, 'tekan "Lihat dulu" lalu pilih arti setiap kolom')
		.replace(/--map "[^"]*"/g, 'tekan "Lihat dulu" lalu pilih arti setiap kolom')
		.replace(/--observed-at\s+\S+/g, 'kolom tanggal di formulir')
		.replace(/--source\b/g, 'pilihan "Bentuk sumber"');
}
