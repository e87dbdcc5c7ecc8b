// Queries on the import history (import_batches, import_rejections) shared by the listing
// import (ingest/pipeline.ts, merge.ts) and the sales book's (ingest/sales.ts).
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../index';
import { importBatches, importRejections, listings } from '../../schema';
import { exec, firstRow, oneRow } from '../../run';

type NewBatch = typeof importBatches.$inferInsert;
type BatchUpdate = Partial<Omit<NewBatch, 'id'>>;

/** Records a batch (running, or failed before anything was loaded); its id. */
export async function insertBatch(db: Db, batch: NewBatch): Promise<number> {
	return (await oneRow(db, db.insert(importBatches).values(batch).returning({ id: importBatches.id }))).id;
}

/** Sets a batch's status, counts and message. */
export async function updateBatch(db: Db, id: number, set: BatchUpdate): Promise<void> {
	await exec(db, db.update(importBatches).set(set).where(eq(importBatches.id, id)));
}

/** The newest completed batch of a file with this content hash. */
export async function lastDoneBatchOfFile(db: Db, fileHash: string): Promise<number | undefined> {
	return (await firstRow(db, db
		.select({ id: importBatches.id })
		.from(importBatches)
		.where(and(eq(importBatches.fileHash, fileHash), eq(importBatches.status, 'done')))
		.orderBy(desc(importBatches.id))
		.limit(1)))?.id;
}

type NewRejection = Omit<typeof importRejections.$inferInsert, 'batchId'>;

/** Refused rows' reasons of a batch, in the order given, several rows per statement. */
export async function insertRejections(db: Db, batchId: number, rows: NewRejection[]): Promise<void> {
	// 6 values a row: well under SQLite's 32,766 bound values per statement.
	for (let i = 0; i < rows.length; i += 1000) {
		await exec(db, db.insert(importRejections).values(rows.slice(i, i + 1000).map((r) => ({ ...r, batchId }))));
	}
}

/** How many listings the database holds (the import benchmark wants an empty one). */
export async function countListings(db: Db): Promise<number> {
	return (await oneRow(db, db.select({ n: count() }).from(listings))).n;
}
