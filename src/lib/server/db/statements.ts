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

/**
 * A write that only fills a cache on the request path (a stored forecast, a dashboard's market
 * part). better-sqlite3 waits for a lock synchronously, so with busy_timeout a request would
 * freeze the whole server while an import holds the write lock; here the write is skipped
 * instead (the value is recomputed next time). Returns whether it was written.
 */
export function tryCacheWrite(db: Db, write: () => void): boolean {
	const client = db.$client;
	if (client.inTransaction) {
		write();
		return true;
	}
	const timeout = client.pragma('busy_timeout', { simple: true }) as number;
	client.pragma('busy_timeout = 0');
	try {
		write();
		return true;
	} catch (e) {
		if (String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) return false;
		throw e;
	} finally {
		client.pragma(`busy_timeout = ${Number(timeout)}`);
	}
}
