// The inbox folder (issue 18, IMPORT_INBOX): a file is taken only once it stopped growing,
// imported once (the same content dropped again is not imported twice), and moved to done/ or
// failed/ with a note beside it; its data is dated by its content, never by the file's time.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { Inbox, WORKING_DIR } from '../../src/lib/server/feeds/inbox';
import { inboxView } from '../../src/lib/server/feeds/status';
import { createTestDb } from '../fixtures/db';
import { sqlColumn, sqlValue } from '../fixtures/sql';
import { listingsCsv } from '../fixtures/export-server';

const DATED = listingsCsv(
	[
		['S1', 'Sambal Pecel Madiun 250 gr', 'Rp15.000', 120],
		['S2', 'Sambal Pecel Pedas 250 gr', 'Rp17.000', 80]
	],
	'2026-02-27'
);
const UNDATED = listingsCsv([['S9', 'Sambal Bawang 200 gr', 'Rp20.000', 5]]);

let dir: string;
let db: Db;
let ms: number;
let inbox: Inbox;
const now = () => new Date(ms);
const batches = () => sqlValue<number>(db, "select count(*) from import_batches where status = 'done'");

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'despro-inbox-'));
	db = createTestDb();
	ms = Date.parse('2026-03-02T03:00:00Z');
	inbox = new Inbox(dir, 10_000, () => ms);
	await inbox.prepare(db, now());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Scans until the named file is reported stable, moving the clock one settle time at a time. */
function settle(name: string): void {
	for (let i = 0; i < 3; i++) {
		if (inbox.stableFiles().includes(name)) return;
		ms += 10_000;
	}
	throw new Error(`${name} never settled`);
}

