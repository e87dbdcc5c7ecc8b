// How a query runs, on either engine (issue 15). Queries are written once, with drizzle's builder
// over schema.ts's tables (or a `sql` template naming them), and typed as SQLite's. drizzle builds
// each dialect's SQL from table and column names, which tests/db/schema-parity.test.ts holds
// equal between schema.ts and schema.pg.ts, so the same builder object runs on a node-postgres
// handle too. What differs is how a built query is *executed*: better-sqlite3 answers at once
// (`.all()`, `.get()`, `.run()`), node-postgres answers later (a promise). Every query therefore
// runs through the functions here, which return promises on both engines; a builder's own
// `.all()`, `.get()` and `.run()` are SQLite-only and belong in this file alone (tests/sql-layer.test.ts).
//
// Transactions. On PostgreSQL each transaction has a pooled connection of its own. better-sqlite3
// has one connection, and an async transaction body yields between its statements; another
// request's statements would then run inside it (see its writes before commit, or be rolled back
// with it). So on SQLite a transaction holds a gate on its connection: statements of everyone
// else wait at the gate (one check per statement, nothing to wait for when no transaction is
// open), and transactions run one after another, as SQLite's single writer does anyway.
import { is, SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { QueryResult } from 'pg';

export type Engine = 'sqlite' | 'postgres';

/**
 * Any drizzle database handle of ours: the main one, the sign-in one, or a transaction on either.
 * By what every handle has and no query has, so that passing a builder where the handle goes
 * (`exec(insert, insert.onConflictDoNothing())`) is a type error, not a query run on SQLite's terms.
 */
export type Handle = { select: unknown };

// A built query, as the query modules type it (drizzle's SQLite builders): by what it can return.
interface ReadsRows<T> {
	all(): T[];
}
interface ReadsRow<T> {
	get(): T | undefined;
}
interface Runs {
	run(): unknown;
}

const engines = new WeakMap<Handle, Engine>();

export function engineOf(db: Handle): Engine {
	let engine = engines.get(db);
	if (!engine) {
		if (is(db, PgDatabase)) engine = 'postgres';
		else if (is(db, BaseSQLiteDatabase)) engine = 'sqlite';
		else throw new TypeError('run.ts: the first argument must be a database handle or a transaction, not a query');
		engines.set(db, engine);
	}
	return engine;
}

// ---------------------------------------------------------------------------------------------
// SQLite's transaction gate

class Gate {
	held = false;
	private waiters: Array<() => void> = [];

	/** Resolves when the gate is free (it may be taken again before the caller's next step: re-check). */
	free(): Promise<void> {
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	release(): void {
		this.held = false;
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}

type SqliteHandle = { $client: Database.Database };

const gates = new WeakMap<Database.Database, Gate>();
/**
 * The SQLite connections whose open transaction the current async call chain is part of. By
 * call chain rather than by handle: the sign-in handle of an in-memory database (auth-db.ts)
 * shares the main handle's connection, and a query on it inside the transaction is inside it.
 */
const heldHere = new AsyncLocalStorage<Set<Database.Database>>();

function gateOf(client: Database.Database): Gate {
	let gate = gates.get(client);
	if (!gate) gates.set(client, (gate = new Gate()));
	return gate;
}

/** Waits while a transaction that this call chain is not part of holds the connection. */
async function passGate(db: Handle): Promise<void> {
	const client = (db as unknown as SqliteHandle).$client;
	const gate = gates.get(client);
	if (!gate?.held || heldHere.getStore()?.has(client)) return;
	while (gate.held) await gate.free();
}

// ---------------------------------------------------------------------------------------------
// Running a query

/**
 * A `sql` template rather than a built query. By class: PostgreSQL's builders have getSQL() and
 * no run(), so telling them apart by methods sent every PostgreSQL builder query as raw SQL
 * (rows keyed by column name instead of the selected field names).
 */
function isSql(query: unknown): query is SQL {
	return is(query, SQL);
}

/** Every row of a built query or a `sql` template. */
export async function allRows<T>(db: Handle, query: ReadsRows<T> | SQL<unknown>): Promise<T[]> {
	if (engineOf(db) === 'postgres') {
		// By class: a PostgreSQL builder has getSQL() and no run(), so isSql would take it for a
		// template, and execute() would return its rows unmapped (column names, not the select's keys).
		if (is(query, SQL)) return ((await (db as PgDatabase<never>).execute(query)) as unknown as QueryResult).rows as T[];
		return (await (query as unknown as PromiseLike<T[]>)) as T[];
	}
	await passGate(db);
	if (isSql(query)) return (db as unknown as { all<R>(q: SQLWrapper): R[] }).all<T>(query);
	return query.all();
}

/** The first row, or undefined. Limit the query to one row where it could return many. */
export async function firstRow<T>(db: Handle, query: ReadsRow<T> | SQL<unknown>): Promise<T | undefined> {
	if (engineOf(db) === 'postgres') return (await allRows(db, query as unknown as ReadsRows<T>))[0];
	await passGate(db);
	if (isSql(query)) return (db as unknown as { get<R>(q: SQLWrapper): R | undefined }).get<T>(query);
	return query.get();
}

/** The one row a statement must return (an insert's `returning()`, an aggregate): an error when there is none. */
export async function oneRow<T>(db: Handle, query: ReadsRow<T> | SQL<unknown>): Promise<T> {
	const row = await firstRow<T>(db, query);
	if (row === undefined) throw new Error('A statement that always returns a row returned none.');
	return row;
}

/** Runs a statement for its effect; `changes` is the number of rows it inserted, updated or deleted. */
export async function exec(db: Handle, query: Runs | SQL<unknown>): Promise<{ changes: number }> {
	if (engineOf(db) === 'postgres') {
		const result = (isSql(query)
			? await (db as PgDatabase<never>).execute(query)
			: await (query as unknown as PromiseLike<unknown>)) as unknown as QueryResult;
		return { changes: result.rowCount ?? 0 };
	}
	await passGate(db);
	const result = (isSql(query) ? (db as unknown as { run(q: SQLWrapper): unknown }).run(query) : query.run()) as {
		changes: number;
	};
	return { changes: result.changes };
}

// ---------------------------------------------------------------------------------------------
// Prepared queries (the request path)

type Params = Record<string, unknown>;
interface SqlitePrepared<T> {
	all(params?: Params): T[];
	get(params?: Params): T | undefined;
	run(params?: Params): { changes: number };
}
interface PgPrepared<T> {
	execute(params?: Record<string, unknown>): Promise<T[] | QueryResult>;
}
/** A builder whose SQLite prepared form reads rows (`R`), one row, or runs: what `build` returns. */
type Preparable<R> = { prepare(): R };

const preparedCache = new WeakMap<Handle, Map<string, unknown>>();

function preparedOf<D extends Handle>(db: D, key: string, build: (db: D) => { prepare(name?: string): unknown }): unknown {
	let byKey = preparedCache.get(db);
	if (!byKey) preparedCache.set(db, (byKey = new Map()));
	let query = byKey.get(key);
	if (query === undefined) {
		// PostgreSQL names a prepared statement per pooled connection; the key names the call site.
		query = engineOf(db) === 'postgres' ? build(db).prepare(key) : build(db).prepare();
		byKey.set(key, query);
	}
	return query;
}

/**
 * Rows of a query built once per database handle and kept under `key` (one key per call site):
 * `build` returns the builder with `sql.placeholder('name')` where the values go, and `params`
 * fills them. For the request path, where building and planning the same query on every call
 * costs more than running it (drizzle spends 0.5-0.8 ms building the SQL text). Only for a
 * query of fixed shape: one whose shape varies would fill the cache.
 */
export async function preparedRows<D extends Handle, T>(
	db: D,
	key: string,
	build: (db: D) => Preparable<{ all(params?: Params): T[] }>,
	params: Params = {}
): Promise<T[]> {
	const query = preparedOf(db, key, build as (db: D) => { prepare(name?: string): unknown });
	if (engineOf(db) === 'postgres') return (await (query as PgPrepared<T>).execute(params)) as T[];
	await passGate(db);
	return (query as SqlitePrepared<T>).all(params);
}

/** The first row of a prepared query (preparedRows), or undefined. */
export async function preparedFirst<D extends Handle, T>(
	db: D,
	key: string,
	build: (db: D) => Preparable<{ get(params?: Params): T | undefined }>,
	params: Params = {}
): Promise<T | undefined> {
	const query = preparedOf(db, key, build as (db: D) => { prepare(name?: string): unknown });
	if (engineOf(db) === 'postgres') return ((await (query as PgPrepared<T>).execute(params)) as T[])[0];
	await passGate(db);
	return (query as SqlitePrepared<T>).get(params);
}

/** Runs a prepared statement (preparedRows) for its effect. */
export async function preparedExec<D extends Handle>(
	db: D,
	key: string,
	build: (db: D) => Preparable<{ run(params?: Params): unknown }>,
	params: Params = {}
): Promise<{ changes: number }> {
	const query = preparedOf(db, key, build as (db: D) => { prepare(name?: string): unknown });
	if (engineOf(db) === 'postgres') {
		const result = (await (query as PgPrepared<unknown>).execute(params)) as QueryResult;
		return { changes: result.rowCount ?? 0 };
	}
	await passGate(db);
	return { changes: (query as SqlitePrepared<unknown>).run(params).changes };
}

/**
 * Runs a prepared statement (preparedRows) once for each set of values, in order: for writers of
 * many rows at a time (an import's scratch rows). On SQLite one pass of the gate, then the rows
 * at once, synchronously (a promise per row doubled the cost of 5,000 small inserts).
 */
export async function preparedExecEach<D extends Handle>(
	db: D,
	key: string,
	build: (db: D) => Preparable<{ run(params?: Params): unknown }>,
	paramsList: Params[]
): Promise<void> {
	if (paramsList.length === 0) return;
	const query = preparedOf(db, key, build as (db: D) => { prepare(name?: string): unknown });
	if (engineOf(db) === 'postgres') {
		for (const params of paramsList) await (query as PgPrepared<unknown>).execute(params);
		return;
	}
	await passGate(db);
	for (const params of paramsList) (query as SqlitePrepared<unknown>).run(params);
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** True when queries on `db` from here are part of an open transaction. */
export function inTransaction(db: Handle): boolean {
	if (engineOf(db) === 'postgres') return is(db, PgTransaction);
	return heldHere.getStore()?.has((db as unknown as SqliteHandle).$client) ?? false;
}

/**
 * Runs `body` in one transaction and returns what it returns: committed when it resolves, rolled
 * back when it throws. Queries inside must run on the handle `body` receives (on PostgreSQL the
 * transaction's own connection). A transaction opened inside another joins it. On SQLite it
 * begins IMMEDIATE (takes the write lock at once, so two writers never deadlock upgrading).
 */
export async function transaction<D extends Handle, T>(db: D, body: (tx: D) => Promise<T>): Promise<T> {
	if (inTransaction(db)) return body(db);
	if (engineOf(db) === 'postgres') {
		return (db as unknown as PgDatabase<never>).transaction((tx) => body(tx as unknown as D));
	}
	const client = (db as unknown as SqliteHandle).$client;
	const gate = gateOf(client);
	while (gate.held) await gate.free();
	gate.held = true;
	try {
		const held = new Set(heldHere.getStore());
		held.add(client);
		return await heldHere.run(held, async () => {
			client.exec('BEGIN IMMEDIATE');
			try {
				const result = await body(db);
				client.exec('COMMIT');
				return result;
			} catch (error) {
				if (client.inTransaction) client.exec('ROLLBACK');
				throw error;
			}
		});
	} finally {
		gate.release();
	}
}
