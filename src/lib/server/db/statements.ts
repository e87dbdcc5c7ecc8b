// Prepared queries kept per database connection. Preparing parses and plans the SQL (tens of
// microseconds, more for joins) and drizzle builds the SQL text first (0.5-0.8 ms measured); on
// the request path the same few queries run thousands of times, so each is built and prepared
// once per connection. Only for queries of a fixed shape: one with a variable number of
// parameters would fill the cache (key it by the shape, as the product search keys by its words).
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
