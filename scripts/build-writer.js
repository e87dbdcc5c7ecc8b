// Bundles the server's thread entries next to the SvelteKit server that starts them: the
// background writer (src/lib/server/derive/writer-thread.ts → build/writer-thread.js) and an
// import's staging threads (src/lib/server/ingest/stage-worker.ts → build/import-worker.js).
// Run by `npm run build` after `vite build`; npm packages stay external (they are in
// node_modules at run time).
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
for (const [entry, out] of [
	['src/lib/server/derive/writer-thread.ts', 'build/writer-thread.js'],
	['src/lib/server/ingest/stage-worker.ts', 'build/import-worker.js']
]) {
	await build({
		entryPoints: [resolve(root, entry)],
		outfile: resolve(root, out),
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		alias: { $lib: resolve(root, 'src/lib') },
		sourcemap: true,
		logLevel: 'warning'
	});
}
