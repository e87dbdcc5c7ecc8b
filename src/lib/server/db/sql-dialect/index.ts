// Which dialect a database speaks: by the engine of the handle (run.ts engineOf), so that a
// query written through this interface renders for the engine it runs on.
import type { Db } from '../index';
import { engineOf } from '../run';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';
import type { SqlDialect } from './types';

export function dialectOf(db: Db): SqlDialect {
	return engineOf(db) === 'postgres' ? postgresDialect : sqliteDialect;
}

export type { SqlDialect, SqlValue } from './types';
