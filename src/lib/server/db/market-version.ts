// A counter of changes to the market's derived tables (category_weekly_demand and what is built
// from it). Whatever rebuilds them bumps it; results computed from them (the /tren ranking) are
// kept in memory under the version they were computed at, so an import's refresh invalidates them.
import type { Db } from './index';
import { cached } from './statements';

export function marketVersion(db: Db): string {
	return (cached(db, "select value from meta where key = 'market_version'").pluck().get() as string | undefined) ?? '0';
}

export function bumpMarketVersion(db: Db): void {
	cached(
		db,
		`insert into meta (key, value, updated_at) values ('market_version', '1', strftime('%Y-%m-%dT%H:%M:%fZ','now'))
		 on conflict(key) do update set value = cast(cast(value as integer) + 1 as text), updated_at = excluded.updated_at`
	).run();
}

/** A small per-database memo of results keyed by market version and arguments. */
export function versionedMemo<T>(max = 200) {
	const byDb = new WeakMap<object, { version: string; entries: Map<string, T> }>();
	return (db: Db, key: string, compute: () => T): T => {
		const version = marketVersion(db);
		let memo = byDb.get(db.$client);
		if (!memo || memo.version !== version) byDb.set(db.$client, (memo = { version, entries: new Map() }));
		const hit = memo.entries.get(key);
		if (hit !== undefined) return hit;
		const value = compute();
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
 */
export function dataVersion(db: Db): string {
	const [version, changes] = cached(db, 'select data_version, total_changes() from pragma_data_version').raw(true).get() as [number, number];
	return `${version}.${changes}`;
}
