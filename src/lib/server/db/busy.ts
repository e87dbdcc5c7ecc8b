// Writes from requests while another connection holds the write lock (an import merging its
// batch, the background writer rebuilding derived data). better-sqlite3 waits for a lock
// synchronously: with a busy_timeout the server's one thread would stand still for every
// request. So the server's connection has busy_timeout = 0 (hooks.server.ts): a write that
// meets the lock fails at once with SQLITE_BUSY, and whenWritable() waits with timers (the
// thread keeps answering others) and tries again, up to a bound. Past it, the person gets a
// plain 503 and can send the same form again; nothing is half-written (a write is one
// statement or one transaction, rolled back whole).

import { isLockConflict } from './driver-errors';

/** What a person reads when the data could not be written in time. */
export const BUSY_MESSAGE = 'Data sedang diperbarui, coba lagi sebentar.';

/** How long a request waits for the lock before answering 503 (WRITE_WAIT_MS, default 800 ms: an answer within a second). */
export function writeWaitMs(env: Record<string, string | undefined> = process.env): number {
	const n = Number(env.WRITE_WAIT_MS);
	return env.WRITE_WAIT_MS !== undefined && env.WRITE_WAIT_MS !== '' && Number.isFinite(n) && n >= 0 ? n : 800;
}

/** The write could not get the lock within the bound. */
export class DatabaseBusyError extends Error {
	readonly status = 503;
	constructor(readonly cause?: unknown) {
		super(BUSY_MESSAGE);
		this.name = 'DatabaseBusyError';
	}
}

/** Another connection held the lock (driver-errors.ts: SQLite's and PostgreSQL's codes), or our own verdict. */
export function isBusy(e: unknown): boolean {
	return e instanceof DatabaseBusyError || isLockConflict(e);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `write` (a service call whose writes are one statement or one transaction), retrying
 * while the database is locked: 5, 10, 20, 40, 80, 160 ms… between tries, until `waitMs` have
 * passed. Throws DatabaseBusyError then; any other error at once.
 */
export async function whenWritable<T>(write: () => T | Promise<T>, waitMs = writeWaitMs()): Promise<T> {
	const deadline = performance.now() + waitMs;
	let pause = 5;
	for (;;) {
		try {
			return await write();
		} catch (e) {
			if (!isBusy(e) || e instanceof DatabaseBusyError) throw e;
			const left = deadline - performance.now();
			if (left <= 0) throw new DatabaseBusyError(e);
			await sleep(Math.min(pause, left));
			pause = Math.min(pause * 2, 200);
		}
	}
}
