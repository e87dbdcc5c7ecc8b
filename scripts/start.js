// `npm start`: build if the build is missing or older than the sources, then serve the
// SvelteKit app with compressed responses. The server's init hook (src/hooks.server.ts)
// migrates the database at DATABASE_URL and seeds the demo market into an empty one.
//
// The HTTP server in front of the app guards the one thread every request shares (issue 12):
// - a request body is received in full before the request waits for a working slot, and a body
//   that stops arriving for BODY_TIMEOUT_MS is cut off: slow senders hold no slot;
// - headers must arrive within HEADERS_TIMEOUT_MS; one address may hold at most
//   MAX_CONNECTIONS_PER_ADDRESS connections;
// - security headers on every answer, static files included;
// - an error in one request (a static file gone from disk after a rebuild, a failed stream, a
//   stray exception or rejection) is logged and answered, never the end of the process;
// - SIGTERM/SIGINT: stop taking connections, finish the requests in flight (up to
//   SHUTDOWN_TIMEOUT_MS), then let the app close its database, and exit.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import compression from 'compression';

const root = resolve(import.meta.dirname, '..');
// BUILD_DIR: serve a build from elsewhere (tests serve a copy they may break); never rebuilt.
const buildDir = process.env.BUILD_DIR ? resolve(process.env.BUILD_DIR) : join(root, 'build');
const handlerPath = join(buildDir, 'handler.js');
const clientDir = join(buildDir, 'client');
// The background writer's thread (src/lib/server/derive/writer-thread.ts), bundled by scripts/build-writer.js.
const writerPath = join(buildDir, 'writer-thread.js');
// An import's staging threads (src/lib/server/ingest/stage-worker.ts), bundled beside it.
const importWorkerPath = join(buildDir, 'import-worker.js');

function newestMtime(path) {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIsStale() {
	if (!existsSync(handlerPath) || !existsSync(writerPath) || !existsSync(importWorkerPath)) return true;
	const built = statSync(handlerPath).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
	return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

if (process.env.SKIP_BUILD !== '1' && !process.env.BUILD_DIR && buildIsStale()) {
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
process.env.IMPORT_WORKER_ENTRY ??= importWorkerPath;
// adapter-node takes every request for https unless told otherwise, which breaks same-origin
// form posts (sign-in) over this plain-http server. Requests say http unless a TLS proxy in
// front already set x-forwarded-proto (then cookies get Secure). ORIGIN, when set, wins.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

/** A whole number of milliseconds (or count) from the environment; `fallback` when unset or nonsense. */
function envNumber(name, fallback) {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Bytes as adapter-node reads BODY_SIZE_LIMIT ("512K", "20M", "1G", "Infinity", plain bytes). */
function bodySizeLimit(value = process.env.BODY_SIZE_LIMIT ?? '512K') {
	if (/^\s*infinity\s*$/i.test(value)) return Infinity;
	const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg])?b?\s*$/i.exec(value);
	if (!m) return 512 * 1024;
	return Math.floor(Number(m[1]) * ({ k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1));
}

const headersTimeoutMs = envNumber('HEADERS_TIMEOUT_MS', 10_000);
const bodyTimeoutMs = envNumber('BODY_TIMEOUT_MS', 10_000);
const maxPerAddress = envNumber('MAX_CONNECTIONS_PER_ADDRESS', 128);
const shutdownTimeoutMs = envNumber('SHUTDOWN_TIMEOUT_MS', 30_000);
const bodyLimit = bodySizeLimit();

/** Indonesian text answers from this layer (the app's own pages are not reached for these). */
function answer(res, status, text, extra = {}) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
	res.end(`${text}\n`);
}

/**
 * Every answer: no MIME sniffing, no referrer to other sites, never inside another site's frame.
 * The app's built scripts and styles (/_app/…, 30 on a dashboard) get only nosniff: the others
 * mean nothing for a script, and on a 400 kbit/s line every header byte is paid for.
 */
function baseHeaders(req, res) {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	if (req.url?.startsWith('/_app/')) return;
	res.setHeader('Referrer-Policy', 'same-origin');
	res.setHeader('X-Frame-Options', 'DENY');
	// Pages replace this with their full policy (svelte.config.js kit.csp); it stays on the rest.
	res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
}

// Built files as they were at start-up (what the adapter's static server listed). A request for
// one that has since gone (a rebuild in place replaced the hashes, or only its .br or .gz went)
// is answered 404 here: the static server would open it and its stream would fail.
const startupFiles = new Set();
(function list(dir) {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) list(path);
		else startupFiles.add(path);
	}
})(clientDir);

