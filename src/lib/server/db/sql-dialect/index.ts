// Which dialect a database speaks. The app's Db is SQLite today (db/index.ts); the PostgreSQL
// pieces exist and are tested so that queries written through this interface move unchanged.
import type { Db } from '../index';
import { sqliteDialect } from './sqlite';
import type { SqlDialect } from './types';

export function dialectOf(_db: Db): SqlDialect {
	return sqliteDialect;
}

export type { SqlDialect, SqlValue } from './types';
