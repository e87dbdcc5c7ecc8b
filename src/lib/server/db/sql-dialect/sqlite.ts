// SQLite's spellings of the dialect pieces (types.ts).
import { sql } from 'drizzle-orm';
import type { SqlDialect, SqlValue } from './types';

export const sqliteDialect: SqlDialect = {
	name: 'sqlite',
	nowIso: () => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
	daysBetween: (from: SqlValue, to: SqlValue) => sql<number>`(julianday(${to}) - julianday(${from}))`,
	textToInteger: (value: SqlValue) => sql<number>`cast(${value} as integer)`,
	roundTo: (value: SqlValue, digits: number) => sql<number>`round(${value}, ${digits})`
};
