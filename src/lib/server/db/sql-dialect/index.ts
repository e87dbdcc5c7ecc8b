// Which dialect a database speaks: the handle tells (run.ts engineOf), SQLite's or PostgreSQL's.
import type { Db } from '../index';
import { engineOf } from '../run';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';
import type { SqlDialect } from './types';

export function dialectOf(db: Db): SqlDialect {
	return engineOf(db) === 'postgres' ? postgresDialect : sqliteDialect;
}

export type { SqlDialect, SqlValue } from './types';
