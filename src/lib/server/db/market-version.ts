// A counter of changes to the market's derived tables (category_weekly_demand and what is built
// from it). Whatever rebuilds them bumps it; results computed from them (the /tren ranking) are
// kept in memory under the version they were computed at, so an import's refresh invalidates them.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index';
import { excluded } from './excluded';
import { meta } from './schema';
import { dialectOf } from './sql-dialect';
import { engineOf, exec, firstRow, preparedFirst } from './run';

export async function marketVersion(db: Db): Promise<string> {
	// Read by every memoised page (the /tren ranking): prepared once per connection.
	const row = await preparedFirst(db, 'read/market-version/get', (d) => d.select({ value: meta.value }).from(meta).where(eq(meta.key, 'market_version')));
	return row?.value ?? '0';
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
	return async (db: Db, key: string, compute: () => T | Promise<T>): Promise<T> => {
		const version = await marketVersion(db);
		let memo = byDb.get(db);
		if (!memo || memo.version !== version) byDb.set(db, (memo = { version, entries: new Map() }));
		const hit = memo.entries.get(key);
		if (hit !== undefined) return hit;
		const value = await compute();
		if (memo.entries.size >= max) memo.entries.delete(memo.entries.keys().next().value!);
		memo.entries.set(key, value);
		return value;
	};
}

/**
 * The version of everything in the database as this connection sees it: SQLite's data_version
 * changes whenever another connection commits (the background writer's thread, an import in
 * another process), total_changes() with every row this connection changed (a form's write). A
 * rendered page kept under one version (page-cache.ts) is never served under another, so no
 * write path can forget to invalidate it. Microseconds: read on every request that may be kept.
 *
 * PostgreSQL: the current snapshot (`xmin:xmax:in-progress ids`). Two snapshots with the same text
 * see exactly the same committed transactions — every id below xmax and not in progress had
 * ended, and an ended transaction's fate never changes — so equal text means the same data, for
 * every process on the database, with nothing any write path has to remember to bump. It moves
 * when a transaction that writes ends (read-only ones get no id), in this process or another
 * (the other app server, its writer, an import); a page rendered after the snapshot was read
 * before it holds that data or newer, and newer data always gives another text. Rejected:
 * pg_stat_database.xact_commit counts read-only commits too (every page view would invalidate)
 * and is published late (at most once a second per backend); a counter row bumped by every
 * write is one more thing a write path can forget, and one row every writer would queue on.
 * The part after the dot counts this process's own request writes (noteOwnWrite, called once a
 * write request has answered): the page cache serves a kept copy for a few seconds after other
 * connections commit, never after one's own save.
 */
export async function dataVersion(db: Db): Promise<string> {
	if (engineOf(db) === 'postgres') {
		const row = await firstRow<{ snapshot: string }>(db, sql`select pg_current_snapshot()::text as snapshot`);
		return `${row?.snapshot}.${ownWrites}`;
	}
	// SQLite's own counters (a pragma, not a table): this db-layer function is their one reader.
	const row = await preparedFirst(db, 'read/market-version/data', (d) =>
		d.select({ version: sql<number>`data_version`, changes: sql<number>`total_changes()` }).from(sql`pragma_data_version`)
	);
	return `${row?.version}.${row?.changes}`;
}

let ownWrites = 0;

/**
 * A request of this process that may have written has answered (PostgreSQL's dataVersion: its
 * own part). SQLite counts its connection's changed rows itself (total_changes), so it needs none.
 */
export function noteOwnWrite(): void {
	ownWrites++;
}
