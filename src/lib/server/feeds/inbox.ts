// The inbox folder (issue 18, IMPORT_INBOX): a weekly scraper or a partner's job drops its
// export there and the server imports it, with nobody clicking. Each scan (on the background
// writer's tick) notes every file's size and modification time; a file is taken once both
// stayed the same for the settle time (it stopped growing: a copy in progress is not read
// half-way). The modification time only tells whether the file is still being written: it
// never dates the data (observed-date.ts) — the file's own content must (an observed_at
// column, search_id in Tokopedia URLs, review dates), as a copy or a download changes it.
//
// A taken file is first moved into a working folder (so the scraper may drop a new file of the
// same name meanwhile, and a file is never taken twice), hashed, and imported through the same
// pipeline as every upload unless the same content was imported before (by the inbox, an
// upload or `npm run import`: never twice). It then goes to done/ or failed/ with a note beside
// it (`<name>.catatan.txt`) saying what happened; the outcome is also kept in inbox_files for
// /impor/sumber. Names starting with a dot and partial downloads (.tmp, .part, .crdownload) are
// left alone: a scraper writes `x.csv.part` and renames it to `x.csv` when it is done.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Db } from '../db';
import { importedContent, recordInboxFile, setInboxMeta } from '../db/feeds';
import { runImport, type ImportOptions } from '../ingest/pipeline';

export const WORKING_DIR = '.sedang-diimpor';
const IGNORED = /^\.|\.(tmp|part|partial|crdownload|download|swp)$|~$/i;
const DATA = /\.(csv|tsv|txt|json|jsonl|ndjson|xlsx)$/i;

export interface InboxResult {
	file: string;
	status: 'imported' | 'failed' | 'duplicate';
	batch: number | null;
	rows: number;
	rejected: number;
	error?: string;
	/** Where the file went, relative to the inbox: done/<name> or failed/<name>. */
	movedTo: string;
}

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** A name not yet taken in `dir`: "x.csv", else "x (2).csv", "x (3).csv"… */
function freeName(dir: string, name: string): string {
	if (!existsSync(join(dir, name))) return name;
	const ext = extname(name);
	const stem = name.slice(0, name.length - ext.length);
	for (let n = 2; ; n++) {
		const candidate = `${stem} (${n})${ext}`;
		if (!existsSync(join(dir, candidate))) return candidate;
	}
}

export class Inbox {
	/** What each file looked like when first seen unchanged: size, mtime, since when (ms). */
	private seen = new Map<string, { size: number; mtimeMs: number; since: number }>();

	constructor(
		readonly dir: string,
		private settleMs: number,
		/** Milliseconds now, for the settle time (tests move it). */
		private clock: () => number = Date.now
	) {}

	/** Makes done/, failed/ and the working folder; files a stopped server left half-taken are put back. */
	async prepare(db: Db, now: Date): Promise<void> {
		for (const sub of ['done', 'failed', WORKING_DIR]) mkdirSync(join(this.dir, sub), { recursive: true });
		for (const name of readdirSync(join(this.dir, WORKING_DIR))) {
			// Its import's transaction never committed, or it did and the hash check skips it next time.
			renameSync(join(this.dir, WORKING_DIR, name), join(this.dir, freeName(this.dir, name)));
		}
		await setInboxMeta(db, 'inbox_since', now.toISOString(), true);
	}

