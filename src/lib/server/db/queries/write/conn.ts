// What a query of the write area runs on: the database, or a transaction opened on it
// (drizzle's `db.transaction((tx) => …)`), so the same query serves inside and outside one.
import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../../schema';

export type Conn = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
