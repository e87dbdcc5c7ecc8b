// Queries of read/imports.ts: the import history, one batch, and its rejected rows.
import { asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { importBatches as b, importRejections as r } from '../../schema';
import type { DateSource } from '../../../ingest/observed-date';
import { prepared } from '../../statements';

const BATCH = {
	id: b.id,
	source: b.source,
	filename: b.filename,
	status: b.status,
	startedAt: b.startedAt,
	finishedAt: b.finishedAt,
	observedAt: b.observedAt,
	// Stored as text; only ingest/observed-date.ts writes it, with a DateSource.
	observedSource: sql<DateSource | null>`${b.observedSource}`,
	rows: b.rows,
	inserted: b.inserted,
	updated: b.updated,
	duplicates: b.duplicates,
	rejected: b.rejected,
	message: b.message
};

/** The newest `limit` batches, the demo's left out. Every query here runs per page view: prepared. */
export function recentBatches(db: Db, limit: number) {
	return prepared(db, 'read/imports/recent', (d) =>
		d
			.select(BATCH)
			.from(b)
			.where(ne(b.source, 'demo'))
			.orderBy(desc(b.id))
			.limit(sql.placeholder('limit'))
			.prepare()
	).all({ limit });
}

export function batchById(db: Db, id: number) {
	return prepared(db, 'read/imports/batch', (d) =>
		d
			.select({ ...BATCH, fileHash: b.fileHash, unmapped: b.unmapped })
			.from(b)
			.where(eq(b.id, sql.placeholder('id')))
			.prepare()
	).get({ id });
}

const REJECTION = { line: r.line, column: r.column, reasonId: r.reasonId, reasonEn: r.reasonEn, raw: r.raw };

/** A batch's rejected rows by line, the first `limit` (all when no limit). */
export function batchRejections(db: Db, batchId: number, limit?: number) {
	if (limit === undefined) {
		return prepared(db, 'read/imports/rejections-all', (d) =>
			d.select(REJECTION).from(r).where(eq(r.batchId, sql.placeholder('batchId'))).orderBy(asc(r.line)).prepare()
		).all({ batchId });
	}
	return prepared(db, 'read/imports/rejections', (d) =>
		d
			.select(REJECTION)
			.from(r)
			.where(eq(r.batchId, sql.placeholder('batchId')))
			.orderBy(asc(r.line))
			.limit(sql.placeholder('limit'))
			.prepare()
	).all({ batchId, limit });
}

export function batchRejectionCount(db: Db, batchId: number): number {
	return (
		prepared(db, 'read/imports/rejection-count', (d) =>
			d
				.select({ n: sql<number>`count(*)` })
				.from(r)
				.where(eq(r.batchId, sql.placeholder('batchId')))
				.prepare()
		).get({ batchId })?.n ?? 0
	);
}
