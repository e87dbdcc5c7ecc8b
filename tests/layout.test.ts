// The house as README "Layout" draws it, held against the code's own imports (read from the
// files on disk, type imports included): no file imports itself back through others, the leaves
// stay leaves, the split between what derives and what reads holds, and the real-data importer
// never loads the demo market. A new file is covered by being on disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
		else if (/\.(ts|js|svelte)$/.test(entry) && !/\.test\.ts$/.test(entry)) out.push(path);
	}
	return out;
}

const files = ['src', 'scripts', 'bench'].flatMap((d) => sourceFiles(join(ROOT, d)));
const known = new Set(files);

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(ROOT, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, base.replace(/\.js$/, '.ts'), join(base, 'index.ts')]) if (known.has(candidate)) return candidate;
	return null;
}

/** Each file's imports of this tree: `import … from`, `export … from`, `import('…')`. */
const imports = new Map<string, string[]>(
	files.map((file) => {
		const text = readFileSync(file, 'utf8');
		const specs = [
			...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g),
			...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)
		].map((m) => m[1]);
		return [file, [...new Set(specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null))]];
	})
);

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
		// Tarjan's strongly connected components: any with more than one file is a cycle.
		let index = 0;
		const stack: string[] = [];
		const on = new Set<string>();
		const idx = new Map<string, number>();
		const low = new Map<string, number>();
		const cycles: string[][] = [];
		const visit = (v: string) => {
			idx.set(v, index);
			low.set(v, index++);
			stack.push(v);
			on.add(v);
			for (const w of imports.get(v) ?? []) {
				if (!idx.has(w)) {
					visit(w);
					low.set(v, Math.min(low.get(v)!, low.get(w)!));
				} else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
			}
			if (low.get(v) === idx.get(v)) {
				const component: string[] = [];
				let w: string;
				do {
					w = stack.pop()!;
					on.delete(w);
					component.push(rel(w));
				} while (w !== v);
				if (component.length > 1) cycles.push(component.sort());
			}
		};
		for (const file of files) if (!idx.has(file)) visit(file);
		expect(cycles).toEqual([]);
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
