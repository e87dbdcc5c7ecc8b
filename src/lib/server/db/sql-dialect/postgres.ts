// PostgreSQL's spellings of the dialect pieces (types.ts). Timestamps are stored as ISO text on
// both engines, so the same rows compare and sort the same way everywhere.
import { sql } from 'drizzle-orm';
import type { SqlDialect, SqlValue } from './types';

export const postgresDialect: SqlDialect = {
	name: 'postgresql',
	nowIso: () => sql<string>`to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
	daysBetween: (from: SqlValue, to: SqlValue) =>
		sql<number>`(extract(epoch from (cast(${to} as timestamp) - cast(${from} as timestamp))) / 86400.0)`,
	textToInteger: (value: SqlValue) => sql<number>`cast(${value} as bigint)`,
	// round(x, n) exists for numeric only (not double precision), and numeric comes back as text.
	roundTo: (value: SqlValue, digits: number) =>
		sql<number>`cast(round(cast(${value} as numeric), ${digits}) as double precision)`
};
