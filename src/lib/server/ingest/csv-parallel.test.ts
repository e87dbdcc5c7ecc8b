// A CSV staged on several threads gives exactly the rows, lines and rejections of one thread,
// also when a cut between two threads' ranges falls inside a quoted field with line ends.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { stageCsvParallel, type StagedPart } from './csv-parallel';

const dir = mkdtempSync(join(tmpdir(), 'despro-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
	delete process.env.IMPORT_THREADS;
	delete process.env.IMPORT_PARALLEL_MIN_BYTES;
});

const HEADER = 'marketplace,listing_id,title,price,sold,location';

/** Rows and rejections of the staged parts, with the line each has in the file. */
function read(parts: StagedPart[]) {
	const rows: unknown[] = [];
	const rejections: unknown[] = [];
	for (const p of parts) {
		if (!p.path) continue;
		const db = new Database(p.path, { readonly: true });
		const line = (seq: number) => seq - p.seqBase + p.firstLine - 1;
		for (const r of db.prepare('select seq, key, title, price, sold, loc from rows order by seq').all() as { seq: number }[]) rows.push({ ...r, seq: line(r.seq) });
		for (const r of db.prepare('select line, col, reason_id from rejections order by rowid').all() as { line: number }[]) rejections.push({ ...r, line: r.line + p.firstLine - 1 });
		db.close();
	}
	return { rows, rejections };
}

async function stage(path: string, name: string) {
	const stageDir = mkdtempSync(join(dir, `${name}-`));
	const head = `${HEADER}\n`;
	return stageCsvParallel({
		config: { fileName: 'f.csv', format: 'csv', columns: HEADER.split(','), batchDay: '2025-06-02', today: '2025-06-03', companions: [], keepRaw: false },
		csv: { delimiter: ',', crlf: false },
		path,
		totalBytes: statSync(path).size,
		dataStart: Buffer.byteLength(head),
		firstLine: 2,
		stageDir
	});
}

describe('staging a CSV on several threads', { timeout: 120_000 }, () => {
	test('same rows, lines and rejections as one thread, with a cut inside a quoted field', async () => {
		const lines = [HEADER];
		for (let i = 0; i < 3000; i++) {
			// Some titles span two lines; one location spans thousands, across both cuts of a three-way split.
			const title = i % 7 === 0 ? `"Sambal ""pedas""\nbaris dua, ${i}"` : `Tas Rotan ${i}`;
			const price = i % 50 === 0 ? 'bukan harga' : `Rp${(10 + (i % 90)) * 1000}`;
			const location = i === 1501 ? `"Desa ${'baris\n'.repeat(30_000)}akhir"` : 'Bantul';
			lines.push(`Tokopedia,${i},${title},${price},${i % 300},${location}`);
		}
		const path = join(dir, 'multi.csv');
		writeFileSync(path, lines.join('\n') + '\n');

		process.env.IMPORT_THREADS = '0';
		const one = await stage(path, 'one');
		expect(one).toHaveLength(1);
		process.env.IMPORT_THREADS = '3';
		process.env.IMPORT_PARALLEL_MIN_BYTES = '0';
		const three = await stage(path, 'three');
		expect(three.length).toBeGreaterThan(1);

		const a = read(one);
		const b = read(three);
		expect(a.rows).toHaveLength(2940);
		expect(new Set(a.rejections.map((r) => (r as { line: number }).line)).size).toBe(60);
		expect(b).toEqual(a);
		// The middle range lay wholly inside the long field: the first range took it, the last started again after it.
		expect(three.filter((p) => p.path === '')).toHaveLength(1);
		// The long field came whole (cleaned to one line), its row its line (the header is line 1), and the rows after it theirs.
		expect(a.rows).toContainEqual(expect.objectContaining({ key: 'id:1501', loc: `Desa ${'baris '.repeat(30_000)}akhir`, seq: 2 + 1501 + Math.ceil(1501 / 7) }));
		expect(a.rows).toContainEqual(expect.objectContaining({ key: 'id:1502', seq: 2 + 1502 + Math.ceil(1502 / 7) + 30_000 }));
		expect(three.reduce((n, p) => n + p.result.rows, 0)).toBe(3000);
	});
});
