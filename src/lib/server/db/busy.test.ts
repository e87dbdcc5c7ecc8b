import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BUSY_MESSAGE, DatabaseBusyError, isBusy, whenWritable } from './busy';

const dir = mkdtempSync(join(tmpdir(), 'despro-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two connections to one WAL file: `holder` takes the write lock, `server` answers requests (busy_timeout 0). */
function pair(name: string) {
	const path = join(dir, name);
	const holder = new Database(path);
	holder.pragma('journal_mode = WAL');
	holder.exec('create table t (v integer)');
	const server = new Database(path);
	server.pragma('busy_timeout = 0');
	return { holder, server };
}

describe('whenWritable', () => {
	test('waits with timers while another connection holds the write lock, then writes', async () => {
		const { holder, server } = pair('wait.db');
		holder.exec('BEGIN IMMEDIATE');
		let ticks = 0;
		const ticker = setInterval(() => ticks++, 5);
		const write = whenWritable(() => server.prepare('insert into t values (1)').run(), 5_000);
		// The thread is free meanwhile: timers fire while the write waits.
		await new Promise((r) => setTimeout(r, 100));
		const ticksWhileLocked = ticks;
		holder.exec('COMMIT');
		await write;
		clearInterval(ticker);
		expect(ticksWhileLocked).toBeGreaterThan(3);
		expect(server.prepare('select count(*) from t').pluck().get()).toBe(1);
	});

	test('past its bound it gives up with the plain message; nothing was written', async () => {
		const { holder, server } = pair('bound.db');
		holder.exec('BEGIN IMMEDIATE');
		const error = await whenWritable(() => server.prepare('insert into t values (1)').run(), 50).catch((e) => e);
		holder.exec('ROLLBACK');
		expect(error).toBeInstanceOf(DatabaseBusyError);
		expect(isBusy(error)).toBe(true);
		expect((error as Error).message).toBe(BUSY_MESSAGE);
		expect(server.prepare('select count(*) from t').pluck().get()).toBe(0);
	});

	test('other errors are not retried', async () => {
		let calls = 0;
		const error = await whenWritable(() => {
			calls++;
			throw new RangeError('bad input');
		}).catch((e) => e);
		expect(error).toBeInstanceOf(RangeError);
		expect(calls).toBe(1);
	});
});
