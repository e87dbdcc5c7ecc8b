// Messages between the server's request thread and its background writer (derive/writer.ts on
// the request side, derive/writer-thread.ts on the writer's own thread). Plain data only: they
// cross a worker_threads boundary by structured clone.
import type { ImportOptions, ImportProgress, ImportSummary } from '../ingest/pipeline';
import type { CompanionFile } from '../ingest/companions';

/** What changed: categories whose listings changed, products that were added or edited; both empty = everything. */
export interface RefreshScope {
	categoryIds?: number[];
	productIds?: number[];
}

/** Everything of ImportOptions that can cross to the thread (progress comes back as messages). */
export type WriterOptions = Omit<ImportOptions, 'onProgress'>;

export type ToWriter =
	| { type: 'refresh'; scope: RefreshScope }
	| {
			type: 'import';
			id: number;
			upload: { fileName: string; bytes: Uint8Array; companions?: CompanionFile[] };
			options: WriterOptions;
	  }
	| { type: 'stop' };

export type FromWriter =
	| { type: 'ready' }
	| { type: 'progress'; id: number; progress: ImportProgress }
	| { type: 'imported'; id: number; summary: ImportSummary }
	| { type: 'import-failed'; id: number; message: string }
	| { type: 'refreshed'; ms: number; products: number }
	| { type: 'heartbeat'; at: number; busy: boolean; queued: number }
	| { type: 'error'; message: string }
	| { type: 'stopped' };
