// `npm run feeds` as an admin and as cron run it (issue 18): a feed added on the command line,
// then pulled by the line the README gives for crontab, run as cron does (an empty environment
// but PATH, HOME and what the line sets itself; output appended to a log): imported, then
// unchanged, then failed with its reason and exit 1, all as one JSON line per feed. Bad input is
// refused with a message and exit 1; a wrong command with exit 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { listingsCsv, startExportServer, type ExportServer } from '../fixtures/export-server';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let dbFile: string;
let server: ExportServer;

/** Runs a command without blocking this process (the export server answers from it meanwhile). */
function run(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((done) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('close', (status) => done({ status, stdout, stderr }));
	});
}

function feeds(...args: string[]) {
	return run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/feeds.ts'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: dbFile, IMPORT_NICE: '0' } });
}

/** The crontab line of the README, run the way cron runs it: `sh -c` with almost no environment. */
async function cron() {
	const line = `cd ${ROOT} && DATABASE_URL=${dbFile} IMPORT_NICE=0 npm run --silent feeds -- run >> ${join(dir, 'feeds.log')} 2>&1`;
	const done = await run('/bin/sh', ['-c', line], { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir, SHELL: '/bin/sh', LOGNAME: 'cron' } });
	const lines = readFileSync(join(dir, 'feeds.log'), 'utf8').trim().split('\n');
	return { status: done.status, json: lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)), lines };
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'despro-feeds-cli-'));
	dbFile = join(dir, 'feeds.db');
	server = await startExportServer({ body: listingsCsv([['K1', 'Kopi Robusta Temanggung 250 gr', 'Rp45.000', 120]]), contentType: 'text/csv' });
});
afterAll(async () => {
	await server.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('npm run feeds', () => {
	test('add refuses bad input with a message and exit 1, a wrong command with exit 2', async () => {
		const local = await feeds('add', '--name', 'Kopi mitra', '--url', server.url());
		expect(local.status).toBe(1);
		expect(local.stderr).toMatch(/^Sumber tidak ditambahkan: Alamat 127\.0\.0\.1 ada di jaringan lokal/);
		const file = await feeds('add', '--name', 'Kopi mitra', '--url', 'file:///etc/passwd', '--allow-private');
		expect(file.status).toBe(1);
		expect(file.stderr).toMatch(/file:\) tidak bisa jadi sumber/);
		expect((await feeds('add', '--name', 'Kopi mitra', '--url', server.url(), '--every', 'kadang')).stderr).toMatch(/Jadwal "kadang" tidak dikenal/);
		expect((await feeds('tarik')).status).toBe(2);
		expect((await feeds('add', '--url', server.url())).status).toBe(2);
		expect((await feeds('run', '--url', server.url())).status).toBe(2);
	}, 120_000);

	test('add, then the cron line pulls: imported, unchanged, then failed with its reason and exit 1', async () => {
		const added = await feeds('add', '--name', 'Kopi mitra', '--url', server.url(), '--every', '1w', '--allow-private');
		expect(added.status, added.stderr).toBe(0);
		expect(JSON.parse(added.stdout.trim())).toMatchObject({ feed: 'Kopi mitra', added: true, everySeconds: 604_800 });

		const first = await cron();
		expect(first.status, first.lines.join('\n')).toBe(0);
		expect(first.json).toEqual([{ feed: 'Kopi mitra', status: 'imported', batch: 1, rows: 1 }]);
		const db = openDatabase(dbFile);
		migrateDatabase(db);
		expect(db.$client.prepare('select count(*) from listing_snapshots').pluck().get()).toBe(1);
		db.$client.close();

		expect((await cron()).json.at(-1)).toEqual({ feed: 'Kopi mitra', status: 'unchanged', batch: null, rows: 0 });
		server.state = { body: 'x', contentType: 'text/plain', status: 500 };
		const failed = await cron();
		expect(failed.status).toBe(1);
		expect(failed.json.at(-1)).toEqual({ feed: 'Kopi mitra', status: 'failed', batch: null, rows: 0, error: 'Server sumber menjawab 500 (Internal Server Error).' });

		const list = await feeds('list');
		expect(list.stdout).toMatch(/^Kopi mitra\n {2}alamat: http:\/\/127\.0\.0\.1:\d+\/ekspor\.csv \(setiap minggu\)\n {2}terakhir dicoba: baru saja \([^)]+\): gagal\. Server sumber menjawab 500/);
		expect(list.stdout).toMatch(/tarik berikutnya: dalam 15 menit/);
		expect((await feeds('run', '--name', 'Tidak ada')).status).toBe(1);
		expect((await feeds('remove', '--name', 'Kopi mitra')).status).toBe(0);
		expect((await feeds('list', '--json')).stdout).toBe('');
	}, 180_000);
});
