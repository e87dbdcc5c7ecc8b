// `npm run feeds -- <add|run|list|remove> …` — feeds (issue 18) on the database at DATABASE_URL
// (migrated first; never seeded).
//   add --name … --url … [--every 1w] [--source <shape>] [--map col=field,…] [--allow-private]
//   run [--name …]      pulls now (every feed, or the named one), whatever its schedule: one JSON
//                       line per feed on stdout, {"feed","status","batch","rows"} with status
//                       imported, unchanged or failed (and "error"). Made for a cron line: works
//                       with or without a server running on the same database, and never pulls a
//                       feed the server is pulling at that moment (it waits for it, FEEDS_WAIT_MS).
//   list [--json]       the feeds and their status in plain words (or one JSON line each)
//   remove --name …
// Exit 0: done (run: nothing failed); 1: refused or a pull failed; 2: the command itself is wrong.
import { setPriority } from 'node:os';
import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { closeDatabase } from '../src/lib/server/db/connection';
import { getFeedByName, listFeeds } from '../src/lib/server/db/feeds';
import { deriveAfterImport } from '../src/lib/server/derive/refresh';
import { FieldError } from '../src/lib/server/errors';
import { limitsFromEnv } from '../src/lib/server/feeds/fetch';
import { processOwner, pullFeed, type PullResult } from '../src/lib/server/feeds/pull';
import { addFeed, feedShapeIds, removeFeed } from '../src/lib/server/feeds/registry';
import { feedViews } from '../src/lib/server/feeds/status';

const USAGE = `Pemakaian:
  npm run feeds -- add --name "<nama>" --url <alamat> [--every 1w] [--source <bentuk>] [--map kolom=field,...] [--allow-private]
  npm run feeds -- run [--name "<nama>"]
  npm run feeds -- list [--json]
  npm run feeds -- remove --name "<nama>"

--every: 1w (seminggu, bawaan), 1d, 12h, 30m …
--allow-private: izinkan alamat di jaringan lokal (127.x, 10.x, 192.168.x …) untuk sumber ini.
Bentuk sumber: auto, ${feedShapeIds().join(', ')}`;

