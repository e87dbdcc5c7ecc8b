// A server of a test's own (`node scripts/start.js`, the built app) on an empty database without
// the demo, for tests that change its settings, break its files or stop it: the shared e2e
// server (global-setup.ts) must stay as it is for the other files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface OwnServer {
	url: string;
	process: ChildProcess;
	/** Everything it printed so far. */
	log(): string;
	/** Resolves with the exit code once it has exited. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
	const dir = mkdtempSync(join(tmpdir(), 'despro-own-'));
	const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
		cwd: ROOT,
		env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: join(dir, 'own.db'), DEMO_DATA: 'off', PAGE_STALE_MS: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	const url = await new Promise<string>((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 90_000);
		const check = () => {
			const m = /berjalan di (http:\/\/\S+)/.exec(log);
			if (m) {
				clearTimeout(timer);
				ok(m[1]);
			}
		};
		child.stdout!.on('data', check);
		child.stderr!.on('data', check);
		void exited.then((code) => fail(new Error(`server exited with ${code}:\n${log}`)));
	});
	return {
		url,
		process: child,
		log: () => log,
		exited,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			child.stdout?.destroy();
			child.stderr?.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
