// What one request did that decides whether its answer may be kept (page-cache.ts): a reader
// that found derived data missing asks the background writer for it (derive/notify.ts
// requestDerived), and its answer says "sedang disiapkan". Such an answer is not kept: the next
// view must ask again and show the data once it is built. Tracked per request through
// AsyncLocalStorage, so requests running side by side do not mark each other. A leaf: it
// imports nothing of the app.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
	/** A reader asked the background writer for derived data during this request. */
	askedForDerived: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with a fresh scope and returns the scope with `fn`'s result. */
export async function withRequestScope<T>(fn: () => Promise<T>): Promise<{ scope: RequestScope; result: T }> {
	const scope: RequestScope = { askedForDerived: false };
	const result = await storage.run(scope, fn);
	return { scope, result };
}

/** Marks the current request (if any) as one that asked for derived data. */
export function markAskedForDerived(): void {
	const scope = storage.getStore();
	if (scope) scope.askedForDerived = true;
}
