// The pieces of SQL that differ between the engines we run on, behind one interface with one
// implementation per dialect (sqlite.ts, postgres.ts), as Evidence keeps one file per SQL
// dialect. Everything else is written once, with drizzle's builder or a `sql` template typed
// with the schema, and renders correctly for either engine. A query that needs something not
// listed here adds it here, to both implementations, with a test for each (sql-dialect.test.ts).
import type { AnyColumn, SQL } from 'drizzle-orm';

export type SqlValue = SQL | AnyColumn;

export interface SqlDialect {
	readonly name: 'sqlite' | 'postgresql';
	/** The current moment as ISO-8601 UTC text with milliseconds ("2026-11-30T10:00:00.000Z"), as the schema stores timestamps. */
	nowIso(): SQL<string>;
	/** Days from `from` to `to` (ISO date or timestamp texts), fractional: 2026-11-01 → 2026-11-08T12:00 is 7.5. */
	daysBetween(from: SqlValue, to: SqlValue): SQL<number>;
	/** The whole number a text starts with, as an integer; 0 when it starts with none (the meta table's counters, the id in a forecast key's tail). */
	textToInteger(value: SqlValue): SQL<number>;
	/**
	 * A real number rounded to `digits` decimals, as a real (a shop's mean rating: 4.36 → 4.4).
	 * Halves are rounded away from zero (4.25 → 4.3). A decimal that is not exact in binary can
	 * differ: SQLite rounds the stored double (4.35 is 4.3499… → 4.3), PostgreSQL its 15-digit
	 * decimal (4.35 → 4.4).
	 */
	roundTo(value: SqlValue, digits: number): SQL<number>;
}
