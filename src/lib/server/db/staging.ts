// An import's staging and scratch files on the importing connection: the db-layer half of
// ingest/resolve.ts and ingest/merge.ts. SQLite by nature and so on any main engine: each
// staging thread has written a temporary SQLite file of its own (staging-file.ts), and the
// importing connection ATTACHes those files and a scratch file (`r`) to resolve and merge set-wise. The
// tables are described for drizzle in staging-schema.ts; the queries over them are typed, in
// db/queries/ingest/. Dialect piece: on PostgreSQL the staged rows would be loaded into
// temporary tables (COPY) instead of being attached; the queries read them under the same names.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './index';
import { exec } from './run';

/** The resolver's scratch tables, in the scratch file attached as `r` (staging-schema.ts describes them). */
const SCRATCH_SCHEMA = `
create table r.complex (mp text not null, key text not null, primary key (mp, key)) without rowid;
create table r.new_listing (seq integer primary key, mp text not null, key text not null, snap integer not null);
create table r.snap (seq integer primary key, key text not null);
create table r.cur (
	mp text not null, key text not null, has_current integer not null,
	price integer, price_max integer, sold integer, sold_lb integer, sold_monthly integer, rating real, review_count integer,
	star_counts text, url text, shop_key text, region text, cat text, first_seen text not null, last_seen text not null
);
create table r.review_write (seq integer primary key, mp text not null, key text not null, rkey text not null, is_new integer not null, reviewed_at text not null, stars integer, text text not null);
create table r.rejected (seq integer not null, line integer not null, raw text);
create table r.firsts (kind text not null, mp text not null, key text not null, name text, region text, rating real, seq integer not null, primary key (kind, mp, key)) without rowid;
`;

/** The schema name a staging file is attached under (its index among the batch's parts). */
export const stagingPart = (index: number) => sql.identifier(`p${index}`);

/**
 * Attaches the staging files (as p0, p1 …, in file order) and the scratch file (as `r`) to the
 * importing connection, and creates the `staged` view over every part's rows and the scratch
 * tables. detachStaged undoes it.
 */
export function attachStaged(db: Db, partPaths: string[], scratchPath: string): void {
	const client = db.$client;
	partPaths.forEach((path, i) => client.prepare(`attach ? as p${i}`).run(path));
	client.prepare('attach ? as r').run(scratchPath);
	client.pragma('r.journal_mode = OFF');
	client.pragma('r.synchronous = OFF');
	client.exec(`create temp view staged as ${partPaths.map((_, i) => `select * from p${i}.rows`).join(' union all ') || 'select * from main.listings where 0'}`);
	client.exec(SCRATCH_SCHEMA);
}

/** Detaches what attachStaged attached (on every path; an open transaction is rolled back first). */
export function detachStaged(db: Db, partCount: number): void {
	const client = db.$client;
	if (client.inTransaction) client.exec('ROLLBACK');
	try {
		client.exec('drop view if exists temp.staged');
	} catch {
		// Not created.
	}
	const attached = new Set((client.pragma('database_list') as { name: string }[]).map((d) => d.name));
	for (let i = 0; i < partCount; i++) if (attached.has(`p${i}`)) client.exec(`detach p${i}`);
	if (attached.has('r')) client.exec('detach r');
}

/**
 * Copies the rows of `select` (in its order) into the scratch table `r.walk`, numbered by rowid
 * (staging-schema.ts scratchWalk), replacing what was there: the resolver pages through it while
 * it writes other scratch tables, which better-sqlite3 does not allow during an iteration.
 */
export async function createWalk(db: Db, select: SQL): Promise<void> {
	await dropWalk(db);
	await exec(db, sql`create table r.walk as ${select}`);
}

export async function dropWalk(db: Db): Promise<void> {
	await exec(db, sql`drop table if exists r.walk`);
}
