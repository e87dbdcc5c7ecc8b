// A query of fixed shape run many times with different values (a refresh's or the seeder's
// per-row inserts), on either engine: built and prepared once per database handle through
// run.ts's prepared forms, and run with `await s.run(values)` / `s.get` / `s.all`. Where the rows
// are written inside a transaction, make the statement from the transaction's handle (on
// PostgreSQL that is the transaction's own connection; on SQLite it is the same handle).
import { preparedExec, preparedFirst, preparedRows, type Handle } from './run';

type Params = Record<string, unknown>;

/** A query builder of ours (typed as SQLite's; run.ts runs it on PostgreSQL too). */
type Preparable = { prepare(): unknown };

/** The row type of a builder's prepared form (`unknown` for a statement that returns none). */
type RowOf<B> = B extends { prepare(): { all(...args: never[]): infer R } } ? (R extends (infer E)[] ? E : unknown) : unknown;

export interface Statement<T> {
	all(params?: Params): Promise<T[]>;
	get(params?: Params): Promise<T | undefined>;
	run(params?: Params): Promise<{ changes: number }>;
}

/** The builder `build(db)` with `sql.placeholder('name')` where values go, kept under `key` (one key per call site). */
export function statement<D extends Handle, B extends Preparable>(db: D, key: string, build: (db: D) => B): Statement<RowOf<B>> {
	return {
		all: (params = {}) => preparedRows(db, key, build as never, params) as Promise<RowOf<B>[]>,
		get: (params = {}) => preparedFirst(db, key, build as never, params) as Promise<RowOf<B> | undefined>,
		run: (params = {}) => preparedExec(db, key, build as never, params)
	};
}
