// The two ways the rest of the server reaches the builders of derived data.
// - derivedDataChanged: a write changed what derived data is built from (a product added,
//   competitors removed by an agent). In the server the background writer rebuilds it on its
//   own thread; the returned promise settles when it has (or after WAIT_MS: the page then says
//   it is being prepared), so a form can show the result it just caused. Without a writer (CLI
//   commands, tests on an in-memory database) it is rebuilt here, before returning.
// - requestDerived: a reader found derived data missing or outdated. It asks the writer (a
//   message, never a write) and returns at once; without a writer nothing happens, and the
//   reader says the data is being prepared. The same request is not sent again for a while, so
//   a page viewed a hundred times does not queue a hundred messages.
import type { Db } from '../db';
import { isBusy } from '../db/busy';
import { markAskedForDerived } from '../request-scope';
import { refreshScope } from './refresh';
import type { RefreshScope } from './writer-protocol';
import { backgroundWriter } from './writer';

/** How long a write waits for the writer's rebuild before answering anyway. */
const WAIT_MS = 15_000;

export async function derivedDataChanged(db: Db, scope: RefreshScope): Promise<void> {
	const writer = backgroundWriter();
	if (writer) return writer.refreshAndWait(scope, WAIT_MS).then(() => undefined, savedAnyway);
	try {
		await refreshScope(db, scope);
	} catch (e) {
		savedAnyway(e);
	}
	return Promise.resolve();
}

/**
 * The write that called derivedDataChanged is already saved. Failing it for a locked database
 * would make the caller's retry (db/busy.ts whenWritable) repeat the write: a second product.
 * The rebuild only waits; readers say "sedang disiapkan" and ask for it again.
 */
function savedAnyway(e: unknown): void {
	if (!isBusy(e)) throw e;
}

/** A request already sent, by its scope, and when: not sent again within REPEAT_MS. */
const asked = new Map<string, number>();
const REPEAT_MS = 10_000;

export async function requestDerived(scope: RefreshScope, { preparing = true }: { preparing?: boolean } = {}): Promise<void> {
	// An answer that says "sedang disiapkan" must not be kept (page-cache.ts). One that shows an
	// outdated part whole (`preparing: false`: the old state, as readers see during a refresh) may
	// be: otherwise every view during an import's refresh rendered afresh.
	if (preparing) markAskedForDerived();
	const writer = backgroundWriter();
	// An empty scope means everything: never what a reader asks for.
	if (!writer || (!scope.categoryIds?.length && !scope.productIds?.length && !scope.forecasts?.length)) return;
	const key = JSON.stringify([scope.categoryIds ?? [], scope.productIds ?? [], scope.forecasts ?? []]);
	const now = Date.now();
	if ((asked.get(key) ?? 0) > now - REPEAT_MS) return;
	if (asked.size > 10_000) asked.clear();
	asked.set(key, now);
	await writer.refresh(scope);
}
