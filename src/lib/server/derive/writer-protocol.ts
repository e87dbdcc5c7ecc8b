// Messages between the server's request thread and its background writer (derive/writer.ts on
// the request side, derive/writer-thread.ts on the writer's own thread). Plain data only: they
// cross a worker_threads boundary by structured clone.
import type { ImportOptions, ImportProgress, ImportSummary } from '../ingest/pipeline';
import type { CompanionFile } from '../ingest/companions';

/**
 * What to rebuild: categories whose listings changed, products that were added or edited (or
 * whose market part a reader found missing), forecasts a reader found unfitted (`category:ID`,
 * `product:ID`). All three empty = everything.
 */
export interface RefreshScope {
	categoryIds?: number[];
	productIds?: number[];
	forecasts?: string[];
}

/** Everything of ImportOptions that can cross to the thread (progress comes back as messages). */
export type WriterOptions = Omit<ImportOptions, 'onProgress' | 'derive'>;

export type ToWriter =
	/** `id`: the caller waits for this refresh; the writer names it in `refreshed` when done. */
	| { type: 'refresh'; scope: RefreshScope; id?: number }
	| {
			type: 'import';
			id: number;
			upload: { fileName: string; bytes: Uint8Array; companions?: CompanionFile[] };
			options: WriterOptions;
	  }
	/** After start-up: build whatever derived data is missing or outdated (derive/missing.ts). */
	| { type: 'build-missing' }
	| { type: 'stop' };

export type FromWriter =
	| { type: 'ready' }
	| { type: 'progress'; id: number; progress: ImportProgress }
	| { type: 'imported'; id: number; summary: ImportSummary }
	| { type: 'import-failed'; id: number; message: string }
	| { type: 'refreshed'; ms: number; products: number; ids: number[] }
	| { type: 'built-missing'; ms: number; log: string[] }
	| { type: 'heartbeat'; at: number; busy: boolean; queued: number }
	| { type: 'error'; message: string; ids?: number[] }
	| { type: 'stopped' };
