// Operations aid: with SLOW_MS set, requests slower than that many milliseconds are logged to
// stderr, and so is any stretch where the server's one thread could not run for that long
// (better-sqlite3 is synchronous: a long query or a lock wait freezes every request at once).
// bench:load sets it and summarises the lines, so a stall names its cause.
export function slowThreshold(value: string | undefined): number | null {
	const ms = Number(value);
	return value && Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** Logs a request that took longer than the threshold. */
export function logSlowRequest(threshold: number | null, method: string, path: string, routeId: string | null, ms: number): void {
	if (threshold !== null && ms >= threshold) console.error(`[slow] ${Math.round(ms)} ms ${method} ${path} (${routeId ?? 'no route'})`);
}

let watching = false;

/** Starts a timer that logs when the thread was blocked longer than the threshold. */
export function watchBlockedThread(threshold: number | null): void {
	if (threshold === null || watching) return;
	watching = true;
	const tick = 100;
	let last = performance.now();
	setInterval(() => {
		const now = performance.now();
		const late = now - last - tick;
		last = now;
		if (late >= threshold) console.error(`[slow] thread blocked ${Math.round(late)} ms`);
	}, tick).unref();
}
