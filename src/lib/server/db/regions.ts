// Indonesia's administrative regions (Kemendagri codes) from the `idn-area-data` package:
// 38 provinces, 514 regencies/cities, ~7.3k districts and ~84k villages. Loaded once into
// `regions` so shops, producers and co-ops can point at real places.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './index';
import { regions } from './schema';
import { pgColumns, pgQuery, unnestInsert } from './pg-bulk';
import { engineOf, firstRow, preparedFirst, transaction } from './run';
import { statement } from './statement';

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

export interface RegionRow {
	code: string;
	parentCode: string | null;
	level: RegionLevel;
	name: string;
}

// file, parent column, level — parents before children so the tree is always complete.
const FILES: [string, string | null, RegionLevel][] = [
	['provinces.csv', null, 'province'],
	['regencies.csv', 'province_code', 'regency'],
	['districts.csv', 'regency_code', 'district'],
	['villages.csv', 'district_code', 'village']
];

let cached: RegionRow[] | undefined;

function dataDir(): string {
	const pkg = createRequire(import.meta.url).resolve('idn-area-data/package.json');
	return join(dirname(pkg), 'data');
}

/** Every region row from the package, parents first; parsed once per process. */
export function readRegions(): RegionRow[] {
	if (cached) return cached;
	const dir = dataDir();
	const out: RegionRow[] = [];
	for (const [file, parentColumn, level] of FILES) {
		const records = parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true }) as Record<
			string,
			string
		>[];
		for (const r of records)
			out.push({ code: r.code, parentCode: parentColumn ? r[parentColumn] : null, level, name: r.name });
	}
	cached = out;
	return out;
}

/** Data lines of the package's region files (headers left out): at least its row count. */
function packageLineCount(): number {
	let n = 0;
	for (const [file] of FILES) {
		const buf = readFileSync(join(dataDir(), file));
		let lines = 0;
		for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
		if (buf.length && buf[buf.length - 1] !== 10) lines++;
		n += lines - 1;
	}
	return n;
}

/**
 * Inserts every province, regency, district and village, in one transaction with one
 * prepared statement. Idempotent: when the villages are already there it does nothing.
 * Returns the number of rows inserted (0 when the regions were already loaded).
 */
export async function loadRegions(db: Db): Promise<number> {
	const present = (await firstRow(db, db.select({ n: sql<number>`count(*)` }).from(regions))) ?? { n: 0 };
	// Usually loaded already: the package's lines counted (ms) instead of its 90,000 rows parsed (~0.25 s, every import).
	if (present.n > 0 && present.n >= packageLineCount()) return 0;
	const rows = readRegions();
	if (present.n >= rows.length) return 0;
	// Prepared once for the 90,000 rows; a region already there is left as it is.
	return await transaction(db, async (tx) => {
		if (engineOf(tx) === 'postgres') return insertPgRegions(tx, rows);
		const insert = statement(tx, 'write/regions/insert', (d) =>
			d
				.insert(regions)
				.values({ code: sql.placeholder('code'), parentCode: sql.placeholder('parentCode'), level: sql.placeholder('level'), name: sql.placeholder('name') })
				.onConflictDoNothing()
		);
		let inserted = 0;
		for (const r of rows) inserted += (await insert.run({ code: r.code, parentCode: r.parentCode, level: r.level, name: r.name })).changes;
		return inserted;
	});
}

/**
 * PostgreSQL: a statement a row costs a round trip each (15 s for the 90,000 rows, on every new
 * database's first import, against 1 s on SQLite): 10,000 rows a statement instead, one array
 * per column (db/pg-bulk.ts).
 */
async function insertPgRegions(tx: Db, rows: RegionRow[]): Promise<number> {
	const text = unnestInsert('regions', pgColumns('regions', ['code', 'parent_code', 'level', 'name']), 'on conflict do nothing');
	let inserted = 0;
	for (let i = 0; i < rows.length; i += 10_000) {
		const batch = rows.slice(i, i + 10_000);
		const result = await pgQuery(tx, text, [batch.map((r) => r.code), batch.map((r) => r.parentCode), batch.map((r) => r.level), batch.map((r) => r.name)]);
		inserted += result.rowCount ?? 0;
	}
	return inserted;
}

/**
 * The names a regency or city may be stored under, in the order they are tried: 'Purwakarta' →
 * Kabupaten Purwakarta, Kota Purwakarta, Kota Administrasi Purwakarta, Purwakarta; 'Kab. Pati' →
 * Kabupaten Pati. Shared by findRegency and the importer's lookup without a database.
 */
export function regencyCandidates(name: string): string[] {
	const wanted = name
		.trim()
		.replace(/^kab(upaten)?\.?\s+/i, 'Kabupaten ')
		.replace(/\s+/g, ' ');
	return /^(kabupaten|kota)\s/i.test(wanted)
		? [wanted, wanted.replace(/^kota /i, 'Kota Administrasi ')]
		: [`Kabupaten ${wanted}`, `Kota ${wanted}`, `Kota Administrasi ${wanted}`, wanted];
}

/**
 * The code of a regency or city by name: 'Purwakarta' → '32.14'. A bare name prefers the
 * Kabupaten over the Kota of the same name ('Tasikmalaya' → '32.06'); 'Kota Tasikmalaya',
 * 'Kab. Pati' and full names work too. Case-insensitive; undefined when nothing matches.
 */
export async function findRegency(db: Db, name: string): Promise<string | undefined> {
	// lower() on both sides: SQLite's nocase (ASCII letters), and the same on PostgreSQL.
	const query = (d: Db) =>
		d
			.select({ code: regions.code })
			.from(regions)
			.where(and(eq(regions.level, 'regency'), sql`lower(${regions.name}) = lower(${sql.placeholder('name')})`))
			.orderBy(asc(regions.code))
			.limit(1);
	for (const c of regencyCandidates(name)) {
		const hit = await preparedFirst(db, 'read/regions/regency', query, { name: c });
		if (hit) return hit.code;
	}
	return undefined;
}

/** Provinces and regencies only (not the 90,000 villages): what a seller's location can name. */
export function readProvincesAndRegencies(): RegionRow[] {
	if (cached) return cached.filter((r) => r.level === 'province' || r.level === 'regency');
	const dir = dataDir();
	const out: RegionRow[] = [];
	for (const [file, parentColumn, level] of FILES.slice(0, 2)) {
		const records = parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
		for (const r of records) out.push({ code: r.code, parentCode: parentColumn ? r[parentColumn] : null, level, name: r.name });
	}
	return out;
}
