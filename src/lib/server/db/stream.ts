// Reading a large result in pieces. drizzle's builder, db.all and db.values build the whole
// result as one array first; for a category's snapshots (millions of rows in a refresh) that
// costs far more than the work done on them (measured on the 24,000-listing demo: 1.8M snapshot
// rows, 3.0 s CPU streamed vs 5.0 s as one array). drizzle has no cursor, so this one driver
// piece stays in the db layer: SQLite's statement iterator, PostgreSQL's cursor (DECLARE … FETCH,
// inside a transaction of its own on one pooled connection, or inside the caller's). The query is
// a `sql` template typed with the schema like any other; T is the row as an array of the
// selected columns, in order. Rows come in batches so that awaiting costs once per batch, not
// once per row (a million awaits would be a measurable share of a refresh on SQLite).
import { is, type SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import type { Db } from './index';
import { engineOf } from './run';

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** Rows per batch (and per FETCH on PostgreSQL). */
const BATCH = 2000;

export async function* streamRows<T extends unknown[]>(db: Db, query: SQL): AsyncGenerator<T[]> {
	if (engineOf(db) === 'postgres') {
		yield* streamPostgres<T>(db, query);
		return;
	}
	const { sql, params } = sqliteDialect.sqlToQuery(query);
	let batch: T[] = [];
	for (const row of db.$client.prepare(sql).raw(true).iterate(...params) as IterableIterator<T>) {
		batch.push(row);
		if (batch.length === BATCH) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length) yield batch;
}

let cursors = 0;

async function* streamPostgres<T extends unknown[]>(db: Db, query: SQL): AsyncGenerator<T[]> {
	const { sql, params } = pgDialect.sqlToQuery(query);
	// Inside the caller's transaction the cursor must read on its connection (it sees the
	// transaction's own writes); otherwise a connection of the pool, in a transaction of its own
	// (a cursor lives as long as its transaction).
	const inTx = is(db, PgTransaction);
	const client: pg.PoolClient | pg.Client = inTx
		? (db as unknown as { session: { client: pg.PoolClient | pg.Client } }).session.client
		: await (db as unknown as { $client: pg.Pool }).$client.connect();
	const name = `despro_stream_${++cursors}`;
	let failed = false;
	try {
		if (!inTx) await client.query('begin read only');
		await client.query(`declare ${name} no scroll cursor for ${sql}`, params);
		for (;;) {
			const page = await client.query<T>({ text: `fetch ${BATCH} from ${name}`, rowMode: 'array' });
			if (page.rows.length) yield page.rows;
			if (page.rows.length < BATCH) break;
		}
		await client.query(`close ${name}`);
	} catch (e) {
		failed = true;
		throw e;
	} finally {
		if (!inTx) {
			// A consumer that stopped early (break) lands here too: ending the transaction closes the cursor.
			await client.query(failed ? 'rollback' : 'commit').catch(() => {});
			(client as pg.PoolClient).release();
		}
	}
}
