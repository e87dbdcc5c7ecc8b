// Reading a large result in batches (stream.ts) on both engines: every row once, in the order
// asked, in batches (PostgreSQL's from a cursor), inside and outside a transaction.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bothEngines } from '../../../../tests/fixtures/engines';
import type { Db } from './index';
import { exec, transaction } from './run';
import { meta } from './schema';
import { streamRows } from './stream';

const N = 4500;

describe.each(bothEngines('stream'))('streamRows on %s', (_engine, open) => {
	let db: Db;
	let close: () => Promise<void>;
	beforeAll(async () => {
		({ db, close } = await open());
		const values = Array.from({ length: N }, (_, i) => ({ key: `k${String(i).padStart(5, '0')}`, value: String(i), updatedAt: 'now' }));
		for (let i = 0; i < N; i += 500) await exec(db, db.insert(meta).values(values.slice(i, i + 500)));
	});
	afterAll(() => close());

	const query = () => sql`select ${meta.key}, cast(${meta.value} as integer) from ${meta} where ${meta.key} like ${'k%'} order by ${meta.key}`;

	test('every row once, in order, as arrays of the selected columns, more than one batch', async () => {
		const batches: [string, number][][] = [];
		for await (const batch of streamRows<[string, number]>(db, query())) batches.push(batch);
		expect(batches.length).toBeGreaterThan(1);
		const all = batches.flat();
		expect(all.length).toBe(N);
		expect(all[0]).toEqual(['k00000', 0]);
		expect(all[N - 1]).toEqual([`k0${N - 1}`, N - 1]);
		expect(all.every(([key, n], i) => key === `k${String(i).padStart(5, '0')}` && n === i)).toBe(true);
	});

	test("inside a transaction it reads on the transaction's connection (its own writes included)", async () => {
		const seen = await transaction(db, async (tx) => {
			await exec(tx, tx.insert(meta).values({ key: 'k99999', value: '99999', updatedAt: 'now' }));
			let n = 0;
			let last: string | undefined;
			for await (const batch of streamRows<[string, number]>(tx, query())) {
				n += batch.length;
				last = batch[batch.length - 1][0];
			}
			return { n, last };
		});
		expect(seen).toEqual({ n: N + 1, last: 'k99999' });
	});

	test('a consumer that stops early leaves the connection usable', async () => {
		for (let i = 0; i < 3; i++) {
			for await (const batch of streamRows<[string, number]>(db, query())) {
				expect(batch.length).toBeGreaterThan(0);
				break;
			}
		}
		let n = 0;
		for await (const batch of streamRows<[string, number]>(db, query())) n += batch.length;
		expect(n).toBe(N + 1);
	});
});
