// Moving an install from SQLite to PostgreSQL (`npm run db:copy`, issue 15): every table of a
// migrated SQLite database (the main file and the sign-in file beside it) into a freshly migrated,
// empty PostgreSQL database, in one PostgreSQL transaction. A failure anywhere — a row the target
// refuses, a count that does not match, the process killed — leaves the target with its tables and
// no rows, so the copy can simply be run again.
import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { authDatabasePath, authMigrationsFolder } from './auth-db';
import * as authSchemaPg from './auth-schema.pg';
import { migrationsFolder } from './index';
import { unnestInsert } from './pg-bulk';
import { migratePostgres, openPostgres } from './postgres';
import * as schemaPg from './schema.pg';

/** A refusal or failure the CLI prints as it is (Indonesian, then English) and exits 1 on. */
export class CopyError extends Error {
	constructor(
		readonly id: string,
		en: string
	) {
		super(`${id}\n${en}`);
	}
}

export interface TableCopy {
	table: string;
	/** Which SQLite file the rows came from. */
	source: 'main' | 'auth';
	rows: number;
	seconds: number;
}

export interface CopyProgress {
	table: string;
	done: number;
	total: number;
}

export interface CopyOptions {
	/** The SQLite file of the install (its sign-in file, `<name>-auth.db`, is found beside it). */
	from: string;
	/** postgres://… of the target database (it must exist; it is migrated here). */
	to: string;
	/** Called every batch of a table (the CLI prints big tables' progress). */
	onProgress?: (p: CopyProgress) => void;
	/** Rows per insert; each insert sends one array per column (unnest), so no parameter limit applies. */
	batchRows?: number;
}

export interface CopyResult {
	tables: TableCopy[];
	/** Rebuilding the secondary indexes and checking the foreign keys once the rows are in. */
	rebuildSeconds: number;
	seconds: number;
}

interface PlannedTable {
	name: string;
	source: 'main' | 'auth';
	columns: { name: string; sqlType: string; boolean: boolean }[];
	identity: string | null;
}

/** The PgTable exports of a schema module (it also exports value lists such as `units`). */
function pgTablesOf(module: object): PgTable[] {
	return Object.values(module as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));
}

const AUTH_TABLES = new Set(pgTablesOf(authSchemaPg).map((t) => getTableConfig(t).name));

