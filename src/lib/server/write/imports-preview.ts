// The /impor preview's two helpers: an upload kept for an hour between "Lihat dulu" and
// "Impor" (so the load reads exactly the file that was previewed, and a phone without
// JavaScript need not pick the file again), and the column choices of the mapping form.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FIELDS, type Field } from '../ingest/fields';
import { FIELD_LABELS } from '../ingest/preview';

const KEEP_MS = 60 * 60_000;
const TOKEN = /^[0-9a-f]{32}$/;

function root(): string {
	return join(process.env.PREVIEW_DIR ?? tmpdir(), 'despro-pratinjau');
}

export interface KeptFile {
	fileName: string;
	bytes: Uint8Array;
}

/** Drops uploads kept longer than an hour (nobody came back to load them). */
function sweep(now = Date.now()): void {
	let entries: string[] = [];
	try {
		entries = readdirSync(root());
	} catch {
		return;
	}
	for (const e of entries) {
		try {
			if (now - statSync(join(root(), e)).mtimeMs > KEEP_MS) rmSync(join(root(), e), { recursive: true, force: true });
		} catch {
			// Gone already (another request swept it).
		}
	}
}

/** Keeps an upload's files; returns the token the form carries to load them later. */
export function keepUpload(files: KeptFile[]): string {
	sweep();
	const token = randomBytes(16).toString('hex');
	const dir = join(root(), token);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	files.forEach((f, i) => writeFileSync(join(dir, String(i)), f.bytes, { mode: 0o600 }));
	writeFileSync(join(dir, 'names.json'), JSON.stringify(files.map((f) => f.fileName)), { mode: 0o600 });
	return token;
}

/** The kept files for a token, or null when it is unknown, malformed or expired. */
export function keptUpload(token: string): KeptFile[] | null {
	if (!TOKEN.test(token)) return null;
	const dir = join(root(), token);
	try {
		if (Date.now() - statSync(dir).mtimeMs > KEEP_MS) return null;
		const names = JSON.parse(readFileSync(join(dir, 'names.json'), 'utf8')) as string[];
		return names.map((fileName, i) => ({ fileName, bytes: new Uint8Array(readFileSync(join(dir, String(i)))) }));
	} catch {
		return null;
	}
}

/** Forgets a kept upload once it was loaded. */
export function dropUpload(token: string): void {
	if (TOKEN.test(token)) rmSync(join(root(), token), { recursive: true, force: true });
}

/**
 * The mapping form's choices as the import's column map ("kolom=field,…"): one select per
 * column of the file (`kolom_<i>` with the column's name in `nama_<i>`). Undefined when the
 * form had no mapping; a problem in words when two columns were given the same meaning.
 */
export function mapFromForm(data: FormData): { map?: string; problem?: string } {
	const chosen = new Map<Field, string>();
	for (let i = 0; i < 500; i++) {
		const name = data.get(`nama_${i}`);
		if (typeof name !== 'string') break;
		const field = String(data.get(`kolom_${i}`) ?? '') as Field;
		if (!field) continue;
		if (!ALL_FIELDS.includes(field)) return { problem: `Arti kolom "${name}" tidak dikenal. Pilih dari daftar.` };
		const other = chosen.get(field);
		if (other !== undefined) return { problem: `Kolom "${other}" dan "${name}" sama-sama dipilih sebagai ${FIELD_LABELS[field]}. Pilih satu saja.` };
		if (/,/.test(name)) return { problem: `Nama kolom "${name}" memuat koma. Ganti nama kolom itu di berkasnya, lalu unggah lagi.` };
		chosen.set(field, name);
	}
	if (chosen.size === 0) return {};
	return { map: [...chosen].map(([field, column]) => `${column}=${field}`).join(',') };
}
