// Reading a large result row by row. drizzle's builder, db.all and db.values build the whole
// result as one array first; for a category's snapshots (millions of rows in a refresh) that
// costs far more than the work done on them (measured on the 24,000-listing demo: 1.8M snapshot
// rows, 3.0 s CPU streamed vs 5.0 s as one array). drizzle has no cursor, so this one driver
// piece stays in the db layer (on PostgreSQL: a cursor). The query is a `sql` template typed with
// the schema like any other; T is the row as an array of the selected columns, in order.
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';

const dialect = new SQLiteSyncDialect();

export function streamRows<T extends unknown[]>(db: Db, query: SQL): IterableIterator<T> {
	const { sql, params } = dialect.sqlToQuery(query);
	return db.$client.prepare(sql).raw(true).iterate(...params) as IterableIterator<T>;
}
