// `npm run layout [-- --root DIR]`: the house in numbers, read from the code's own imports (type
// imports included) of src/, scripts/ and bench/ in this checkout or in DIR (another checkout, to
// compare): files per folder of src/lib/server, import cycles between files, and areas that
// import each other both ways (a folder of src/lib/server, the analysis core, format.ts, the
// routes). tests/layout.test.ts holds the layout's rules against the same reading.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Each source file (tests left out) with the files of the tree it imports. */
export function importGraph(root: string): Map<string, string[]> {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) {
				if (entry !== 'node_modules' && !entry.startsWith('.')) walk(path);
			} else if (/\.(ts|js|svelte)$/.test(entry) && !/\.test\.ts$/.test(entry)) files.push(path);
		}
	};
	for (const dir of ['src', 'scripts', 'bench']) {
		try {
			walk(join(root, dir));
		} catch {
			// A checkout without that folder.
		}
	}
	const known = new Set(files);
	const resolveImport = (from: string, spec: string): string | null => {
		let base: string;
		if (spec.startsWith('$lib/')) base = join(root, 'src/lib', spec.slice(5));
		else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
		else return null;
		for (const c of [base, `${base}.ts`, `${base}.js`, base.replace(/\.js$/, '.ts'), join(base, 'index.ts')]) if (known.has(c)) return c;
		return null;
	};
	return new Map(
		files.map((file) => {
			const text = readFileSync(file, 'utf8');
			const specs = [
				...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g),
				...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)
			].map((m) => m[1]);
			return [file, [...new Set(specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null))]];
		})
	);
}

/** Groups of files that import each other in a loop (Tarjan's strongly connected components). */
export function fileCycles(graph: Map<string, string[]>): string[][] {
	let next = 0;
	const stack: string[] = [];
	const onStack = new Set<string>();
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const cycles: string[][] = [];
	const visit = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) !== index.get(v)) return;
		const component: string[] = [];
		let w: string;
		do {
			w = stack.pop()!;
			onStack.delete(w);
			component.push(w);
		} while (w !== v);
		if (component.length > 1) cycles.push(component.sort());
	};
	for (const file of graph.keys()) if (!index.has(file)) visit(file);
	return cycles;
}

/** The area a file belongs to: a folder (or root file) of src/lib/server, analysis, format.ts, routes, or its folder. */
export function areaOf(root: string, file: string): string {
	const path = relative(root, file).split('\\').join('/');
	const server = /^src\/lib\/server\/([^/]+)(\/)?/.exec(path);
	if (server) return `server/${server[1]}`;
	if (path.startsWith('src/lib/analysis/')) return 'analysis';
	if (path.startsWith('src/routes/')) return 'routes';
	return path === 'src/lib/format.ts' ? 'format.ts' : dirname(path);
}

/** Pairs of areas that import each other, with the arrows each way. */
export function areaTies(root: string, graph: Map<string, string[]>): { areas: [string, string]; arrows: string[] }[] {
	const edges = new Map<string, string[]>();
	for (const [file, targets] of graph) {
		for (const target of targets) {
			const [a, b] = [areaOf(root, file), areaOf(root, target)];
			if (a === b) continue;
			const key = `${a} -> ${b}`;
			edges.set(key, [...(edges.get(key) ?? []), `${relative(root, file)} -> ${relative(root, target)}`]);
		}
	}
	const ties: { areas: [string, string]; arrows: string[] }[] = [];
	for (const [key, arrows] of edges) {
		const [a, b] = key.split(' -> ');
		const back = edges.get(`${b} -> ${a}`);
		if (back && a < b) ties.push({ areas: [a, b], arrows: [...arrows, ...back] });
	}
	return ties;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
	const at = process.argv.indexOf('--root');
	const root = resolve(at >= 0 ? process.argv[at + 1] : join(import.meta.dirname, '..'));
	const graph = importGraph(root);
	const server = join(root, 'src/lib/server');
	console.log(`${root}: ${graph.size} source files (tests left out)`);
	console.log('\nsrc/lib/server, files per folder:');
	for (const entry of readdirSync(server).sort()) {
		const path = join(server, entry);
		if (!statSync(path).isDirectory()) continue;
		const n = [...graph.keys()].filter((f) => f.startsWith(`${path}/`)).length;
		const flat = readdirSync(path).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f)).length;
		console.log(`  ${entry.padEnd(10)} ${String(n).padStart(3)} files (${flat} directly in it)`);
	}
	const cycles = fileCycles(graph);
	console.log(`\nimport cycles between files: ${cycles.length}`);
	for (const c of cycles) console.log(`  ${c.map((f) => relative(root, f)).join(' , ')}`);
	const ties = areaTies(root, graph);
	console.log(`\nareas that import each other: ${ties.length}`);
	for (const t of ties) console.log(`  ${t.areas.join(' <-> ')}\n${t.arrows.map((a) => `    ${a}`).join('\n')}`);
}
