// What a write that changes what derived data is built from calls afterwards (a product added
// or renamed, listings imported). In the server the background writer rebuilds it on its own
// thread and the request returns at once; without one (CLI commands, tests on an in-memory
// database) it is rebuilt here, before returning, so the caller reads the new state.
import type { Db } from '../db';
import { refreshDerived } from './refresh';
import type { RefreshScope } from './writer-protocol';
import { backgroundWriter } from './writer';

export function derivedDataChanged(db: Db, scope: RefreshScope): void {
	const writer = backgroundWriter();
	if (writer) writer.refresh(scope);
	else refreshDerived(db, scope.categoryIds ?? (scope.productIds ? [] : undefined), scope.productIds);
}
