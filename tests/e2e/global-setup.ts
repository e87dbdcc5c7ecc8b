// Starts the built app (as `npm start` does, without rebuilding) on a fresh demo database in a
// temp folder, and hands its URL to the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		databaseUrl: string;
	}
}

let server: ChildProcess | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject) {
	dir = mkdtempSync(join(tmpdir(), 'despro-e2e-'));
	const databaseUrl = join(dir, 'e2e.db');
	const root = resolve(import.meta.dirname, '../..');
	server = spawn(process.execPath, [join(root, 'scripts/start.js')], {
		cwd: root,
		env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, DEMO_LISTINGS: '6000', PAGE_STALE_MS: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	const url = await new Promise<string>((resolveUrl, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log}`)), 170_000);
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			const m = /berjalan di (http:\/\/\S+)/.exec(log);
			if (m) {
				clearTimeout(timer);
				resolveUrl(m[1]);
			}
		};
		server!.stdout!.on('data', onData);
		server!.stderr!.on('data', onData);
		server!.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
	});
	project.provide('baseURL', url);
	project.provide('databaseUrl', databaseUrl);
	// With a default export, vitest runs the teardown this returns (a named export would be ignored).
	return teardown;
}

async function teardown() {
	// Wait for the server to exit (it closes within 2 s), then let go of its pipes: a child left
	// running kept vitest from exiting for its 10 s close timeout.
	if (server && server.exitCode === null) {
		const exited = new Promise<void>((done) => server!.once('exit', () => done()));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server!.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	}
	server?.stdout?.destroy();
	server?.stderr?.destroy();
	if (dir) rmSync(dir, { recursive: true, force: true });
}
