// Bundles the background writer's thread entry (src/lib/server/derive/writer-thread.ts) into
// build/writer-thread.js, next to the SvelteKit server that starts it. Run by `npm run build`
// after `vite build`; npm packages stay external (they are in node_modules at run time).
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
	entryPoints: [resolve(root, 'src/lib/server/derive/writer-thread.ts')],
	outfile: resolve(root, 'build/writer-thread.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	alias: { $lib: resolve(root, 'src/lib') },
	sourcemap: true,
	logLevel: 'warning'
});