function builtFileGone(url) {
	let pathname;
	try {
		pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
	} catch {
		return false;
	}
	const file = normalize(join(clientDir, pathname));
	if (!file.startsWith(clientDir + sep)) return false;
	return [file, `${file}.br`, `${file}.gz`].some((f) => startupFiles.has(f) && !existsSync(f));
}

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
// A request joins the queue only once its body is in: a client that sends a body slowly (or
// stops) waits on its own, without a slot (eight such posts used to freeze the app).
const maxActive = Number(process.env.MAX_ACTIVE) > 0 ? Number(process.env.MAX_ACTIVE) : 8;
let active = 0;
/** Requests between arrival and their answer's end: what a shutdown waits for. */
let inFlight = 0;
const waiting = [];
function startWaiting() {
	while (active < maxActive && waiting.length) {
		active++;
		waiting.shift()();
	}
}

/** The request again, its body from memory: what the app's handler reads instead of the socket. */
function replay(req, body) {
	const copy = Readable.from(body.length ? [body] : []);
	for (const key of ['headers', 'rawHeaders', 'trailers', 'rawTrailers', 'method', 'url', 'httpVersion', 'httpVersionMajor', 'httpVersionMinor', 'socket']) {
		Object.defineProperty(copy, key, { value: req[key], enumerable: true, writable: true });
	}
	Object.defineProperty(copy, 'connection', { value: req.socket, enumerable: true, writable: true });
	copy.complete = true;
	return copy;
}

function hasBody(req) {
	if (req.method === 'GET' || req.method === 'HEAD') return false;
	return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
}

/** Receives a request body into memory, then calls `done(buffer)`; cuts off a stalled or oversized one. */
function receiveBody(req, res, done) {
	// Declared over the limit: the app answers 413 in its own words (pages and the upload endpoint) without reading.
	if (Number(req.headers['content-length']) > bodyLimit) return done(null);
	const chunks = [];
	let size = 0;
	let finished = false;
	let timer;
	const stop = () => {
		finished = true;
		clearTimeout(timer);
		req.off('data', onData);
	};
	const cutOff = (status, text) => {
		stop();
		// The rest of the body will not be read: the connection closes after this answer.
		answer(res, status, text, { connection: 'close' });
		res.once('finish', () => req.socket.destroy());
	};
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => cutOff(408, 'Kiriman data berhenti di tengah jalan. Periksa sinyal, lalu kirim lagi.'), bodyTimeoutMs);
	};
	const onData = (chunk) => {
		if (finished) return;
		size += chunk.length;
		if (size > bodyLimit) return cutOff(413, 'Kiriman terlalu besar untuk server ini (BODY_SIZE_LIMIT).');
		chunks.push(chunk);
		arm();
	};
	req.on('data', onData);
	req.once('end', () => {
		if (finished) return;
		stop();
		done(Buffer.concat(chunks, size));
	});
	req.once('close', () => {
		if (!finished) stop();
	});
	arm();
}

let shuttingDown = false;

