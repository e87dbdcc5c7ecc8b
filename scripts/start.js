// `npm start`: build if the build is missing or older than the sources, then serve the
// SvelteKit app with compressed responses. The server's init hook (src/hooks.server.ts)
// migrates the database at DATABASE_URL and seeds the demo market into an empty one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';

const root = resolve(import.meta.dirname, '..');
const handlerPath = join(root, 'build', 'handler.js');

function newestMtime(path) {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIsStale() {
	if (!existsSync(handlerPath)) return true;
	const built = statSync(handlerPath).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
	return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

if (process.env.SKIP_BUILD !== '1' && buildIsStale()) {
	console.log('Membangun aplikasi (build)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) {
		console.error('Build gagal. Periksa pesan di atas.');
		process.exit(result.status ?? 1);
	}
}

process.env.MIGRATIONS_DIR ??= join(root, 'drizzle');
// adapter-node takes every request for https unless told otherwise, which breaks same-origin
// form posts (sign-in) over this plain-http server. Requests say http unless a TLS proxy in
// front already set x-forwarded-proto (then cookies get Secure). ORIGIN, when set, wins.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

// Importing the handler runs the server init hook: migrate, seed the demo market if empty.
const { handler } = await import(pathToFileURL(handlerPath).href);
const compress = compression({ threshold: 512 });

const server = createServer((req, res) => {
	req.headers['x-forwarded-proto'] ??= 'http';
	compress(req, res, () => handler(req, res));
});
server.listen(port, host, () => {
	const address = server.address();
	const shownPort = typeof address === 'object' && address ? address.port : port;
	console.log(`Despro Pasar berjalan di http://${host}:${shownPort}`);
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
