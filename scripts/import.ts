// `npm run import -- <file|folder> [--source <shape>] [--map col=field,...] [--observed-at YYYY-MM-DD]`
// Imports marketplace data into the database at DATABASE_URL (migrated first; regions loaded
// when missing; never seeded with demo data). A progress bar goes to stderr on a terminal,
// progress lines otherwise. The last line of stdout is the JSON summary of the (last) batch.
// Exit 0 when the batch loaded (rejected rows included), 1 when nothing could be loaded.
// The data's date comes from the file's content (a date column, search_id in listing URLs…);
// where the content has none, --observed-at is required: a date in the file name is printed as
// a suggestion to confirm, never applied (src/lib/server/ingest/observed-date.ts).
import { setPriority } from 'node:os';
import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase, type Db } from '../src/lib/server/db';
import { isPostgresUrl, migratePostgres, openPostgres } from '../src/lib/server/db/postgres';
import { closeDatabase } from '../src/lib/server/db/connection';
import { explicitDateProblem } from '../src/lib/server/ingest/observed-date';
import { importPath, type ImportProgress, type ImportSummary } from '../src/lib/server/write/imports';
import { shapeChoices } from '../src/lib/server/read/imports';

const USAGE = `Pemakaian / usage:
  npm run import -- <berkas atau folder> [--source <bentuk>] [--map kolom=field,...] [--observed-at YYYY-MM-DD]
--observed-at: hari data diambil dari marketplace; wajib bila isi berkas tidak menyebut tanggalnya.
Bentuk sumber / source shapes: auto, ${shapeChoices().map((s) => s.id).join(', ')}`;

function fail(id: string, en: string): never {
	process.stderr.write(`${id}\n${en}\n`);
	console.log(JSON.stringify({ batch: null, rows: 0, inserted: 0, updated: 0, duplicates: 0, rejected: 0, error: en }));
	process.exit(1);
}

// An import is batch work, usually run beside a live server on the same few cores: it gives the
// server's requests the CPU first (like `nice -n 10`; IMPORT_NICE=0 keeps normal priority). The
// threads that read and check the rows take that priority themselves (pipeline.ts); this thread
// keeps the normal one through the merge, which holds the database's write lock (at a lower
// priority beside a busy server the lock was held 3 s instead of 0.5 s), and lowers it for the
// refresh of derived data after it. A priority once lowered cannot be raised again.
let niced = false;
function niceFromNowOn() {
	if (niced) return;
	niced = true;
	try {
		setPriority(Number(process.env.IMPORT_NICE ?? 10));
	} catch {
		// Not permitted on this system: go on at normal priority.
	}
}

const args = process.argv.slice(2);
const opts: { source?: string; map?: string; observedAt?: string } = {};
let file: string | undefined;
for (let i = 0; i < args.length; i++) {
	const a = args[i];
	const value = (name: string) => {
		const eq = a.indexOf('=');
		if (eq > 0 && a.startsWith(`--${name}=`)) return a.slice(eq + 1);
		const v = args[++i];
		if (v === undefined) fail(`Opsi --${name} butuh nilai.`, `Option --${name} needs a value.`);
		return v;
	};
	if (a === '--help' || a === '-h') {
		console.log(USAGE);
		process.exit(0);
	} else if (a.startsWith('--source')) opts.source = value('source');
	else if (a.startsWith('--map')) opts.map = value('map');
	else if (a.startsWith('--observed-at')) opts.observedAt = value('observed-at');
	else if (a.startsWith('--')) fail(`Opsi tidak dikenal: ${a}\n${USAGE}`, `Unknown option: ${a}`);
	else if (!file) file = a;
	else fail(`Hanya satu berkas atau folder per perintah: ${a}`, `Only one file or folder per command: ${a}`);
}
if (!file) fail(`Berkas belum disebut.\n${USAGE}`, 'No file given.');
if (opts.observedAt !== undefined) {
	const problem = explicitDateProblem(opts.observedAt, new Date().toISOString().slice(0, 10));
	if (problem) fail(`--observed-at: ${problem}`, `--observed-at "${opts.observedAt}" must be a past day written YYYY-MM-DD.`);
}

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
// postgres://… imports into PostgreSQL (migrated first, as a SQLite file is).
let db: Db;
if (isPostgresUrl(url)) {
	await migratePostgres(url);
	db = openPostgres(url) as unknown as Db;
} else {
	db = openDatabase(url);
	migrateDatabase(db);
}

const tty = process.stderr.isTTY;
let lastLine = 0;
function showProgress(p: ImportProgress) {
	if (p.phase === 'memperbarui' || p.phase === 'selesai') niceFromNowOn();
	const pct = p.totalBytes ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : null;
	if (tty) {
		const width = 30;
		const filled = pct === null ? 0 : Math.round((pct / 100) * width);
		const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
		const label =
			p.phase === 'memperbarui' ? 'memperbarui data turunan…' : p.phase === 'menyimpan' ? `menyimpan ${p.rows.toLocaleString('id-ID')} baris…` : `${p.rows.toLocaleString('id-ID')} baris`;
		process.stderr.write(`\r${bar} ${pct ?? '?'}% ${label}   `);
		if (p.phase === 'selesai') process.stderr.write('\n');
	} else if (p.phase !== 'selesai' && Date.now() - lastLine >= 1000) {
		// Not a terminal (a log, a test): one line a second.
		lastLine = Date.now();
		process.stderr.write(`impor: ${p.rows} baris${pct === null ? '' : ` (${pct}%)`} ${p.phase}\n`);
	}
}

let summaries: ImportSummary[];
try {
	summaries = await importPath(db, file, { ...opts, onProgress: showProgress });
} catch (e) {
	fail(`Tidak bisa membaca ${file}: ${(e as Error).message}`, `Cannot read ${file}: ${(e as Error).message}`);
}
if (summaries.length === 0) fail(`Tidak ada berkas data di ${file}.`, `No data file in ${file}.`);

for (const s of summaries) {
	process.stderr.write(`${s.fileName}: ${s.message}\n`);
	if (s.status === 'failed') process.stderr.write(`${s.messageEn}\n`);
	// The file name's date, offered as the command to run once the user has checked it.
	if (s.dateSuggestion) process.stderr.write(`Periksa dulu, lalu: npm run import -- ${file} --observed-at ${s.dateSuggestion}\n`);
	console.log(
		JSON.stringify({
			batch: s.batch,
			rows: s.rows,
			inserted: s.inserted,
			updated: s.updated,
			duplicates: s.duplicates,
			rejected: s.rejected,
			observedAt: s.observedAt || null,
			observedSource: s.observedSource,
			// How long the database's write lock was held (the merge), in ms.
			lockMs: s.lockMs,
			...(s.status === 'failed' ? { error: s.messageEn } : {})
		})
	);
}
closeDatabase(db);
process.exit(summaries.every((s) => s.status === 'done') ? 0 : 1);
