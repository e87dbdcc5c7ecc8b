// Issue 15: every query is typed and lives in the db layer (src/lib/server/db: the query
// modules under db/queries/, the dialect pieces under db/sql-dialect/, the connection's own
// settings). Outside it no file holds the driver's client, prepares a statement, or writes SQL
// in a string, so that moving to another engine changes the db layer only. Read from the files
// on disk: a new file is covered by existing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

const rel = (file: string) => relative(ROOT, file).split('\\').join('/');
const allSource = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'scripts'))];
const outsideDbLayer = allSource.filter(
	(f) => !rel(f).startsWith('src/lib/server/db/')
);

/** The lines of `files` that match `pattern`, as "path:line: text". */
function hits(pattern: RegExp, files = outsideDbLayer): string[] {
	return files.flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, i) => (pattern.test(line) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : []))
	);
}

describe('SQL lives in the db layer', () => {
	test('the files are read', () => {
		expect(outsideDbLayer.length).toBeGreaterThan(150);
	});

	test('no service, route or script holds the driver or prepares a statement', () => {
		expect(hits(/\$client|\.prepare\(\s*[`'"]|\.pragma\(|\bcached\(/)).toEqual([]);
	});

	test('no SQL written in a string outside the db layer', () => {
		// A string that starts like a statement: select/insert/update/delete/pragma/attach/create.
		expect(hits(/[`'"]\s*(select\s+[\w*"(]|insert\s+(or\s+\w+\s+)?into\b|update\s+\w+\s+set\b|delete\s+from\b|pragma\s+\w|attach\s+database\b|create\s+(unique\s+)?(table|index|trigger)\b)/i)).toEqual([]);
	});

	// Issue 15: better-sqlite3 answers a builder's .all()/.get()/.run() at once, node-postgres
	// later; run.ts's helpers are the one place that knows which, so no other file calls them on a
	// builder (a call that would return rows on SQLite and a pending promise's nothing on PostgreSQL).
	test("no query builder is run by its own .all()/.get()/.run(): run.ts's helpers run them on either engine", () => {
		// Files that only ever read a SQLite file (an old sign-in file, the source of db:copy, the
		// SQLite side of the demo loader) may, and run.ts itself.
		const sqliteOnly = ['src/lib/server/db/run.ts', 'src/lib/server/db/auth-db.ts', 'src/lib/server/db/copy-to-postgres.ts', 'src/lib/server/db/demo-load.ts'];
		const files = allSource.filter((f) => !sqliteOnly.includes(rel(f)));
		expect(hits(/(^|\))\s*\.(all|get|run)\(\s*\)/, files)).toEqual([]);
	});
});
