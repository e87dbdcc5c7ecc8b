// Queries of read/imports.ts: the import history, one batch, and its rejected rows.
import { asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { importBatches as b, importRejections as r } from '../../schema';
import { prepared } from '../../statements';
import { preparedFirst, preparedRows } from '../../run';

/**
 * A batch's columns. `S`: the type of observed_source, stored as text; only
 * ingest/observed-date.ts writes it (the caller names its DateSource: db does not import ingest).
 */
const batchColumns = <S extends string>() => ({
	id: b.id,
	source: b.source,
	filename: b.filename,
	status: b.status,
	startedAt: b.startedAt,
	finishedAt: b.finishedAt,
	observedAt: b.observedAt,
	observedSource: sql<S | null>`${b.observedSource}`,
	rows: b.rows,
	inserted: b.inserted,
	updated: b.updated,
	duplicates: b.duplicates,
	rejected: b.rejected,
	message: b.message
});

/** The newest `limit` batches, the demo's left out. Every query here runs per page view: prepared. */
export async function recentBatches<S extends string>(db: Db, limit: number) {
	return await preparedRows(db, 'read/imports/recent', (d) => d
			.select(batchColumns<S>())
			.from(b)
			.where(ne(b.source, 'demo'))
			.orderBy(desc(b.id))
			.limit(sql.placeholder('limit'))
			, { limit });
}

export async function batchById<S extends string>(db: Db, id: number) {
	return await preparedFirst(db, 'read/imports/batch', (d) => d
			.select({ ...batchColumns<S>(), fileHash: b.fileHash, unmapped: b.unmapped })
			.from(b)
			.where(eq(b.id, sql.placeholder('id')))
			, { id });
}

const REJECTION = { line: r.line, column: r.column, reasonId: r.reasonId, reasonEn: r.reasonEn, raw: r.raw };

/** A batch's rejected rows by line, the first `limit` (all when no limit). */
export async function batchRejections(db: Db, batchId: number, limit?: number) {
	if (limit === undefined) {
		return await preparedRows(db, 'read/imports/rejections-all', (d) => d.select(REJECTION).from(r).where(eq(r.batchId, sql.placeholder('batchId'))).orderBy(asc(r.line)), { batchId });
	}
	return await preparedRows(db, 'read/imports/rejections', (d) => d
			.select(REJECTION)
			.from(r)
			.where(eq(r.batchId, sql.placeholder('batchId')))
			.orderBy(asc(r.line))
			.limit(sql.placeholder('limit'))
			, { batchId, limit });
}

export async function batchRejectionCount(db: Db, batchId: number): Promise<number> {
	return (
		(await preparedFirst(db, 'read/imports/rejection-count', (d) => d
				.select({ n: sql<number>`count(*)` })
				.from(r)
				.where(eq(r.batchId, sql.placeholder('batchId')))
				, { batchId }))?.n ?? 0
	);
}
