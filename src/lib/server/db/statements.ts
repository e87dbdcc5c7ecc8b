// Prepared statements cached per database connection. better-sqlite3's prepare() parses and
// plans the SQL every time (tens of microseconds, more for joins); on the request path the same
// few statements run thousands of times, so they are prepared once per connection. Only for
// fixed SQL text: statements built with a variable number of placeholders would fill the cache.
import type Database from 'better-sqlite3';
import type { Db } from './index';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function cached(db: Db, sql: string): Database.Statement {
	let byText = cache.get(db.$client);
	if (!byText) cache.set(db.$client, (byText = new Map()));
	let statement = byText.get(sql);
	if (!statement) byText.set(sql, (statement = db.$client.prepare(sql)));
	return statement;
}

const preparedCache = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle prepared query (`db.select()…where(eq(t.id, sql.placeholder('id'))).prepare()`),
 * built once per database connection and kept under `key` (one key per call site). For the
 * request path, where building and preparing the same query on every call costs more than
 * running it. Any drizzle database object works as `db` (the main one, or the sign-in state's
 * own, db/auth-db.ts): the cache is per object, and each object is one connection.
 */
export function prepared<D extends object, T>(db: D, key: string, build: (db: D) => T): T {
	let byKey = preparedCache.get(db);
	if (!byKey) preparedCache.set(db, (byKey = new Map()));
	let query = byKey.get(key) as T | undefined;
	if (query === undefined) byKey.set(key, (query = build(db)));
	return query;
}
