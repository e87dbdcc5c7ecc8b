// The house as README "Layout" draws it, held against the code's own imports (read from the
// files on disk, type imports included): no file imports itself back through others, no two
// areas import each other, the leaves stay leaves, the split between what derives and what reads holds, and the real-data importer
// never loads the demo market. A new file is covered by being on disk.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { areaTies, fileCycles, importGraph } from '../scripts/layout';

const ROOT = resolve(import.meta.dirname, '..');
/** Each source file with the files it imports (scripts/layout.ts reads them; `npm run layout` prints the figures). */
const imports = importGraph(ROOT);
const files = [...imports.keys()];

const rel = (file: string) => relative(ROOT, file).split('\\').join('/');

/** Every file `start` reaches through imports, itself included. */
function reach(start: string): Set<string> {
	const seen = new Set<string>([start]);
	const stack = [start];
	while (stack.length) {
		for (const next of imports.get(stack.pop()!) ?? []) {
			if (seen.has(next)) continue;
			seen.add(next);
			stack.push(next);
		}
	}
	return seen;
}

/** Import arrows from files under `from` to files under `to` (paths from the root). */
function arrows(from: string, to: string[]): string[] {
	return [...imports]
		.filter(([file]) => rel(file).startsWith(from))
		.flatMap(([file, targets]) => targets.filter((t) => to.some((p) => rel(t).startsWith(p))).map((t) => `${rel(file)} -> ${rel(t)}`));
}

describe('the house', () => {
	test('the files are read', () => {
		expect(files.length).toBeGreaterThan(150);
		expect(imports.get(join(ROOT, 'src/lib/server/read/dashboard.ts'))!.map(rel)).toContain('src/lib/server/read/market.ts');
	});

	test('no import cycles between files', () => {
		expect(fileCycles(imports).map((c) => c.map(rel))).toEqual([]);
	});

	test('no two areas import each other (a folder of src/lib/server, the analysis core, format.ts, the routes)', () => {
		expect(areaTies(ROOT, imports).map((t) => t.areas.join(' <-> '))).toEqual([]);
	});

	test('leaves stay leaves: format.ts, errors.ts and the analysis core import nothing of the app around them', () => {
		expect(imports.get(join(ROOT, 'src/lib/format.ts'))).toEqual([]);
		expect(imports.get(join(ROOT, 'src/lib/server/errors.ts'))).toEqual([]);
		expect(arrows('src/lib/analysis/', ['src/lib/server/', 'src/lib/components/', 'src/routes/'])).toEqual([]);
	});

	test('what derives and what reads stay apart', () => {
		// Readers may read what the builders store (and ask the writer); builders never call a reader or a request write.
		expect(arrows('src/lib/server/derive/', ['src/lib/server/read/', 'src/lib/server/write/', 'src/lib/server/auth/'])).toEqual([]);
		expect(arrows('src/lib/server/read/', ['src/lib/server/write/'])).toEqual([]);
		expect(arrows('src/lib/server/write/', ['src/lib/server/read/'])).toEqual([]);
		// Query modules and access rules sit below all of them.
		expect(arrows('src/lib/server/db/', ['src/lib/server/derive/', 'src/lib/server/read/', 'src/lib/server/write/', 'src/lib/server/auth/'])).toEqual([]);
		expect(arrows('src/lib/server/auth/', ['src/lib/server/derive/', 'src/lib/server/read/', 'src/lib/server/write/', 'src/lib/server/trpc/'])).toEqual([]);
	});

	test('ingest loads and returns what changed: it imports no builder, reader, request write or demo', () => {
		expect(arrows('src/lib/server/ingest/', ['src/lib/server/derive/', 'src/lib/server/read/', 'src/lib/server/write/', 'src/lib/server/demo/'])).toEqual([]);
	});

	test('the real-data importer (npm run import) never loads the demo market', () => {
		const entry = join(ROOT, 'scripts/import.ts');
		expect(existsSync(entry)).toBe(true);
		const reached = [...reach(entry)].map(rel);
		expect(reached).toContain('src/lib/server/ingest/categories.ts');
		expect(reached.filter((f) => f.startsWith('src/lib/server/demo/'))).toEqual([]);
	});

	test('routes and procedures call services; services never call back up', () => {
		expect(arrows('src/lib/server/', ['src/routes/', 'src/hooks.server.ts'])).toEqual([]);
		expect(arrows('src/lib/server/read/', ['src/lib/server/trpc/'])).toEqual([]);
		expect(arrows('src/lib/server/write/', ['src/lib/server/trpc/'])).toEqual([]);
	});
});