	/** Files that stopped growing: the same size and mtime for the settle time. */
	stableFiles(): string[] {
		const now = this.clock();
		const present = new Set<string>();
		const stable: string[] = [];
		let entries: string[];
		try {
			entries = readdirSync(this.dir, { withFileTypes: true })
				.filter((e) => e.isFile() && !IGNORED.test(e.name))
				.map((e) => e.name)
				.sort();
		} catch {
			return [];
		}
		for (const name of entries) {
			let st;
			try {
				st = statSync(join(this.dir, name));
			} catch {
				continue;
			}
			present.add(name);
			const before = this.seen.get(name);
			if (!before || before.size !== st.size || before.mtimeMs !== st.mtimeMs) {
				this.seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, since: now });
			} else if (now - before.since >= this.settleMs) stable.push(name);
		}
		for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
		return stable;
	}

	/** Number of files waiting (seen, not yet taken). */
	get waiting(): number {
		return this.seen.size;
	}

	/** Imports one file that stopped growing and moves it to done/ or failed/ with its note. Null: it vanished. */
	async take(db: Db, name: string, opts: { derive?: ImportOptions['derive']; now?: () => Date }): Promise<InboxResult | null> {
		const now = opts.now ?? (() => new Date());
		const working = join(this.dir, WORKING_DIR, basename(name));
		this.seen.delete(name);
		try {
			renameSync(join(this.dir, name), working);
		} catch {
			return null;
		}
		const seenAt = now();
		const hash = await sha256Of(working);
		let outcome: Omit<InboxResult, 'movedTo' | 'file'>;
		let detail: string[] = [];
		if (!DATA.test(name)) {
			outcome = { status: 'failed', batch: null, rows: 0, rejected: 0, error: 'Jenis berkas tidak didukung. Pakai CSV, JSON, JSON Lines atau XLSX.' };
		} else {
			const earlier = await importedContent(db, hash);
			if (earlier) {
				const where = earlier.batchId ? ` di batch #${earlier.batchId}` : '';
				outcome = { status: 'duplicate', batch: earlier.batchId, rows: 0, rejected: 0 };
				detail = [`Tidak diimpor lagi: isi yang sama sudah diimpor${where}.`];
			} else {
				const today = seenAt.toISOString().slice(0, 10);
				const summary = await runImport(db, { fileName: name, path: working }, { derive: opts.derive, today });
				detail = [summary.message];
				if (summary.status === 'done') outcome = { status: 'imported', batch: summary.batch, rows: summary.rows, rejected: summary.rejected };
				else {
					let error = summary.message;
					// The pipeline's refusal names the CLI's --observed-at; say what fits a folder.
					if (!summary.observedAt && /--observed-at/.test(error)) {
						error = `Isi berkas tidak menyebut tanggal data diambil. Tambahkan kolom observed_at (TTTT-BB-HH), atau impor dengan npm run import -- <berkas> --observed-at TTTT-BB-HH.${summary.dateSuggestion ? ` Nama berkas menyebut ${summary.dateSuggestion}.` : ''}`;
						detail = [error];
					}
					outcome = { status: 'failed', batch: summary.batch, rows: summary.rows, rejected: summary.rejected, error };
				}
			}
		}
		const sub = outcome.status === 'failed' ? 'failed' : 'done';
		const target = freeName(join(this.dir, sub), basename(name));
		const movedTo = `${sub}/${target}`;
		const finished = now();
		const result: InboxResult = { file: name, ...outcome, movedTo };
		const verdict =
			outcome.status === 'imported'
				? `Diimpor sebagai batch #${outcome.batch}.`
				: outcome.status === 'duplicate'
					? 'Tidak diimpor lagi (isi sama).'
					: `Gagal diimpor${outcome.batch ? ` (batch #${outcome.batch})` : ''}.`;
		// Recorded before the file moves: whoever sees it in done/ (a person, another process) finds
		// its row too. On PostgreSQL the write is a round trip that a reader could otherwise outrun.
		await recordInboxFile(db, {
			fileName: name,
			contentHash: hash,
			seenAt: seenAt.toISOString(),
			finishedAt: finished.toISOString(),
			status: outcome.status,
			batchId: outcome.batch,
			rows: outcome.rows,
			rejected: outcome.rejected,
			error: outcome.error ?? null,
			movedTo
		});
		renameSync(working, join(this.dir, sub, target));
		writeFileSync(
			join(this.dir, sub, `${target}.catatan.txt`),
			[
				`Berkas: ${name}`,
				`Diterima: ${seenAt.toISOString()}`,
				`Selesai: ${finished.toISOString()}`,
				`Hasil: ${verdict}`,
				...detail.filter((d) => d && d !== outcome.error),
				...(outcome.error ? [`Alasan: ${outcome.error}`] : []),
				`sha256: ${hash}`,
				JSON.stringify({ file: name, status: result.status, batch: result.batch, rows: result.rows, rejected: result.rejected, ...(result.error ? { error: result.error } : {}) }),
				''
			].join('\n')
		);
		return result;
	}
}