const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
	baseHeaders(req, res);
	if (shuttingDown) return answer(res, 503, 'Server sedang dimatikan. Coba lagi sebentar lagi.', { connection: 'close', 'retry-after': '5' });
	req.headers['x-forwarded-proto'] ??= 'http';
	const arrived = performance.now();
	inFlight++;
	res.once('close', () => inFlight--);
	if (slowMs !== null) {
		res.on('finish', () => {
			const ms = performance.now() - arrived;
			if (ms >= slowMs) console.error(`[slow] http ${Math.round(ms)} ms ${req.method} ${req.url?.split('?')[0]}`);
		});
	}
	// A stream piped into the answer (the static server's file streams) that fails: logged, and
	// the answer ended (404 if nothing was sent yet), instead of an unhandled 'error' event.
	res.on('pipe', (source) => {
		source.once('error', (e) => {
			console.error(`[galat] berkas ${req.url}: ${e.message}`);
			if (!res.headersSent) answer(res, 404, 'Berkas ini tidak ada (mungkin dari versi aplikasi sebelumnya). Muat ulang halaman.');
			else res.destroy();
		});
	});
	if ((req.method === 'GET' || req.method === 'HEAD') && builtFileGone(req.url)) {
		return answer(res, 404, 'Berkas ini tidak ada (mungkin dari versi aplikasi sebelumnya). Muat ulang halaman.');
	}
	const enqueue = (request) => {
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
			compress(request, res, () => {
				const failed = (e) => {
					console.error(`[galat] ${req.method} ${req.url}: ${e?.stack ?? e}`);
					answer(res, 500, 'Maaf, ada masalah di server. Coba lagi sebentar lagi.');
				};
				try {
					Promise.resolve(handler(request, res)).catch(failed);
				} catch (e) {
					failed(e);
				}
			});
		});
		startWaiting();
	};
	if (!hasBody(req)) return enqueue(req);
	receiveBody(req, res, (body) => enqueue(body === null ? req : replay(req, body)));
});
server.headersTimeout = headersTimeoutMs;
// Node's default (300 s) stays the bound on a whole request; within it, BODY_TIMEOUT_MS of silence ends a body.
server.requestTimeout = Math.max(server.requestTimeout, headersTimeoutMs);

// One address may hold at most MAX_CONNECTIONS_PER_ADDRESS connections (0: no limit). A whole
// village may share one carrier address, so the default is generous; it stops one client from
// taking every socket the process may open.
const connections = new Map();
const TOO_MANY = 'Terlalu banyak sambungan dari alamat Anda. Coba lagi sebentar lagi.\n';
server.on('connection', (socket) => {
	const address = socket.remoteAddress ?? '';
	const count = (connections.get(address) ?? 0) + 1;
	if (maxPerAddress > 0 && count > maxPerAddress) {
		socket.on('error', () => {});
		socket.end(
			`HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(TOO_MANY)}\r\n` +
				`Connection: close\r\nRetry-After: 5\r\nX-Content-Type-Options: nosniff\r\n\r\n${TOO_MANY}`
		);
		setTimeout(() => socket.destroy(), 1000).unref();
		return;
	}
	connections.set(address, count);
	socket.once('close', () => {
		const left = (connections.get(address) ?? 1) - 1;
		if (left > 0) connections.set(address, left);
		else connections.delete(address);
	});
});

server.listen(port, host, () => {
	const address = server.address();
	const shownPort = typeof address === 'object' && address ? address.port : port;
	console.log(`Despro Pasar berjalan di http://${host}:${shownPort}`);
	// From here on a stray error is one request's (or one background job's) problem, not the
	// server's: logged with the stack, and serving goes on. (Before listening, failing is right.)
	process.on('uncaughtException', (e) => console.error(`[galat] tak tertangani: ${e?.stack ?? e}`));
	process.on('unhandledRejection', (e) => console.error(`[galat] janji tak tertangani: ${e?.stack ?? e}`));
});

async function shutdown(signal) {
	if (shuttingDown) return;
	shuttingDown = true;
	console.log(`${signal}: berhenti menerima sambungan; menyelesaikan ${inFlight} permintaan…`);
	const forced = setTimeout(() => {
		console.error(`Masih ${inFlight} permintaan setelah ${shutdownTimeoutMs} ms; dihentikan paksa.`);
		process.exit(1);
	}, shutdownTimeoutMs);
	forced.unref();
	server.close();
	server.closeIdleConnections();
	while (inFlight > 0) {
		await new Promise((r) => setTimeout(r, 50));
		// Keep-alive connections that went idle after their last answer.
		server.closeIdleConnections();
	}
	// The app's own shutdown steps (src/lib/server/lifecycle.ts): close the database (and, once
	// there is one, stop the background writer).
	try {
		await globalThis[Symbol.for('despro.shutdown')]?.();
	} catch (e) {
		console.error(`[shutdown] ${e?.message ?? e}`);
	}
	console.log('Selesai.');
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
