// One refresher across app servers (locks.ts): on PostgreSQL two servers (two pools here) never
// run the refresh at the same time; the second is told to come back, then runs. On SQLite the
// work simply runs (one process owns the file's writes).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bothEngines } from '../../../../tests/fixtures/engines';
import { closeDatabase } from './connection';
import { openDatabase, type Db } from './index';
import { exclusive, tryExclusive } from './locks';

describe.each(bothEngines('locks'))('exclusive work on %s', (engine, open) => {
	let db: Db;
	let other: Db;
	let url: string;
	let close: () => Promise<void>;
	beforeAll(async () => {
		({ db, url, close } = await open());
		// Another app server: its own pool on the same database (SQLite: the same connection).
		other = engine === 'postgres' ? openDatabase(url) : db;
	});
	afterAll(async () => {
		if (other !== db) closeDatabase(other);
		await close();
	});

	test('tryExclusive: while one server refreshes, the other is told to come back; afterwards it runs', async () => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let started!: () => void;
		const running = new Promise<void>((r) => (started = r));
		const first = tryExclusive(db, 'refresh', async () => {
			started();
			await held;
			return 'first';
		});
		await running;
		const second = await tryExclusive(other, 'refresh', async () => 'second');
		if (engine === 'postgres') expect(second).toEqual({ ran: false });
		else expect(second).toEqual({ ran: true, value: 'second' });
		// Another name is another lock.
		expect(await tryExclusive(other, 'startup', async () => 'other work')).toEqual({ ran: true, value: 'other work' });
		release();
		expect(await first).toEqual({ ran: true, value: 'first' });
		expect(await tryExclusive(other, 'refresh', async () => 'second')).toEqual({ ran: true, value: 'second' });
	});

	test('a failing refresh lets go of the lock', async () => {
		await expect(tryExclusive(db, 'refresh', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await tryExclusive(other, 'refresh', async () => 1)).toEqual({ ran: true, value: 1 });
	});

	test('exclusive: the second waits for the first, then runs (start-up seeding)', async () => {
		const order: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let started!: () => void;
		const running = new Promise<void>((r) => (started = r));
		const first = exclusive(db, 'startup', async () => {
			order.push('first starts');
			started();
			await held;
			order.push('first ends');
		});
		await running;
		const second = exclusive(other, 'startup', async () => {
			order.push('second runs');
		});
		await new Promise((r) => setTimeout(r, 200));
		if (engine === 'postgres') expect(order).toEqual(['first starts']);
		release();
		await Promise.all([first, second]);
		if (engine === 'postgres') expect(order).toEqual(['first starts', 'first ends', 'second runs']);
		else expect(order).toHaveLength(3);
	});
});
