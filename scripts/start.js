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
// The background writer's thread (src/lib/server/derive/writer-thread.ts), bundled by scripts/build-writer.js.
const writerPath = join(root, 'build', 'writer-thread.js');

function newestMtime(path) {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIsStale() {
	if (!existsSync(handlerPath) || !existsSync(writerPath)) return true;
	const built = statSync(handlerPath).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
	return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

if (process.env.SKIP_BUILD !== '1' && buildIsStale()) {
	console.log('Membangun aplikasi (build)…');
	let result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status === 0) result = spawnSync(process.execPath, [join(root, 'scripts', 'build-writer.js')], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('Build gagal. Periksa pesan di atas.');
		process.exit(result.status ?? 1);
	}
}

process.env.MIGRATIONS_DIR ??= join(root, 'drizzle');
process.env.WRITER_ENTRY ??= writerPath;
// adapter-node takes every request for https unless told otherwise, which breaks same-origin
// form posts (sign-in) over this plain-http server. Requests say http unless a TLS proxy in
// front already set x-forwarded-proto (then cookies get Secure). ORIGIN, when set, wins.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

// Importing the handler runs the server init hook: migrate, seed the demo market if empty.
const { handler } = await import(pathToFileURL(handlerPath).href);
const compress = compression({ threshold: 512 });

// SLOW_MS (see README): whole requests slower than that, from arrival until the last byte was
// handed to the network (compression included), are logged as "[slow] http …". The app's own
// handling time is logged by src/hooks.server.ts as "[slow] <ms> ms <method> <path> (<route>)".
const slowMs = Number(process.env.SLOW_MS) > 0 ? Number(process.env.SLOW_MS) : null;

// At most MAX_ACTIVE requests are worked on at once; later ones wait in arrival order. Rendering
// and better-sqlite3 are synchronous, so more requests in flight only interleave on the one
// thread: all of them finish later, and under 100 connections some requests were not even read
// for 10 s while others cut in. In a first-come queue each waits about queue length ÷ throughput.
const maxActive = Number(process.env.MAX_ACTIVE) > 0 ? Number(process.env.MAX_ACTIVE) : 8;
let active = 0;
const waiting = [];
function startWaiting() {
	while (active < maxActive && waiting.length) {
		active++;
		waiting.shift()();
	}
}

const server = createServer((req, res) => {
	req.headers['x-forwarded-proto'] ??= 'http';
	const arrived = performance.now();
	if (slowMs !== null) {
		res.on('finish', () => {
			const ms = performance.now() - arrived;
			if (ms >= slowMs) console.error(`[slow] http ${Math.round(ms)} ms ${req.method} ${req.url?.split('?')[0]}`);
		});
	}
	waiting.push(() => {
		// The client gave up while this waited: nothing to answer.
		if (req.socket.destroyed) {
			active--;
			return startWaiting();
		}
		res.once('close', () => {
			active--;
			startWaiting();
		});
		compress(req, res, () => handler(req, res));
	});
	startWaiting();
});
server.listen(port, host, () => {
	const address = server.address();
	const shownPort = typeof address === 'object' && address ? address.port : port;
	console.log(`Despro Pasar berjalan di http://${host}:${shownPort}`);
});

// SIGTERM/SIGINT: stop taking connections, let the background writer finish its running job
// (src/lib/server/derive/writer.ts registers itself under this symbol), then exit.
async function shutdown() {
	const hooks = globalThis[Symbol.for('despro.shutdown')] ?? [];
	setTimeout(() => process.exit(0), 15_000).unref();
	const closed = new Promise((done) => server.close(done));
	await Promise.allSettled(hooks.map((stop) => stop()));
	await Promise.race([closed, new Promise((done) => setTimeout(done, 2000))]);
	process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
