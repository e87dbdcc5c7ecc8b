// SQLite's spellings of the dialect pieces (types.ts).
import { sql, type Table } from 'drizzle-orm';
import type { SqlDialect, SqlValue } from './types';

export const sqliteDialect: SqlDialect = {
	name: 'sqlite',
	nowIso: () => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
	daysBetween: (from: SqlValue, to: SqlValue) => sql<number>`(julianday(${to}) - julianday(${from}))`,
	textToInteger: (value: SqlValue) => sql<number>`cast(${value} as integer)`,
	// A new row's rowid is one more than the largest in the table: rows written together keep their order.
	insertionOrder: (table: Table) => sql`${table}.rowid`,
	roundTo: (value: SqlValue, digits: number) => sql<number>`round(${value}, ${digits})`
};
