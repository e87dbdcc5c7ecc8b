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