function usageError(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

function refuse(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
if (!command) usageError('Perintah belum disebut.');
if (command === '--help' || command === '-h' || command === 'help') {
	console.log(USAGE);
	process.exit(0);
}
const OPTIONS: Record<string, { value: boolean; commands: string[] }> = {
	name: { value: true, commands: ['add', 'run', 'remove'] },
	url: { value: true, commands: ['add'] },
	every: { value: true, commands: ['add'] },
	source: { value: true, commands: ['add'] },
	map: { value: true, commands: ['add'] },
	'allow-private': { value: false, commands: ['add'] },
	json: { value: false, commands: ['list'] }
};
if (!['add', 'run', 'list', 'remove'].includes(command)) usageError(`Perintah tidak dikenal: ${command}`);
const values: Record<string, string> = {};
for (let i = 0; i < rest.length; i++) {
	const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(rest[i]);
	const option = m ? OPTIONS[m[1]] : undefined;
	if (!m || !option || !option.commands.includes(command)) usageError(`Pilihan tidak dikenal untuk ${command}: ${rest[i]}`);
	if (m[1] in values) usageError(`Pilihan --${m[1]} disebut dua kali.`);
	if (!option.value) {
		values[m[1]] = 'ya';
		continue;
	}
	const value = m[2] ?? rest[++i];
	if (value === undefined || value.startsWith('--')) usageError(`Pilihan --${m[1]} butuh nilai.`);
	values[m[1]] = value;
}

const db = openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
migrateDatabase(db);

if (command === 'add') {
	if (!values.name) usageError('Sebutkan --name, misalnya --name "Ekspor sambal mingguan".');
	if (!values.url) usageError('Sebutkan --url, misalnya --url https://mitra.contoh.id/ekspor.csv.');
	try {
		const feed = await addFeed(db, { name: values.name, url: values.url, every: values.every, source: values.source, map: values.map, allowPrivate: values['allow-private'] === 'ya' });
		process.stderr.write(`Sumber "${feed.name}" ditambahkan. Server menariknya sebentar lagi, atau jalankan: npm run feeds -- run --name "${feed.name}"\n`);
		console.log(JSON.stringify({ feed: feed.name, added: true, url: feed.url, everySeconds: feed.everySeconds, nextRunAt: feed.nextRunAt }));
	} catch (e) {
		if (e instanceof FieldError) refuse(`Sumber tidak ditambahkan: ${e.message}`);
		throw e;
	}
} else if (command === 'remove') {
	if (!values.name) usageError('Sebutkan --name sumber yang dihapus.');
	const feed = await getFeedByName(db, values.name);
	if (!feed) refuse(`Sumber "${values.name}" tidak ada. Lihat: npm run feeds -- list`);
	await removeFeed(db, feed.id);
	process.stderr.write(`Sumber "${feed.name}" dihapus. Data yang sudah masuk tetap ada.\n`);
} else if (command === 'list') {
	const now = new Date();
	const views = await feedViews(db, now, 0);
	if (values.json) {
		for (const v of views) {
			console.log(JSON.stringify({ feed: v.name, url: v.url, every: v.everyShort, late: v.late, lastStatus: v.lastStatus, lastError: v.lastError, rowsIn: v.rowsIn, rejected: v.rejected, nextRunAt: v.nextRunAt }));
		}
	} else if (views.length === 0) console.log('Belum ada sumber. Tambahkan: npm run feeds -- add --name "…" --url …');
	else {
		for (const v of views) {
			console.log(
				[
					`${v.name}${v.late ? ' — TERLAMBAT' : ''}`,
					`  alamat: ${v.url} (${v.every})`,
					...(v.lateText ? [`  ${v.lateText}`] : []),
					`  terakhir dicoba: ${v.lastAttempt}`,
					`  terakhir berhasil: ${v.lastSuccess}`,
					`  baris: ${v.rowsText}`,
					`  tarik berikutnya: ${v.nextRun}`
				].join('\n')
			);
		}
	}
} else {
	// A cron job is batch work next to a live server: the server's requests get the CPU first.
	try {
		setPriority(Number(process.env.IMPORT_NICE ?? 10));
	} catch {
		// Not permitted here: pull at normal priority.
	}
	const feeds = values.name ? [await getFeedByName(db, values.name)] : (await listFeeds(db));
	if (values.name && !feeds[0]) {
		console.log(JSON.stringify({ feed: values.name, status: 'failed', batch: null, rows: 0, error: `Sumber "${values.name}" tidak ada.` }));
		refuse(`Sumber "${values.name}" tidak ada. Lihat: npm run feeds -- list`);
	}
	if (feeds.length === 0) process.stderr.write('Belum ada sumber. Tambahkan: npm run feeds -- add --name "…" --url …\n');
	const owner = processOwner('cli');
	const waitMs = Number(process.env.FEEDS_WAIT_MS ?? 600_000);
	let failed = 0;
	for (const feed of feeds) {
		let lastLine = 0;
		const result: PullResult = (await pullFeed(db, feed!.id, {
			owner,
			derive: deriveAfterImport,
			limits: limitsFromEnv(),
			waitMs: Number.isFinite(waitMs) ? waitMs : 600_000,
			onProgress: (p) => {
				if (p.phase !== 'selesai' && Date.now() - lastLine >= 1000) {
					lastLine = Date.now();
					process.stderr.write(`${feed!.name}: ${p.phase === 'memperbarui' ? 'memperbarui data turunan…' : `${p.rows} baris dibaca…`}\n`);
				}
			}
		})) ?? { feed: feed!.name, status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Sumber ini sedang ditarik oleh proses lain (server). Coba lagi nanti.' };
		if (result.status === 'failed') failed++;
		process.stderr.write(`${result.feed}: ${result.status === 'imported' ? `${result.rows - result.rejected} baris masuk, ${result.rejected} ditolak` : result.status === 'unchanged' ? 'tidak ada data baru' : `gagal. ${result.error}`}\n`);
		console.log(JSON.stringify({ feed: result.feed, status: result.status, batch: result.batch, rows: result.rows, ...(result.error ? { error: result.error } : {}) }));
	}
	closeDatabase(db);
	process.exit(failed ? 1 : 0);
}
closeDatabase(db);
