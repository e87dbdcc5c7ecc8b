// A counter of changes to the market's derived tables (category_weekly_demand and what is built
// from it). Whatever rebuilds them bumps it; results computed from them (the /tren ranking) are
// kept in memory under the version they were computed at, so an import's refresh invalidates them.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index';
import { excluded } from './excluded';
import { meta } from './schema';
import { dialectOf } from './sql-dialect';
import { prepared } from './statements';
import { exec } from './run';

export function marketVersion(db: Db): string {
	// Read by every memoised page (the /tren ranking): prepared once per connection.
	const query = prepared(db, 'read/market-version/get', (d) =>
		d.select({ value: meta.value }).from(meta).where(eq(meta.key, 'market_version')).prepare()
	);
	return query.get()?.value ?? '0';
}

export async function bumpMarketVersion(db: Db): Promise<void> {
	const dialect = dialectOf(db);
	await exec(db, db.insert(meta)
		.values({ key: 'market_version', value: '1', updatedAt: dialect.nowIso() })
		.onConflictDoUpdate({
			target: meta.key,
			set: {
				value: sql`cast(${dialect.textToInteger(meta.value)} + 1 as text)`,
				updatedAt: excluded(meta.updatedAt)
			}
		}));
}

/** A small per-database memo of results keyed by market version and arguments. */
export function versionedMemo<T>(max = 200) {
	const byDb = new WeakMap<object, { version: string; entries: Map<string, T> }>();
	return (db: Db, key: string, compute: () => T): T => {
		const version = marketVersion(db);
		let memo = byDb.get(db);
		if (!memo || memo.version !== version) byDb.set(db, (memo = { version, entries: new Map() }));
		const hit = memo.entries.get(key);
		if (hit !== undefined) return hit;
		const value = compute();
		if (memo.entries.size >= max) memo.entries.delete(memo.entries.keys().next().value!);
		memo.entries.set(key, value);
		// A result still being computed is kept as its promise (callers at once share it); a
		// failed one is forgotten, so the next request computes it again.
		if (value instanceof Promise) value.catch(() => memo.entries.get(key) === value && memo.entries.delete(key));
		return value;
	};
}

/**
 * The version of everything in the database as this connection sees it: SQLite's data_version
 * changes whenever another connection commits (the background writer's thread, an import in
 * another process), total_changes() with every row this connection changed (a form's write). A
 * rendered page kept under one version (page-cache.ts) is never served under another, so no
 * write path can forget to invalidate it. Microseconds: read on every request that may be kept.
 */
export function dataVersion(db: Db): string {
	// SQLite's own counters (a pragma, not a table): this db-layer function is their one reader.
	const query = prepared(db, 'read/market-version/data', (d) =>
		d
			.select({ version: sql<number>`data_version`, changes: sql<number>`total_changes()` })
			.from(sql`pragma_data_version`)
			.prepare()
	);
	const row = query.get();
	return `${row?.version}.${row?.changes}`;
}