/** PostgreSQL tables in an order where every table comes after the tables it points at. */
export function copyOrder(): PlannedTable[] {
	const tables = [...pgTablesOf(schemaPg), ...pgTablesOf(authSchemaPg)].map((t) => getTableConfig(t));
	const byName = new Map(tables.map((t) => [t.name, t]));
	const ordered: PlannedTable[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (name: string) => {
		if (state.get(name) === 'done') return;
		if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle through ${name}`);
		state.set(name, 'visiting');
		const t = byName.get(name)!;
		for (const fk of t.foreignKeys) {
			const target = getTableConfig(fk.reference().foreignTable).name;
			if (target !== name) visit(target);
		}
		state.set(name, 'done');
		const identity = t.columns.find((c) => c.generatedIdentity)?.name ?? null;
		ordered.push({
			name,
			source: AUTH_TABLES.has(name) ? 'auth' : 'main',
			columns: t.columns.map((c) => ({ name: c.name, sqlType: c.getSQLType(), boolean: c.getSQLType() === 'boolean' })),
			identity
		});
	};
	for (const name of [...byName.keys()].sort()) visit(name);
	return ordered;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const fmt = (n: number) => n.toLocaleString('id-ID');

/**
 * The SQLite file must be at this version of the app's migrations: the copy reads its tables as
 * schema.ts has them. drizzle's migrator decides by the newest applied migration's timestamp,
 * and so does this (a count would be wrong where a migration was renumbered at a merge).
 */
function checkMigrated(db: Database.Database, folder: string, label: string, migrationsTable: string): void {
	const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
	const latest = Math.max(...journal.entries.map((e) => e.when));
	const has = db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(migrationsTable);
	const applied = has ? ((db.prepare(`select max(created_at) as at from ${q(migrationsTable)}`).get() as { at: number | null }).at ?? 0) : 0;
	if (applied < latest)
		throw new CopyError(
			`${label} belum dimigrasi ke versi aplikasi ini. Jalankan dulu: DATABASE_URL=${label} npm run db:migrate`,
			`${label} is not migrated to this version of the app. Run first: DATABASE_URL=${label} npm run db:migrate`
		);
	if (applied > latest)
		throw new CopyError(
			`${label} dibuat oleh versi aplikasi yang lebih baru. Salin dengan versi itu.`,
			`${label} was migrated by a newer version of the app. Copy it with that version.`
		);
}

function openSource(path: string): Database.Database {
	try {
		return new Database(path, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new CopyError(`Berkas SQLite ${path} tidak bisa dibuka: ${(e as Error).message}`, `Cannot open the SQLite file ${path}: ${(e as Error).message}`);
	}
}

/**
 * A bulk load into empty tables: a foreign key checked row by row costs an index lookup per row
 * in the table it points at, and a secondary index an insert at a random place per row; adding
 * the key afterwards checks every row in one join, and building the index is one sort (the demo
 * database, 2.3 million rows: 114 s with them in place, 57 s deferred; also deferring primary
 * keys and unique indexes gained nothing, 58 s, and would report a duplicate only at the end).
 * Inside the copy's transaction this drops the foreign keys and non-unique indexes (keeping
 * their definitions) and returns the function that puts them back, checking every row: a row
 * that points at nothing fails the copy there, as it would have on insert. Primary keys and
 * unique indexes stay. Nothing of this is seen outside the transaction.
 */
async function deferChecks(client: pg.PoolClient): Promise<() => Promise<void>> {
	const fks = (
		await client.query<{ table: string; name: string; def: string }>(
			`select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
			 from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace order by 1, 2`
		)
	).rows;
	const indexes = (
		await client.query<{ name: string; def: string }>(
			`select i.relname as name, pg_get_indexdef(i.oid) as def
			 from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_namespace n on n.oid = i.relnamespace
			 where n.nspname = 'public' and not ix.indisunique and not ix.indisprimary order by 1`
		)
	).rows;
	for (const fk of fks) await client.query(`alter table ${fk.table} drop constraint ${q(fk.name)}`);
	for (const ix of indexes) await client.query(`drop index ${q(ix.name)}`);
	const put = async (what: string, def: string, table: string) => {
		try {
			await client.query(what);
		} catch (e) {
			throw new CopyError(
				`Tabel ${table} tidak memenuhi ${def}: ${(e as Error).message}. Tidak ada yang disalin.`,
				`Table ${table} breaks ${def}: ${(e as Error).message}. Nothing was copied.`
			);
		}
	};
	return async () => {
		// Index builds sort in memory up to this much, on this transaction only.
		await client.query("set local maintenance_work_mem = '256MB'");
		for (const ix of indexes) await put(ix.def, ix.def, ix.def.replace(/^.* ON (\S+) .*$/s, '$1'));
		for (const fk of fks) await put(`alter table ${fk.table} add constraint ${q(fk.name)} ${fk.def}`, fk.def, fk.table);
	};
}

/** Copies `from` (SQLite) into `to` (PostgreSQL). Throws CopyError on a refusal; any error leaves `to` without rows. */
export async function copySqliteToPostgres(opts: CopyOptions): Promise<CopyResult> {
	const started = performance.now();
	const batchRows = opts.batchRows ?? 5000;
	if (!existsSync(opts.from)) throw new CopyError(`Berkas SQLite ${opts.from} tidak ada.`, `The SQLite file ${opts.from} does not exist.`);
	const main = openSource(opts.from);
	const authPath = authDatabasePath(opts.from);
	const auth = existsSync(authPath) ? openSource(authPath) : null;
	const plan = copyOrder();
	try {
		checkMigrated(main, migrationsFolder(), opts.from, '__drizzle_migrations');
		if (auth) checkMigrated(auth, authMigrationsFolder(migrationsFolder()), authPath, '__drizzle_auth_migrations');
		for (const t of plan) {
			const src = t.source === 'main' ? main : auth;
			if (!src) continue;
			const present = new Set((src.prepare(`select name from pragma_table_info(?)`).all(t.name) as { name: string }[]).map((r) => r.name));
			const missing = t.columns.filter((c) => !present.has(c.name)).map((c) => c.name);
			if (missing.length)
				throw new CopyError(
					`Tabel ${t.name} di ${t.source === 'main' ? opts.from : authPath} tidak punya kolom ${missing.join(', ')}.`,
					`Table ${t.name} in ${t.source === 'main' ? opts.from : authPath} lacks column(s) ${missing.join(', ')}.`
				);
		}

		try {
			await migratePostgres(opts.to);
		} catch (e) {
			throw new CopyError(`Basis data tujuan tidak bisa dimigrasi: ${(e as Error).message}`, `The target database could not be migrated: ${(e as Error).message}`);
		}

		const pgDb = openPostgres(opts.to, 1);
		const client = await pgDb.$client.connect();
		// All the reads of a file see one moment of it (WAL snapshot from its first read), even while a
		// server keeps writing: a listing copied is never missing its snapshots.
		main.exec('begin');
		auth?.exec('begin');
		try {
			await client.query('begin');
			// Two copies started at once: the second waits here, then finds the rows of the first.
			await client.query("select pg_advisory_xact_lock(hashtext('despro db:copy'))");
			const held: string[] = [];
			for (const t of plan) {
				const { rows } = await client.query(`select exists (select 1 from ${q(t.name)}) as held`);
				if (rows[0].held) held.push(t.name);
			}
			if (held.length)
				throw new CopyError(
					`Basis data tujuan sudah berisi data (tabel ${held.join(', ')}). Salin hanya ke basis data yang kosong: tidak ada yang diubah.`,
					`The target database already holds data (tables ${held.join(', ')}). Copy only into an empty database: nothing was changed.`
				);

			const restore = await deferChecks(client);
			const tables: TableCopy[] = [];
			for (const t of plan) {
				const tableStart = performance.now();
				const src = t.source === 'main' ? main : auth;
				if (!src) {
					tables.push({ table: t.name, source: t.source, rows: 0, seconds: 0 });
					continue;
				}
				const total = (src.prepare(`select count(*) as n from ${q(t.name)}`).get() as { n: number }).n;
				// In the order the rows were written (SQLite's rowid), so that a table scan on PostgreSQL
				// meets them in the same order; no query relies on it (ordered lists carry their own
				// column, as the bill of materials' position).
				const select = src.prepare(`select ${t.columns.map((c) => q(c.name)).join(', ')} from ${q(t.name)} order by rowid`).raw();
				// One array per column, expanded row by row by unnest: one parameter per column whatever the batch size.
				const insert = unnestInsert(t.name, t.columns);
				let arrays: unknown[][] = t.columns.map(() => []);
				let inBatch = 0;
				let bytes = 0;
				let done = 0;
				const flush = async () => {
					if (inBatch === 0) return;
					try {
						await client.query(insert, arrays);
					} catch (e) {
						throw new CopyError(
							`Baris ${fmt(done + 1)}–${fmt(done + inBatch)} tabel ${t.name} ditolak PostgreSQL: ${(e as Error).message}. Tidak ada yang disalin.`,
							`Rows ${done + 1}–${done + inBatch} of table ${t.name} were refused by PostgreSQL: ${(e as Error).message}. Nothing was copied.`
						);
					}
					done += inBatch;
					opts.onProgress?.({ table: t.name, done, total });
					arrays = t.columns.map(() => []);
					inBatch = 0;
					bytes = 0;
				};
				for (const row of select.iterate() as Iterable<unknown[]>) {
					for (let i = 0; i < row.length; i++) {
						const v = row[i];
						// SQLite keeps booleans as 0/1; PostgreSQL's boolean column wants true/false.
						arrays[i].push(t.columns[i].boolean && v !== null ? v !== 0 : v);
						if (typeof v === 'string') bytes += v.length;
					}
					inBatch++;
					// Long JSON texts (stored dashboards, forecasts) make a batch big before it is long.
					if (inBatch >= batchRows || bytes > 16 * 1024 * 1024) await flush();
				}
				await flush();
				const { rows } = await client.query(`select count(*) as n from ${q(t.name)}`);
				const copied = Number(rows[0].n);
				if (copied !== total)
					throw new CopyError(
						`Tabel ${t.name}: ${fmt(copied)} baris di PostgreSQL, ${fmt(total)} di SQLite. Tidak ada yang disalin.`,
						`Table ${t.name}: ${copied} rows in PostgreSQL, ${total} in SQLite. Nothing was copied.`
					);
				if (t.identity) {
					// The next id the app or an import takes must come after the copied ones.
					await client.query(
						`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${q(t.identity)}) from ${q(t.name)}), 0) + 1, false)`,
						[t.name, t.identity]
					);
				}
				tables.push({ table: t.name, source: t.source, rows: copied, seconds: (performance.now() - tableStart) / 1000 });
			}
			const rebuildStart = performance.now();
			await restore();
			const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
			await client.query('commit');
			// Planner statistics for the copied tables now, not when autovacuum comes round: without
			// them PostgreSQL guesses row counts, and the first pages on a big copy take seconds.
			await client.query('analyze');
			return { tables, rebuildSeconds, seconds: (performance.now() - started) / 1000 };
		} catch (e) {
			await client.query('rollback').catch(() => {});
			throw e;
		} finally {
			client.release();
			await pgDb.$client.end();
			main.exec('rollback');
			auth?.exec('rollback');
		}
	} finally {
		main.close();
		auth?.close();
	}
}

/** The result as a table for the terminal: table, source file, rows, seconds. */
export function formatCopyTable(result: CopyResult): string {
	const rows = result.tables.map((t) => [t.table, t.source === 'auth' ? 'masuk' : 'utama', fmt(t.rows), t.seconds.toFixed(2)]);
	const header = ['tabel', 'berkas', 'baris', 'detik'];
	rows.push(['(indeks dan kunci asing)', '', '', result.rebuildSeconds.toFixed(2)]);
	const total = ['jumlah', '', fmt(result.tables.reduce((s, t) => s + t.rows, 0)), result.seconds.toFixed(2)];
	const all = [header, ...rows, total];
	const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(total)].join('\n');
}