describe('the inbox', () => {
	test('a file is taken only after it stopped growing', () => {
		writeFileSync(join(dir, 'mingguan.csv'), DATED.slice(0, 60));
		expect(inbox.stableFiles()).toEqual([]);
		ms += 10_000;
		appendFileSync(join(dir, 'mingguan.csv'), DATED.slice(60));
		// It grew: seen anew, the settle time starts again.
		expect(inbox.stableFiles()).toEqual([]);
		ms += 5_000;
		expect(inbox.stableFiles()).toEqual([]);
		ms += 5_000;
		expect(inbox.stableFiles()).toEqual(['mingguan.csv']);
	});

	test('partial downloads and hidden files are left alone', () => {
		writeFileSync(join(dir, 'mingguan.csv.part'), DATED);
		writeFileSync(join(dir, '.mingguan.csv'), DATED);
		writeFileSync(join(dir, 'mingguan.csv.tmp'), DATED);
		ms += 20_000;
		inbox.stableFiles();
		ms += 20_000;
		expect(inbox.stableFiles()).toEqual([]);
	});

	test('imports a dropped file once, moves it to done/ with a note; the same content again is not imported', async () => {
		writeFileSync(join(dir, 'sambal-minggu-9.csv'), DATED);
		// An old modification time: it must not date the data.
		utimesSync(join(dir, 'sambal-minggu-9.csv'), new Date('2024-01-01'), new Date('2024-01-01'));
		settle('sambal-minggu-9.csv');
		const r = await inbox.take(db, 'sambal-minggu-9.csv', { now });
		expect(r).toMatchObject({ file: 'sambal-minggu-9.csv', status: 'imported', rows: 2, rejected: 0, movedTo: 'done/sambal-minggu-9.csv' });
		expect(existsSync(join(dir, 'sambal-minggu-9.csv'))).toBe(false);
		expect(readdirSync(join(dir, 'done')).sort()).toEqual(['sambal-minggu-9.csv', 'sambal-minggu-9.csv.catatan.txt']);
		const note = readFileSync(join(dir, 'done', 'sambal-minggu-9.csv.catatan.txt'), 'utf8');
		expect(note).toContain(`Hasil: Diimpor sebagai batch #${r!.batch}.`);
		expect(note).toContain('Tanggal data 27 Februari 2026, dari kolom tanggal di berkas.');
		expect(await sqlColumn(db, 'select observed_at from listing_snapshots group by observed_at')).toEqual(['2026-02-27']);

		// The scraper drops the same export again under a new name: not imported a second time.
		writeFileSync(join(dir, 'sambal-ulang.csv'), DATED);
		settle('sambal-ulang.csv');
		const again = await inbox.take(db, 'sambal-ulang.csv', { now });
		expect(again).toMatchObject({ status: 'duplicate', batch: r!.batch, movedTo: 'done/sambal-ulang.csv' });
		expect(await batches()).toBe(1);
		expect(readFileSync(join(dir, 'done', 'sambal-ulang.csv.catatan.txt'), 'utf8')).toContain(`Tidak diimpor lagi: isi yang sama sudah diimpor di batch #${r!.batch}.`);

		// A file of the same name as one in done/ keeps both.
		writeFileSync(join(dir, 'sambal-minggu-9.csv'), DATED.replace('Rp15.000', 'Rp15.500'));
		settle('sambal-minggu-9.csv');
		expect(await inbox.take(db, 'sambal-minggu-9.csv', { now })).toMatchObject({ status: 'imported', movedTo: 'done/sambal-minggu-9 (2).csv' });
	});

	test('a file whose content states no date goes to failed/ with what to do; the file time is not used', async () => {
		writeFileSync(join(dir, 'tanpa-tanggal_2026-02-20.csv'), UNDATED);
		settle('tanpa-tanggal_2026-02-20.csv');
		const r = await inbox.take(db, 'tanpa-tanggal_2026-02-20.csv', { now });
		expect(r).toMatchObject({ status: 'failed', movedTo: 'failed/tanpa-tanggal_2026-02-20.csv' });
		expect(r!.error).toBe(
			'Isi berkas tidak menyebut tanggal data diambil. Tambahkan kolom observed_at (TTTT-BB-HH), atau impor dengan npm run import -- <berkas> --observed-at TTTT-BB-HH. Nama berkas menyebut 2026-02-20.'
		);
		expect(readFileSync(join(dir, 'failed', 'tanpa-tanggal_2026-02-20.csv.catatan.txt'), 'utf8')).toContain(`Alasan: ${r!.error}`);
		expect(await sqlValue(db, 'select count(*) from listing_snapshots')).toBe(0);
	});

	test('a file of another type goes to failed/', async () => {
		writeFileSync(join(dir, 'laporan.pdf'), '%PDF-1.4');
		settle('laporan.pdf');
		expect(await inbox.take(db, 'laporan.pdf', { now })).toMatchObject({ status: 'failed', error: 'Jenis berkas tidak didukung. Pakai CSV, JSON, JSON Lines atau XLSX.', movedTo: 'failed/laporan.pdf' });
	});

	test('a file a stopped server left half-taken is put back and taken again', async () => {
		mkdirSync(join(dir, WORKING_DIR), { recursive: true });
		writeFileSync(join(dir, WORKING_DIR, 'setengah.csv'), DATED);
		await new Inbox(dir, 10_000, () => ms).prepare(db, now());
		expect(existsSync(join(dir, 'setengah.csv'))).toBe(true);
		expect(readdirSync(join(dir, WORKING_DIR))).toEqual([]);
	});

	test('its status in plain words, and late after a week and a day without a new file', async () => {
		const config = { dir, everySeconds: 7 * 86_400, tickMs: 15_000 };
		expect(await inboxView(db, config, now())).toMatchObject({ lastAttempt: 'Belum ada berkas masuk.', lastSuccess: 'Belum pernah berhasil.', late: false, nextRun: 'Folder diperiksa setiap 15 detik.' });
		writeFileSync(join(dir, 'a.csv'), DATED);
		settle('a.csv');
		await inbox.take(db, 'a.csv', { now });
		ms += 3 * 3600_000;
		const view = await inboxView(db, config, now());
		expect(view).toMatchObject({ lastSuccess: '3 jam lalu (2 Maret 2026): a.csv', rowsIn: 2, rejected: 0, rowsText: '2 baris masuk, 0 ditolak.', late: false });
		expect(view.files[0]).toMatchObject({ file: 'a.csv', words: 'diimpor', movedTo: 'done/a.csv' });
		ms += 8 * 86_400_000;
		expect(await inboxView(db, config, now())).toMatchObject({ late: true, lateText: 'Terlambat 1 hari: data baru seharusnya masuk 9 Maret 2026.' });
	});
});
