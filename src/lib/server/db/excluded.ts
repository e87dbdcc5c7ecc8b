// The row an upsert tried to insert (`excluded.<column>`): the same spelling on SQLite and
// PostgreSQL, unqualified as both require in `on conflict … do update set`.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';

export function excluded<T extends AnyColumn>(column: T): SQL<T['_']['data']> {
	return sql`excluded.${sql.identifier(column.name)}`;
}
