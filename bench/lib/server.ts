// Starts the built app as `npm start` does (scripts/start.js, compression on) on a demo
// database for the page and load benchmarks, and signs in over plain HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve, join } from 'node:path';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/lib/server/demo/accounts.ts';

const root = resolve(import.meta.dirname, '../..');
/** The demo database the page and load benchmarks share: seeded by the server's first start. */
export const DEMO_DB = join(root, 'bench', 'out', 'demo.db');

export interface RunningServer {
	url: string;
	process: ChildProcess;
	/** Everything the server printed so far (stdout and stderr). */
	log(): string;
	stop(): Promise<void>;
}

export async function startServer(databaseUrl = DEMO_DB, env: Record<string, string> = {}): Promise<RunningServer> {
	const child = spawn(process.execPath, [join(root, 'scripts/start.js')], {
		cwd: root,
		env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	const url = await new Promise<string>((ok, fail) => {
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			// The first start seeds the demo market (a minute or two): show its progress.
			for (const line of chunk.toString().split('\n')) if (/data contoh|Membangun|Ringkasan/.test(line)) console.error(`  server: ${line.trim()}`);
			const m = /berjalan di (http:\/\/\S+)/.exec(log);
			if (m) ok(m[1]);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${log}`)));
	});
	return {
		url,
		process: child,
		log: () => log,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			})
	};
}

/** Signs in with a demo account; returns the session cookie ("despro_sesi=…"). */
export async function signIn(url: string, role: keyof typeof DEMO_PHONES = 'admin'): Promise<string> {
	const res = await fetch(`${url}/masuk`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ phone: DEMO_PHONES[role], password: DEMO_PASSWORD })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('despro_sesi='));
	if (res.status !== 303 || !cookie) throw new Error(`sign-in as ${role} failed: ${res.status}`);
	return cookie.split(';')[0];
}
