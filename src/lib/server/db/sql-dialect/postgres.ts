// PostgreSQL's spellings of the dialect pieces (types.ts). Timestamps are stored as ISO text on
// both engines, so the same rows compare and sort the same way everywhere.
import { sql } from 'drizzle-orm';
import type { SqlDialect, SqlValue } from './types';

export const postgresDialect: SqlDialect = {
	name: 'postgresql',
	nowIso: () => sql<string>`to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
	daysBetween: (from: SqlValue, to: SqlValue) =>
		// extract() gives numeric, which node-postgres returns as text: as double precision it is a JS number, like SQLite's julianday difference.
		sql<number>`cast(extract(epoch from (cast(${to} as timestamp) - cast(${from} as timestamp))) / 86400.0 as double precision)`,
	// SQLite's cast reads the leading whole number and gives 0 when there is none; PostgreSQL's
	// cast would fail on "12@2026-01-05" (a forecast key's tail), so the number is cut out first.
	textToInteger: (value: SqlValue) => sql<number>`coalesce(cast(substring(${value} from '^ *([-+]?[0-9]+)') as bigint), 0)`,
	// round(x, n) exists for numeric only (not double precision), and numeric comes back as text.
	roundTo: (value: SqlValue, digits: number) =>
		sql<number>`cast(round(cast(${value} as numeric), ${digits}) as double precision)`
};
